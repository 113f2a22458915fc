package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The state of a hub invite.
 *
 * <p>A value this SDK version does not know (added to the API later) reads as {@link #UNKNOWN}
 * instead of failing.
 */
public enum InviteStatus implements WireEnum {
    /** {@code pending} */
    PENDING("pending"),
    /** {@code accepted} */
    ACCEPTED("accepted"),
    /** {@code revoked} */
    REVOKED("revoked"),
    /** {@code expired} */
    EXPIRED("expired"),
    /** A value this SDK version does not know; never sent. */
    UNKNOWN("unknown");

    private final String wire;

    InviteStatus(String wire) {
        this.wire = wire;
    }

    /** The value on the wire, e.g. {@code "pending"}. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The constant for a wire value; {@link #UNKNOWN} for a value this SDK does not know. */
    @JsonCreator
    public static InviteStatus fromWire(String value) {
        return WireEnum.fromWire(values(), value, UNKNOWN);
    }

    @Override
    public String toString() {
        return wire;
    }
}
