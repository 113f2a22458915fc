package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * An enum of the API whose constants travel as a wire string: the constant's name in lower
 * case ({@code CONTRIBUTOR} is {@code "contributor"}), written as that string by Jackson. An
 * enum the API answers with also has an {@code UNKNOWN} constant for values added to the API
 * after this SDK version (read instead of failing, never sent), and a {@code @JsonCreator}
 * {@code fromWire(String)} built on {@link #fromWire(Enum[], String, Enum)}.
 */
public interface WireEnum {
    /** The value on the wire, e.g. {@code "contributor"}; an enum whose wire values differ from its names overrides it. */
    @JsonValue
    default String wire() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }

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
