package dev.memax.server.ratelimit;

import dev.memax.server.plan.Plan;
import java.util.Locale;

/** The three per-minute buckets every plan sets a cap for (docs/architecture.md §5.8). */
public enum BucketClass {
    HEAVY,
    REGULAR,
    LIGHT;

    /** The wire name ({@code heavy}, {@code regular}, {@code light}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    int perMinute(Plan plan) {
        return switch (this) {
            case HEAVY -> plan.heavyPerMinute();
            case REGULAR -> plan.regularPerMinute();
            case LIGHT -> plan.lightPerMinute();
        };
    }

    int anonymousPerMinute(RateLimitSettings settings) {
        return switch (this) {
            case HEAVY -> settings.anonymousHeavy();
            case REGULAR -> settings.anonymousRegular();
            case LIGHT -> settings.anonymousLight();
        };
    }
}
