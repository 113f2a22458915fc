package dev.memax.sdk;

import dev.memax.sdk.models.AuthorizationServerMetadata;
import dev.memax.sdk.models.ProtectedResourceMetadata;
import java.util.Objects;

/**
 * The OAuth discovery documents MCP clients read before signing a user in (public, no
 * credentials): {@code /.well-known/oauth-protected-resource[/mcp|/mcp/chatgpt]} (RFC 9728) and
 * {@code /.well-known/oauth-authorization-server} (RFC 8414).
 */
public final class OAuthMetadataService {
    private static final String RESOURCE = "/.well-known/oauth-protected-resource";
    private final Transport transport;

    OAuthMetadataService(Transport transport) {
        this.transport = transport;
    }

    /** This server as an authorization server: its endpoints and what it supports. */
    public AuthorizationServerMetadata authorizationServer() {
        return authorizationServer(RequestOptions.NONE);
    }

    /** {@link #authorizationServer()} with per-call options. */
    public AuthorizationServerMetadata authorizationServer(RequestOptions options) {
        return transport.callRaw(
                "GET",
                "/.well-known/oauth-authorization-server",
                options,
                Transport.Auth.NONE,
                AuthorizationServerMetadata.class);
    }

    /** The server's origin as a protected resource (a token for it opens both MCP endpoints). */
    public ProtectedResourceMetadata protectedResource() {
        return protectedResource("", RequestOptions.NONE);
    }

    /**
     * One MCP endpoint as a protected resource.
     *
     * @param endpointPath {@code /mcp} or {@code /mcp/chatgpt}; another path is a
     *                     {@link dev.memax.sdk.errors.NotFoundException}
     */
    public ProtectedResourceMetadata protectedResource(String endpointPath) {
        return protectedResource(endpointPath, RequestOptions.NONE);
    }

    /** {@link #protectedResource(String)} with per-call options ({@code ""}: the origin's). */
    public ProtectedResourceMetadata protectedResource(String endpointPath, RequestOptions options) {
        Objects.requireNonNull(endpointPath, "endpointPath");
        if (!endpointPath.isEmpty() && !endpointPath.startsWith("/")) {
            throw new IllegalArgumentException("endpointPath must start with '/' (e.g. /mcp), or be empty");
        }
        return transport.callRaw(
                "GET", RESOURCE + endpointPath, options, Transport.Auth.NONE, ProtectedResourceMetadata.class);
    }
}
