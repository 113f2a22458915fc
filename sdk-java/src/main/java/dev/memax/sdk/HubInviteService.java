package dev.memax.sdk;

import dev.memax.sdk.models.Invite;
import dev.memax.sdk.models.InviteResent;
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

    /**
     * Notifies the invitee of a pending invite addressed to an email again (the server sends no email).
     * {@code POST /v1/hubs/{id}/invites/{invite_id}/resend}.
     *
     * @throws dev.memax.sdk.errors.ConflictException a link-only, accepted, revoked or expired invite
     */
    public InviteResent resend(UUID inviteId) {
        return resend(inviteId, RequestOptions.NONE);
    }

    /** {@link #resend(UUID)} with per-call options. */
    public InviteResent resend(UUID inviteId, RequestOptions options) {
        return transport.call(
                "POST", invitePath(inviteId) + "/resend", null, options, Transport.Auth.REQUIRED, InviteResent.class);
    }

    /**
     * Revokes an invite (again: no change); answers it with status {@code revoked}.
     * {@code DELETE /v1/hubs/{id}/invites/{invite_id}}.
     *
     * @throws dev.memax.sdk.errors.ConflictException the invite was already accepted
     */
    public Invite revoke(UUID inviteId) {
        return revoke(inviteId, RequestOptions.NONE);
    }

    /** {@link #revoke(UUID)} with per-call options. */
    public Invite revoke(UUID inviteId, RequestOptions options) {
        return transport.call("DELETE", invitePath(inviteId), null, options, Transport.Auth.REQUIRED, Invite.class);
    }

    /**
     * Replaces a pending or expired invite's token (the old one stops working) and renews its
     * expiry (7 days). {@code POST /v1/hubs/{id}/invites/{invite_id}/regenerate}.
     *
     * @throws dev.memax.sdk.errors.ConflictException the invite was already accepted or revoked
     */
    public Invite regenerate(UUID inviteId) {
        return regenerate(inviteId, RequestOptions.NONE);
    }

    /** {@link #regenerate(UUID)} with per-call options. */
    public Invite regenerate(UUID inviteId, RequestOptions options) {
        return regenerate(inviteId, null, options);
    }

    /** {@link #regenerate(UUID)}, valid {@code expiresInDays} (1-30) from now instead of 7. */
    public Invite regenerate(UUID inviteId, int expiresInDays) {
        return regenerate(inviteId, expiresInDays, RequestOptions.NONE);
    }

    /**
     * {@link #regenerate(UUID)} with an expiry and per-call options.
     *
     * @param expiresInDays 1-30 days from now; the server's default (7) when null
     * @throws dev.memax.sdk.errors.ConflictException the invite was already accepted or revoked
     */
    public Invite regenerate(UUID inviteId, Integer expiresInDays, RequestOptions options) {
        return transport.call(
                "POST",
                invitePath(inviteId) + "/regenerate",
                expiresInDays == null ? null : new RegenerateBody(expiresInDays),
                options,
                Transport.Auth.REQUIRED,
                Invite.class);
    }

    record RegenerateBody(int expiresInDays) {}

    private String invitePath(UUID inviteId) {
        return hubPath + "/invites/" + ApiKeyService.id(inviteId);
    }
}
