package dev.memax.sdk.models;

import java.util.List;

/**
 * OAuth 2.0 protected-resource metadata (RFC 9728) of the server or one of its MCP endpoints.
 *
 * @param resource               the resource's identifier: what an OAuth client names as
 *                               {@code resource} (RFC 8707) to get a token for it
 * @param authorizationServers   the issuers of its tokens (this server)
 * @param scopesSupported        {@code memax:read}, {@code memax:write}
 * @param bearerMethodsSupported how a token is sent: {@code header} only
 * @param resourceName           a name to show
 * @param resourceDocumentation  where its documentation is
 */
public record ProtectedResourceMetadata(
        String resource,
        List<String> authorizationServers,
        List<String> scopesSupported,
        List<String> bearerMethodsSupported,
        String resourceName,
        String resourceDocumentation) {
    public ProtectedResourceMetadata {
        authorizationServers = authorizationServers == null ? List.of() : List.copyOf(authorizationServers);
        scopesSupported = scopesSupported == null ? List.of() : List.copyOf(scopesSupported);
        bearerMethodsSupported = bearerMethodsSupported == null ? List.of() : List.copyOf(bearerMethodsSupported);
    }
}
