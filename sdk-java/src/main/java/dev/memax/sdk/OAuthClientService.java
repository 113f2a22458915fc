package dev.memax.sdk;

import dev.memax.sdk.models.OAuthClient;
import dev.memax.sdk.models.OAuthClientDeleted;
import dev.memax.sdk.params.ListParams;
import dev.memax.sdk.params.OAuthClientCreateParams;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The OAuth clients of the installation ({@code /v1/admin/oauth-clients}; admins only): clients
 * registered in advance, and those that registered themselves through dynamic registration.
 */
public final class OAuthClientService {
    private static final String PATH = "/v1/admin/oauth-clients";
    private final Transport transport;

    OAuthClientService(Transport transport) {
        this.transport = transport;
    }

    /**
     * Registers a public client in advance. {@code POST /v1/admin/oauth-clients}.
     *
     * @throws dev.memax.sdk.errors.PermissionDeniedException when the caller is not an admin
     * @throws dev.memax.sdk.errors.ValidationException       on a redirect URI the rules refuse, or no name
     */
    public OAuthClient create(OAuthClientCreateParams params) {
        return create(params, RequestOptions.NONE);
    }

    /** {@link #create(OAuthClientCreateParams)} with per-call options. */
    public OAuthClient create(OAuthClientCreateParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return transport.call("POST", PATH, params, options, Transport.Auth.REQUIRED, OAuthClient.class);
    }

    /** Clients registered by admins, newest first. {@code GET /v1/admin/oauth-clients}. */
    public Page<OAuthClient> list(ListParams params) {
        return list(false, params, RequestOptions.NONE);
    }

    /**
     * Registered clients, newest first: those registered by themselves ({@code dynamic} true) or by
     * admins. {@code GET /v1/admin/oauth-clients?registration=…}.
     */
    public Page<OAuthClient> list(boolean dynamic, ListParams params, RequestOptions options) {
        return transport.page(
                PATH,
                "clients",
                Map.of("registration", dynamic ? "dynamic" : "admin"),
                params,
                options,
                OAuthClient.class);
    }

    /** Deletes a registered client. {@code DELETE /v1/admin/oauth-clients/{client_id}}. */
    public OAuthClientDeleted delete(String clientId) {
        return delete(clientId, RequestOptions.NONE);
    }

    /** {@link #delete(String)} with per-call options. */
    public OAuthClientDeleted delete(String clientId, RequestOptions options) {
        Objects.requireNonNull(clientId, "clientId");
        return transport.call(
                "DELETE",
                PATH + "/" + URLEncoder.encode(clientId, StandardCharsets.UTF_8),
                null,
                options,
                Transport.Auth.REQUIRED,
                OAuthClientDeleted.class);
    }
}
