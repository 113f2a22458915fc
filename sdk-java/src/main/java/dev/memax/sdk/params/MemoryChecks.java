package dev.memax.sdk.params;

/** Argument checks of the memory params. */
final class MemoryChecks {
    private MemoryChecks() {
    }

    /** Refuses the {@code UNKNOWN} constant of an enum read from the wire: it is never sent. */
    static <E extends Enum<E>> E known(E value, E unknown) {
        if (value != null && value == unknown) {
            throw new IllegalArgumentException(value.getDeclaringClass().getSimpleName() + ".UNKNOWN cannot be sent");
        }
        return value;
    }
}
