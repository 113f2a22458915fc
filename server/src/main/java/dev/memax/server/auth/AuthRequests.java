package dev.memax.server.auth;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Request bodies of the auth routes (unknown fields are ignored; violations are 422 per field). */
public final class AuthRequests {
    private AuthRequests() {}

    @Introspected
    public record Signup(
            @NotBlank @Size(max = 254) String email,
            @NotNull @Size(min = 10, max = 256) String password,
            @Nullable @Size(max = 100) String name,
            @Nullable String inviteToken) {
        @Override
        public String toString() {
            return "Signup[email=" + email + "]";
        }
    }

    @Introspected
    public record Login(@NotBlank String email, @NotBlank String password) {
        @Override
        public String toString() {
            return "Login[email=" + email + "]";
        }
    }

    @Introspected
    public record Refresh(@NotBlank String refreshToken) {
        @Override
        public String toString() {
            return "Refresh[]";
        }
    }

    @Introspected
    public record Logout(@Nullable String refreshToken) {
        @Override
        public String toString() {
            return "Logout[]";
        }
    }

    /**
     * @param scopes  null: both; {@code read}/{@code write} accepted for {@code memax:read}/{@code memax:write}
     * @param hubId   restricts the key to one hub (combined with {@code hub_ids} when both are sent)
     */
    @Introspected
    public record CreateApiKey(
            @NotBlank @Size(max = ApiKeyService.MAX_NAME) String name,

            @Nullable @Size(min = 1, message = "must name at least one scope (omit it for both)")
            List<String> scopes,

            @Nullable String hubId,

            @Nullable
            @Size(min = 1, max = 100, message = "must name 1-100 hubs (omit it for a key that reaches every hub)")
            List<String> hubIds,

            @Nullable @Size(max = 100) String agentName,

            @Nullable @Min(1) @Max(ApiKeyService.MAX_EXPIRY_DAYS)
            Integer expiresInDays) {}

    /** Absent fields are unchanged; an empty {@code agent_name} clears it. */
    @Introspected
    public record UpdateApiKey(
            @Nullable @Size(min = 1, max = ApiKeyService.MAX_NAME)
            String name,

            @Nullable @Size(max = 100) String agentName) {}
}
