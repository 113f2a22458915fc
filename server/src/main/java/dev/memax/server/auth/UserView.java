package dev.memax.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.memax.server.identity.User;
import java.time.Instant;
import java.util.UUID;

/** The User object on the wire: never the password hash or the settings document. */
public record UserView(
        UUID id,
        String email,
        String name,
        @JsonProperty("is_admin") boolean isAdmin,
        String plan,
        UUID personalHubId,
        Instant createdAt,
        Instant updatedAt) {

    public static UserView of(User user, UUID personalHubId) {
        return new UserView(
                user.id(),
                user.email(),
                user.name(),
                user.admin(),
                user.plan(),
                personalHubId,
                user.createdAt(),
                user.updatedAt());
    }
}
