package dev.memax.server.identity;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A hub member as the API shows it; {@code user_name}, {@code user_email} and
 * {@code user_avatar_url} repeat it under the names the Memax SDK's {@code HubMember} reads.
 */
public record Member(UUID userId, String email, String name, HubRole role, Instant joinedAt) {
    @JsonProperty("user_name")
    public String userName() {
        return name;
    }

    @JsonProperty("user_email")
    public String userEmail() {
        return email;
    }

    /** Users have no avatar here. */
    @JsonProperty("user_avatar_url")
    public String userAvatarUrl() {
        return "";
    }
}
