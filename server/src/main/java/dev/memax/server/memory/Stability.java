package dev.memax.server.memory;

/** How long a memory is expected to stay true (docs/architecture.md §5.5); recall boosts stable ones. */
public enum Stability {
    VOLATILE,
    EVOLVING,
    STABLE;

    public static Stability fromWire(String value) {
        return valueOf(value.toUpperCase());
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
