package dev.memax.server.oauth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user's consent to an OAuth client: the scopes it may be given without asking again. */
public record OAuthGrant(
        UUID id, String clientId, String clientName, List<String> scopes, Instant createdAt, Instant updatedAt) {}
