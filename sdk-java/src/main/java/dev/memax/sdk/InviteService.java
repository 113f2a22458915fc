package dev.memax.sdk;

import dev.memax.sdk.models.HubEntry;
import dev.memax.sdk.models.InvitePreview;
import java.util.Objects;

/** What an invitee does with an invite token ({@code mxi_…}): {@code /v1/invites/{token}}. */
public final class InviteService {
    private final Transport transport;

    InviteService(Transport transport) {
        this.transport = transport;
    }

    /**
     * What an invite grants, without accepting it. Public: sends no credential.
     * {@code GET /v1/invites/{token}}.
     *
     * @throws dev.memax.sdk.errors.NotFoundException unknown, expired, revoked or already used
     */
    public InvitePreview lookup(String token) {
        return lookup(token, RequestOptions.NONE);
    }

    /** {@link #lookup(String)} with per-call options. */
    public InvitePreview lookup(String token, RequestOptions options) {
        return transport.call("GET", path(token), null, options, Transport.Auth.NONE, InvitePreview.class);
    }

    /**
     * Joins the invite's hub as the authenticated user. {@code POST /v1/invites/{token}/accept}.
     *
     * @throws dev.memax.sdk.errors.PermissionDeniedException the invite is bound to another email
     * @throws dev.memax.sdk.errors.ConflictException         already a member
     * @throws dev.memax.sdk.errors.NotFoundException         unknown, expired, revoked or used
     */
    public HubEntry accept(String token) {
        return accept(token, RequestOptions.NONE);
    }

    /** {@link #accept(String)} with per-call options. */
    public HubEntry accept(String token, RequestOptions options) {
        return transport.call("POST", path(token) + "/accept", null, options, Transport.Auth.REQUIRED, HubEntry.class);
    }

    private static String path(String token) {
        return "/v1/invites/" + Transport.encode(Objects.requireNonNull(token, "token"));
    }
}
