package dev.memax.server.oauth;

import java.time.Instant;
import java.util.List;

/**
 * A client this authorization server knows: registered by an admin ({@code admin}), through
 * RFC 7591 ({@code dynamic}), or described by its Client ID Metadata Document
 * ({@code metadata_document}: its id is the document's URL; not stored, see {@link ClientMetadataCache}). Every client is public (no secret; PKCE proves the caller), as
 * MCP clients are: a desktop app or a connector cannot keep a secret per user.
 */
public record OAuthClient(
        String clientId,
        String registration,
        String clientName,
        List<String> redirectUris,
        String clientUri,
        String logoUri,
        Instant createdAt) {}
