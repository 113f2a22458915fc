package dev.memax.sdk.params;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.memax.sdk.models.HubRole;
import java.util.UUID;

/**
 * Body of {@code POST /v1/hubs/{id}/members}: adds an existing user, named by email or id.
 *
 * @param email  the user's email (this or {@code userId})
 * @param userId the user's id (this or {@code email})
 * @param role   {@code admin}, {@code contributor} or {@code viewer} (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemberAddParams(String email, UUID userId, String role) {
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link MemberAddParams}. */
    public static final class Builder {
        private String email;
        private UUID userId;
        private String role;

        private Builder() {}

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        public Builder userId(UUID userId) {
            this.userId = userId;
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

        /** @throws IllegalStateException when the role, or both email and user id, are missing */
        public MemberAddParams build() {
            if (email == null && userId == null) {
                throw new IllegalStateException("email or userId is required");
            }
            return new MemberAddParams(email, userId, Checks.required(role, "role"));
        }
    }
}
