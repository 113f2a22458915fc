package dev.memax.sdk.params;

import dev.memax.sdk.models.HubRole;

/** Argument checks shared by the builders. */
final class Checks {
    private Checks() {}

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalStateException(field + " is required");
        }
        return value;
    }

    /** Refuses the {@code UNKNOWN} constant of an enum read from the wire: it is never sent. */
    static <E extends Enum<E>> E known(E value, E unknown) {
        if (value != null && value == unknown) {
            throw new IllegalArgumentException(value.getDeclaringClass().getSimpleName() + ".UNKNOWN cannot be sent");
        }
        return value;
    }

    /** A role to send: its wire value, null for none. */
    static String role(HubRole role) {
        return role == null ? null : known(role, HubRole.UNKNOWN).wire();
    }
}
