package dev.memax.server.memory;

/**
 * A memory's lifecycle: {@code active} (recalled), {@code processing} (an upload being ingested:
 * set by the server only) or {@code archived} (kept, but left out of recall unless asked for).
 */
public enum MemoryState {
    ACTIVE,
    PROCESSING,
    ARCHIVED;

    public static MemoryState fromWire(String value) {
        return valueOf(value.toUpperCase());
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
