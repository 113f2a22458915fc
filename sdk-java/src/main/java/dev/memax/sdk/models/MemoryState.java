package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A memory's lifecycle: {@code active}, {@code processing} (an upload still being ingested; set
 * by the server) or {@code archived} (kept, but left out of recall unless asked for).
 *
 * <p>A value this SDK version does not know (added to the API later) reads as {@link #UNKNOWN}
 * instead of failing.
 */
public enum MemoryState implements WireEnum {
    /** {@code active} */
    ACTIVE,
    /** {@code processing} */
    PROCESSING,
    /** {@code archived} */
    ARCHIVED,
    /** A value this SDK version does not know; never sent. */
    UNKNOWN;

    /** The constant for a wire value; {@link #UNKNOWN} for a value this SDK does not know. */
    @JsonCreator
    public static MemoryState fromWire(String value) {
        return WireEnum.fromWire(values(), value, UNKNOWN);
    }

    @Override
    public String toString() {
        return wire();
    }
}
