package dev.memax.server.memory;

/** What sort of knowledge a memory holds (docs/architecture.md §5.5); wire values are the lowercase names. */
public enum MemoryKind {
    EPISODIC,
    SEMANTIC,
    PROCEDURAL,
    RATIONALE;

    public static MemoryKind fromWire(String value) {
        return valueOf(value.toUpperCase());
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
