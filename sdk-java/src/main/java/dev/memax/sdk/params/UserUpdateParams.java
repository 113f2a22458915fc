package dev.memax.sdk.params;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code PATCH /v1/auth/me}: only the fields set are changed.
 *
 * @param name            a new display name
 * @param password        a new password (10-256 characters); needs {@code currentPassword}, and
 *                        ends the user's other sessions
 * @param currentPassword the current password, required to change it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserUpdateParams(String name, String password, String currentPassword) {
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "UserUpdateParams[name=" + name + ", password=" + (password == null ? null : "<secret>") + "]";
    }

    /** Builds {@link UserUpdateParams}. */
    public static final class Builder {
        private String name;
        private String password;
        private String currentPassword;

        private Builder() {}

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Changes the password; also set {@link #currentPassword(String)}. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder currentPassword(String currentPassword) {
            this.currentPassword = currentPassword;
            return this;
        }

        public UserUpdateParams build() {
            return new UserUpdateParams(name, password, currentPassword);
        }
    }
}
