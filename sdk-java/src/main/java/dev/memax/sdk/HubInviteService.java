package dev.memax.sdk;

import dev.memax.sdk.models.Invite;
import dev.memax.sdk.params.InviteCreateParams;
import dev.memax.sdk.params.ListParams;

import java.util.Objects;
import java.util.UUID;

/**
 * The invites of one hub (admin): {@code /v1/hubs/{id}/invites}. Get it from
 * {@link HubService#invites(UUID)}; the invitee uses {@link InviteService}.
 */
public final class HubInviteService {
    private final Transport transport;
    private final String hubPath;

    HubInviteService(Transport transport, String hubPath) {
        this.transport = transport;
        this.hubPath = hubPath;
    }

    /** An invite with every default: a contributor link valid 7 days. */
    public Invite create() {
        return create(InviteCreateParams.DEFAULT, RequestOptions.NONE);
    }

    /**
     * Creates an invite; the answer carries its token and URL (shown once).
     * {@code POST /v1/hubs/{id}/invites}.
     *
     * @throws dev.memax.sdk.errors.ConflictException a personal hub
     */
    public Invite create(InviteCreateParams params) {
        return create(params, RequestOptions.NONE);
    }

    /** {@link #create(InviteCreateParams)} with per-call options. */
    public Invite create(InviteCreateParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return transport.call("POST", hubPath + "/invites", params, options, Transport.Auth.REQUIRED, Invite.class);
    }

    /** The hub's invites, newest first (first page, default size). {@code GET /v1/hubs/{id}/invites}. */
    public Page<Invite> list() {
        return list(ListParams.DEFAULT, RequestOptions.NONE);
    }

    /** {@link #list()} with a page size or cursor. */
    public Page<Invite> list(ListParams params) {
        return list(params, RequestOptions.NONE);
    }

    /** {@link #list(ListParams)} with per-call options. */
    public Page<Invite> list(ListParams params, RequestOptions options) {
        return transport.page(hubPath + "/invites", "invites", params, options, Invite.class);
    }

    /** Revokes an invite; answers it with status {@code revoked}. {@code DELETE /v1/hubs/{id}/invites/{invite_id}}. */
    public Invite revoke(UUID inviteId) {
        return revoke(inviteId, RequestOptions.NONE);
    }

    /** {@link #revoke(UUID)} with per-call options. */
    public Invite revoke(UUID inviteId, RequestOptions options) {
        return transport.call("DELETE", invitePath(inviteId), null, options, Transport.Auth.REQUIRED, Invite.class);
    }

    /**
     * Replaces an invite's token (the old one stops working) and renews its expiry.
     * {@code POST /v1/hubs/{id}/invites/{invite_id}/regenerate}.
     */
    public Invite regenerate(UUID inviteId) {
        return regenerate(inviteId, RequestOptions.NONE);
    }

    /** {@link #regenerate(UUID)} with per-call options. */
    public Invite regenerate(UUID inviteId, RequestOptions options) {
        return transport.call("POST", invitePath(inviteId) + "/regenerate", null, options, Transport.Auth.REQUIRED,
                Invite.class);
    }

    private String invitePath(UUID inviteId) {
        return hubPath + "/invites/" + ApiKeyService.id(inviteId);
    }
}
