package dev.memax.server.hub;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The current time at PostgreSQL's precision, so what a write answers equals what later reads answer. */
final class Now {
    private Now() {
    }

    static Instant instant() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
