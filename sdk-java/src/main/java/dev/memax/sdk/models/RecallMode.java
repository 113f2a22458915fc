package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * How recall ranks: {@link #HYBRID} fuses vectors and full text (the default), {@link #SEMANTIC}
 * uses the vectors alone, {@link #KEYWORD} the full text alone.
 *
 * <p>A value this SDK version does not know reads as {@link #UNKNOWN} instead of failing.
 */
public enum RecallMode implements WireEnum {
    /** {@code hybrid} */
    HYBRID,
    /** {@code semantic} */
    SEMANTIC,
    /** {@code keyword} */
    KEYWORD,
    /** A value this SDK version does not know; never sent. */
    UNKNOWN;

    /** The constant for a wire value; {@link #UNKNOWN} for a value this SDK does not know. */
    @JsonCreator
    public static RecallMode fromWire(String value) {
        return WireEnum.fromWire(values(), value, UNKNOWN);
    }

    @Override
    public String toString() {
        return wire();
    }
}
