package dev.memax.sdk.models;

/**
 * An enum of the API whose constants travel as a wire string, with an {@code UNKNOWN} constant
 * for values added to the API after this SDK version (read instead of failing, never sent).
 */
public interface WireEnum {
    /** The value on the wire. */
    String wire();

    /** The constant of {@code constants} whose wire value is {@code value}, or {@code unknown}. */
    static <E extends Enum<E> & WireEnum> E fromWire(E[] constants, String value, E unknown) {
        for (E constant : constants) {
            if (constant != unknown && constant.wire().equals(value)) {
                return constant;
            }
        }
        return unknown;
    }
}
