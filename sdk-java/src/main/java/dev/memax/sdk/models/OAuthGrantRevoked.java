package dev.memax.sdk.models;

import java.util.UUID;

/**
 * The answer of withdrawing consent from an OAuth client.
 *
 * @param id              the grant
 * @param clientId        the client it was for
 * @param revoked         {@code true}
 * @param sessionsRevoked how many of that client's sessions ended with it (their tokens stopped working)
 */
public record OAuthGrantRevoked(UUID id, String clientId, boolean revoked, int sessionsRevoked) {}
