package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * What sort of knowledge a memory holds: something that happened ({@code episodic}), a fact
 * ({@code semantic}), how to do something ({@code procedural}) or why something is so
 * ({@code rationale}).
 *
 * <p>A value this SDK version does not know (added to the API later) reads as {@link #UNKNOWN}
 * instead of failing.
 */
public enum MemoryKind implements WireEnum {
    /** {@code episodic} */
    EPISODIC,
    /** {@code semantic} */
    SEMANTIC,
    /** {@code procedural} */
    PROCEDURAL,
    /** {@code rationale} */
    RATIONALE,
    /** A value this SDK version does not know; never sent. */
    UNKNOWN;

    /** The constant for a wire value; {@link #UNKNOWN} for a value this SDK does not know. */
    @JsonCreator
    public static MemoryKind fromWire(String value) {
        return WireEnum.fromWire(values(), value, UNKNOWN);
    }

    @Override
    public String toString() {
        return wire();
    }
}
