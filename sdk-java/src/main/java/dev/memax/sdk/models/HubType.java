package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The kind of a hub: every user has one {@code personal} hub; {@code team} hubs are shared.
 *
 * <p>A value this SDK version does not know (added to the API later) reads as {@link #UNKNOWN}
 * instead of failing.
 */
public enum HubType implements WireEnum {
    /** {@code personal} */
    PERSONAL,
    /** {@code team} */
    TEAM,
    /** A value this SDK version does not know; never sent. */
    UNKNOWN;

    /** The constant for a wire value; {@link #UNKNOWN} for a value this SDK does not know. */
    @JsonCreator
    public static HubType fromWire(String value) {
        return WireEnum.fromWire(values(), value, UNKNOWN);
    }

    @Override
    public String toString() {
        return wire();
    }
}
