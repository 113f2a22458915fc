package dev.memax.server.dream;

/** A run's state: {@code running} until it ends as one of the others. */
public enum DreamStatus {
    RUNNING,
    COMPLETED,
    /** Some phases failed, others finished. */
    PARTIAL_FAILED,
    FAILED,
    /** Ended before any phase ran (the hub's plan no longer includes dreams). */
    SKIPPED;

    public static DreamStatus fromWire(String value) {
        return valueOf(value.toUpperCase());
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
