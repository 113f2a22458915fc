package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * How long a memory is expected to stay true; recall favours {@code stable} memories and
 * disfavours {@code volatile} ones.
 *
 * <p>A value this SDK version does not know (added to the API later) reads as {@link #UNKNOWN}
 * instead of failing.
 */
public enum MemoryStability implements WireEnum {
    /** {@code volatile} */
    VOLATILE,
    /** {@code evolving} */
    EVOLVING,
    /** {@code stable} */
    STABLE,
    /** A value this SDK version does not know; never sent. */
    UNKNOWN;

    /** The constant for a wire value; {@link #UNKNOWN} for a value this SDK does not know. */
    @JsonCreator
    public static MemoryStability fromWire(String value) {
        return WireEnum.fromWire(values(), value, UNKNOWN);
    }

    @Override
    public String toString() {
        return wire();
    }
}
