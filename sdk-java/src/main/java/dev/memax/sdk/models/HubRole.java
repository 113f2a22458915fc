package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A member's role in a hub, from most to least powerful: owners also delete and transfer the
 * hub, admins manage members and everything in it, contributors write their own memories,
 * viewers read.
 *
 * <p>A value this SDK version does not know (added to the API later) reads as {@link #UNKNOWN}
 * instead of failing.
 */
public enum HubRole implements WireEnum {
    /** {@code owner} */
    OWNER,
    /** {@code admin} */
    ADMIN,
    /** {@code contributor} */
    CONTRIBUTOR,
    /** {@code viewer} */
    VIEWER,
    /** A value this SDK version does not know; never sent. */
    UNKNOWN;

    /** The constant for a wire value; {@link #UNKNOWN} for a value this SDK does not know. */
    @JsonCreator
    public static HubRole fromWire(String value) {
        return WireEnum.fromWire(values(), value, UNKNOWN);
    }

    @Override
    public String toString() {
        return wire();
    }
}
