package dev.memax.sdk.params;

import dev.memax.sdk.models.HubRole;

/** Argument checks shared by the builders. */
final class Checks {
    private Checks() {
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalStateException(field + " is required");
        }
        return value;
    }

    static String role(HubRole role) {
        if (role == null) {
            return null;
        }
        if (role == HubRole.UNKNOWN) {
            throw new IllegalArgumentException("HubRole.UNKNOWN cannot be sent");
        }
        return role.wire();
    }
}
