package dev.memax.server.platform;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The current time at PostgreSQL's precision, so what a write answers equals what later reads answer. */
public final class Now {
    private Now() {}

    public static Instant instant() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
