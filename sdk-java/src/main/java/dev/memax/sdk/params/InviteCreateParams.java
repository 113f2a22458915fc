package dev.memax.sdk.params;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.memax.sdk.models.HubRole;

/**
 * Body of {@code POST /v1/hubs/{id}/invites}. Every field is optional.
 *
 * @param email         only this email may accept the invite; anyone with the token when null
 * @param role          {@code admin}, {@code contributor} or {@code viewer}; contributor when null
 * @param expiresInDays 1-30; 7 when null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InviteCreateParams(String email, String role, Integer expiresInDays) {
    /** An invite with every default: anyone with the link joins as a contributor within 7 days. */
    public static final InviteCreateParams DEFAULT = new InviteCreateParams(null, null, null);

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link InviteCreateParams}. */
    public static final class Builder {
        private String email;
        private String role;
        private Integer expiresInDays;

        private Builder() {}

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        public Builder role(HubRole role) {
            this.role = Checks.role(role);
            return this;
        }

        /** The role as its wire value (for values newer than this SDK). */
        public Builder role(String role) {
            this.role = role;
            return this;
        }

        public Builder expiresInDays(int days) {
            this.expiresInDays = days;
            return this;
        }

        public InviteCreateParams build() {
            return new InviteCreateParams(email, role, expiresInDays);
        }
    }
}
