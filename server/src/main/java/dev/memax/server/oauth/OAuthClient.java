package dev.memax.server.oauth;

import java.time.Instant;
import java.util.List;

/**
 * A client this authorization server knows: registered by an admin ({@code admin}) or through
 * RFC 7591 ({@code dynamic}). Every client is public (no secret; PKCE proves the caller), as
 * MCP clients are: a desktop app or a connector cannot keep a secret per user.
 */
public record OAuthClient(String clientId, String registration, String clientName, List<String> redirectUris,
                          String clientUri, String logoUri, Instant createdAt) {
}
