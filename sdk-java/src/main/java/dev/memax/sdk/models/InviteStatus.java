package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The state of a hub invite.
 *
 * <p>A value this SDK version does not know (added to the API later) reads as {@link #UNKNOWN}
 * instead of failing.
 */
public enum InviteStatus implements WireEnum {
    /** {@code pending} */
    PENDING,
    /** {@code accepted} */
    ACCEPTED,
    /** {@code revoked} */
    REVOKED,
    /** {@code expired} */
    EXPIRED,
    /** A value this SDK version does not know; never sent. */
    UNKNOWN;

    /** The constant for a wire value; {@link #UNKNOWN} for a value this SDK does not know. */
    @JsonCreator
    public static InviteStatus fromWire(String value) {
        return WireEnum.fromWire(values(), value, UNKNOWN);
    }

    @Override
    public String toString() {
        return wire();
    }
}
