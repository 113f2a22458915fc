package dev.memax.server.identity;

import java.util.Set;
import java.util.UUID;

/**
 * The authenticated principal of a request: a user acting through an API key or an access
 * token. Controllers receive it as a parameter; authorization decisions on it are made only by
 * {@link dev.memax.server.access.AccessPolicy}.
 *
 * @param apiKeyId       the key used, or null for an access token
 * @param sessionId      the login session of an access token, or null for an API key
 * @param hubRestriction hubs an API key is limited to, or null when unrestricted
 * @param oauthClientId  the OAuth client an access token was issued to, or null
 */
public record Caller(
        UUID userId,
        boolean admin,
        UUID apiKeyId,
        UUID sessionId,
        Set<Scope> scopes,
        Set<UUID> hubRestriction,
        String oauthClientId) {

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    public boolean mayReach(UUID hubId) {
        return hubRestriction == null || hubRestriction.contains(hubId);
    }

    public boolean viaApiKey() {
        return apiKeyId != null;
    }

    /** Whether the credential is an OAuth client's token, which can ask the user for more scopes. */
    public boolean viaOAuthClient() {
        return oauthClientId != null;
    }
}
