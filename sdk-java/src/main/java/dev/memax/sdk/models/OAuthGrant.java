package dev.memax.sdk.models;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Consent you gave an OAuth client (ChatGPT, Claude, …) on the authorization page.
 *
 * @param id         the grant's id (withdraw it with {@code oauthGrants().revoke(id)})
 * @param clientId   {@code mxc_…}, or the URL of the client's metadata document
 * @param clientName the name the consent page showed
 * @param scopes     what it may get without asking again ({@code memax:read}, {@code memax:write})
 * @param createdAt  first consent
 * @param updatedAt  latest consent
 */
public record OAuthGrant(
        UUID id, String clientId, String clientName, List<String> scopes, Instant createdAt, Instant updatedAt) {}
