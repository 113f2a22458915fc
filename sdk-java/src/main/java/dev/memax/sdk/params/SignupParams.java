package dev.memax.sdk.params;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code POST /v1/auth/signup}.
 *
 * @param email       the login email (required)
 * @param password    10-256 characters (required)
 * @param name        the display name (1-100 characters); the email's local part when null
 * @param inviteToken an invite ({@code mxi_…}) to join its hub on signup; required when the
 *                    server only accepts signups by invitation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignupParams(String email, String password, String name, String inviteToken) {
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "SignupParams[email=" + email + ", name=" + name + ", inviteToken="
                + (inviteToken == null ? null : "<secret>") + "]";
    }

    /** Builds {@link SignupParams}. */
    public static final class Builder {
        private String email;
        private String password;
        private String name;
        private String inviteToken;

        private Builder() {}

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder inviteToken(String inviteToken) {
            this.inviteToken = inviteToken;
            return this;
        }

        /** @throws IllegalStateException when email or password is missing */
        public SignupParams build() {
            return new SignupParams(
                    Checks.required(email, "email"), Checks.required(password, "password"), name, inviteToken);
        }
    }
}
