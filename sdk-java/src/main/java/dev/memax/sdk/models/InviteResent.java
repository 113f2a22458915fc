package dev.memax.sdk.models;

import java.util.UUID;

/**
 * {@code POST /v1/hubs/{id}/invites/{invite_id}/resend}.
 *
 * @param notified whether the invitee (an existing user, not yet a member) was notified again; the server sends no email
 */
public record InviteResent(String status, UUID inviteId, boolean notified) {}
