package dev.memax.sdk;

import dev.memax.sdk.models.OAuthGrant;
import dev.memax.sdk.models.OAuthGrantRevoked;
import dev.memax.sdk.params.ListParams;
import java.util.Objects;
import java.util.UUID;

/**
 * The OAuth clients you let in ({@code /v1/auth/oauth-grants}): listed, and consent withdrawn,
 * which also ends their sessions at once.
 */
public final class OAuthGrantService {
    private static final String PATH = "/v1/auth/oauth-grants";
    private final Transport transport;

    OAuthGrantService(Transport transport) {
        this.transport = transport;
    }

    /** Your grants, oldest first. {@code GET /v1/auth/oauth-grants}. */
    public Page<OAuthGrant> list(ListParams params) {
        return list(params, RequestOptions.NONE);
    }

    /** {@link #list(ListParams)} with per-call options. */
    public Page<OAuthGrant> list(ListParams params, RequestOptions options) {
        return transport.page(PATH, "grants", params, options, OAuthGrant.class);
    }

    /**
     * Withdraws consent: the client's tokens stop working and its next sign-in asks again.
     * {@code DELETE /v1/auth/oauth-grants/{id}}.
     *
     * @throws dev.memax.sdk.errors.NotFoundException for an unknown grant or another user's
     */
    public OAuthGrantRevoked revoke(UUID id) {
        return revoke(id, RequestOptions.NONE);
    }

    /** {@link #revoke(UUID)} with per-call options. */
    public OAuthGrantRevoked revoke(UUID id, RequestOptions options) {
        Objects.requireNonNull(id, "id");
        return transport.call(
                "DELETE", PATH + "/" + id, null, options, Transport.Auth.REQUIRED, OAuthGrantRevoked.class);
    }
}
