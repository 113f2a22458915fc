package dev.memax.server.hub;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.memax.server.access.AccessPolicy;
import dev.memax.server.access.HubAction;
import dev.memax.server.identity.Caller;
import dev.memax.server.identity.Hub;
import dev.memax.server.identity.HubAccess;
import dev.memax.server.identity.HubEntry;
import dev.memax.server.identity.HubMemberRepository;
import dev.memax.server.identity.HubRepository;
import dev.memax.server.identity.HubRole;
import dev.memax.server.identity.HubType;
import dev.memax.server.identity.Scope;
import dev.memax.server.identity.User;
import dev.memax.server.identity.UserRepository;
import dev.memax.server.notification.InviteAcceptance;
import dev.memax.server.notification.Notifications;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Cursors;
import dev.memax.server.platform.Hashes;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.Page;
import dev.memax.server.platform.PageRequest;
import dev.memax.server.platform.SecretTokens;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Hub invitations: a token ({@code mxi_} + 64 hex, only its SHA-256 stored) that lets its holder
 * join a team hub with the invite's role, once. An unknown, expired, revoked or used token is
 * {@code not_found}, so a token reveals nothing once it is dead.
 */
@Singleton
public class InviteService implements InviteAcceptance {
    static final String TOKEN_PREFIX = "mxi_";
    static final int DEFAULT_DAYS = 7;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private final AccessPolicy policy;
    private final InviteRepository invites;
    private final HubRepository hubs;
    private final HubMemberRepository members;
    private final UserRepository users;
    private final Cursors cursors;
    private final String publicUrl;
    private final HubEvents events;
    private final Notifications notifications;

    public InviteService(
            AccessPolicy policy,
            InviteRepository invites,
            HubRepository hubs,
            HubMemberRepository members,
            UserRepository users,
            Cursors cursors,
            HubEvents events,
            Notifications notifications,
            @Value("${memax.public-url:`http://127.0.0.1:8080`}") String publicUrl) {
        this.policy = policy;
        this.events = events;
        this.notifications = notifications;
        this.invites = invites;
        this.hubs = hubs;
        this.members = members;
        this.users = users;
        this.cursors = cursors;
        this.publicUrl =
                publicUrl == null || publicUrl.isBlank() ? "http://127.0.0.1:8080" : publicUrl.replaceAll("/+$", "");
    }

    /**
     * An invite as its hub's admins see it; {@code token} and {@code url} only when just created or regenerated.
     * {@code invited_by}, {@code invite_url}, {@code invitee_email} and {@code invite_id} repeat fields under the
     * names the Memax SDK's {@code HubInvite} (and its revoke answer) reads.
     */
    public record InviteView(
            UUID id,
            UUID hubId,
            String email,
            HubRole role,
            Invite.Status status,
            Instant expiresAt,
            Instant createdAt,
            UUID createdBy,
            UUID acceptedBy,
            Instant acceptedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String token,
            @JsonInclude(JsonInclude.Include.NON_NULL) String url) {
        @JsonProperty("invite_id")
        public UUID inviteId() {
            return id;
        }

        @JsonProperty("invited_by")
        public UUID invitedBy() {
            return createdBy;
        }

        @JsonProperty("invitee_email")
        public String inviteeEmail() {
            return email;
        }

        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonProperty("invite_url")
        public String inviteUrl() {
            return url;
        }
    }

    /** {@code POST …/invites/{invite_id}/resend}: the invitee's notification sent again (this server sends no email). */
    public record Resent(String status, UUID inviteId, boolean notified, Instant emailEnqueuedAt) {}

    /** What anyone holding a live token may see: nothing about the hub beyond its name. */
    /**
     * What a token shows before it is accepted: what an invitee needs to decide, nothing more
     * (never the addressee's email, the token or anyone's user id). {@code hub_name}, {@code role},
     * {@code expires_at} as this server has always answered; {@code invite}, {@code hub},
     * {@code member_count} and {@code invited_by} (the inviter's name) as Memax's SDK reads them
     * (docs/architecture.md §5.12). The hub's id is shown: it is what the accept answer names anyway.
     */
    public record InvitePreview(
            String hubName,
            HubRole role,
            Instant expiresAt,
            PreviewedInvite invite,
            PreviewedHub hub,
            long memberCount,
            String invitedBy) {}

    public record PreviewedInvite(UUID id, UUID hubId, HubRole role, Instant expiresAt, Instant createdAt) {}

    public record PreviewedHub(UUID id, String name, HubType hubType) {}

    @Transactional
    public InviteView create(Caller caller, String hubId, HubRequests.CreateInvite request) {
        Hub hub = policy.authorize(caller, hubId, HubAction.MANAGE_INVITES).hub();
        HubRole role = policy.requireAssignable(request.role() == null ? HubRole.CONTRIBUTOR : request.role(), "role");
        String email = addressee(request);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw ApiException.invalidField("email", "must be a valid email address");
        }
        if (hub.hubType() == HubType.PERSONAL) {
            throw ApiException.conflict("A personal hub cannot be shared: invite people to a team hub");
        }
        Instant now = Now.instant();
        Invite invite = new Invite(
                Ids.newId(),
                hub.id(),
                email,
                role,
                caller.userId(),
                expiry(now, request.expiresInDays()),
                null,
                null,
                null,
                now,
                now);
        String token = newToken();
        invites.insert(invite, tokenHash(token));
        if (email != null) {
            users.findByEmail(email)
                    .filter(user -> members.findRole(hub.id(), user.id()).isEmpty())
                    .ifPresent(user -> events.invited(hub, caller.userId(), user.id(), invite.id(), role));
        }
        return view(invite, now, token);
    }

    /** The email an invite is addressed to: {@code email}, else the invitee's email or user's email; null: a link. */
    private String addressee(HubRequests.CreateInvite request) {
        if (request.email() != null && !request.email().isBlank()) {
            return request.email().trim();
        }
        HubRequests.Invitee invitee = request.invitee();
        if (invitee == null) {
            return null;
        }
        if (invitee.email() != null && !invitee.email().isBlank()) {
            return invitee.email().trim();
        }
        return invitee.userId() == null
                ? null
                : users.findById(invitee.userId()).map(User::email).orElse(null);
    }

    /**
     * Notifies the invitee again (an invite addressed to a user who is not a member yet); a
     * link-only, accepted, revoked or expired invite has no one to remind: {@code conflict}.
     */
    @Transactional
    public Resent resend(Caller caller, String hubId, String inviteId) {
        Invite invite = lockInvite(caller, hubId, inviteId);
        Instant now = Now.instant();
        if (invite.email() == null || invite.status(now) != Invite.Status.PENDING) {
            throw ApiException.conflict("Only a pending invite addressed to an email can be sent again");
        }
        Hub hub = hubs.findById(invite.hubId()).orElseThrow(() -> ApiException.notFound("Invite"));
        boolean notified = users.findByEmail(invite.email())
                .filter(user -> members.findRole(hub.id(), user.id()).isEmpty())
                .map(user -> {
                    events.invited(hub, caller.userId(), user.id(), invite.id(), invite.role());
                    return true;
                })
                .orElse(false);
        return new Resent("resent", invite.id(), notified, null);
    }

    /** A hub's invites, newest first, in every status. */
    public Page<InviteView> list(Caller caller, String hubId, PageRequest page) {
        UUID id = policy.authorize(caller, hubId, HubAction.VIEW_INVITES).hub().id();
        Instant now = Now.instant();
        return cursors.page(
                "invites",
                "hub-invites:" + id,
                page,
                (after, limit) ->
                        invites.listBefore(id, after == null ? null : UUID.fromString(after.get(0)), limit).stream()
                                .map(invite -> view(invite, now, null))
                                .toList(),
                invite -> List.of(invite.id().toString()));
    }

    /** Revokes the invite (again: no change); an accepted one can no longer be revoked. */
    @Transactional
    public InviteView revoke(Caller caller, String hubId, String inviteId) {
        Invite invite = lockInvite(caller, hubId, inviteId);
        Instant now = Now.instant();
        if (invite.status(now) == Invite.Status.ACCEPTED) {
            throw ApiException.conflict("This invite was already accepted: remove the member instead");
        }
        if (invite.revokedAt() == null) {
            invites.markRevoked(invite.id(), now);
            notifications.resolveInvite(invite.id(), caller.userId(), "revoked");
            invite = withRevoked(invite, now);
        }
        return view(invite, now, null);
    }

    /** A new token (the old one stops working at once) and a fresh expiry, for a pending or expired invite. */
    @Transactional
    public InviteView regenerate(
            Caller caller, String hubId, String inviteId, @Nullable HubRequests.RegenerateInvite request) {
        Invite invite = lockInvite(caller, hubId, inviteId);
        Instant now = Now.instant();
        Invite.Status status = invite.status(now);
        if (status == Invite.Status.ACCEPTED || status == Invite.Status.REVOKED) {
            throw ApiException.conflict("This invite was already " + status + ": create a new one");
        }
        Instant expiresAt = expiry(now, request == null ? null : request.expiresInDays());
        String token = newToken();
        invites.replaceToken(invite.id(), tokenHash(token), expiresAt, now);
        Invite renewed = new Invite(
                invite.id(),
                invite.hubId(),
                invite.email(),
                invite.role(),
                invite.createdBy(),
                expiresAt,
                null,
                null,
                null,
                invite.createdAt(),
                now);
        return view(renewed, now, token);
    }

    /** GET /v1/invites/{token} (public): only a live invite answers, with the hub's name and nothing else. */
    public InvitePreview preview(String token) {
        Instant now = Now.instant();
        Invite invite = invites.findByTokenHash(tokenHash(token))
                .filter(i -> i.status(now) == Invite.Status.PENDING)
                .orElseThrow(() -> ApiException.notFound("Invite"));
        Hub hub = hubs.findById(invite.hubId()).orElseThrow(() -> ApiException.notFound("Invite"));
        String inviter = invite.createdBy() == null
                ? ""
                : users.findById(invite.createdBy()).map(User::name).orElse("");
        return new InvitePreview(
                hub.name(),
                invite.role(),
                invite.expiresAt(),
                new PreviewedInvite(invite.id(), hub.id(), invite.role(), invite.expiresAt(), invite.createdAt()),
                new PreviewedHub(hub.id(), hub.name(), hub.hubType()),
                members.count(hub.id()),
                inviter);
    }

    /**
     * POST /v1/invites/{token}/accept: joining a hub is an account-level act, so it takes a
     * credential with the write scope that is not restricted to some hubs.
     */
    @Transactional
    public HubEntry acceptAs(Caller caller, String token) {
        policy.requireUnrestricted(caller, Scope.WRITE);
        User user = users.findById(caller.userId()).orElseThrow(() -> ApiException.notFound("User"));
        return hubs.entry(accept(token, user.id(), user.email()));
    }

    /**
     * Joins the invite's hub with its role, in the caller's transaction when there is one (signup
     * creates the user and accepts in one transaction).
     *
     * @param email the accepting user's email, compared case-insensitively with an email-bound invite
     * @throws ApiException not_found for an unknown/expired/revoked/used token, forbidden for an
     *                      invite bound to another email, conflict when the user already is a member
     */
    @Transactional
    public HubAccess accept(String token, UUID userId, String email) {
        Instant now = Now.instant();
        Invite invite = invites.lockByTokenHash(tokenHash(token))
                .filter(i -> i.status(now) == Invite.Status.PENDING)
                .orElseThrow(() -> ApiException.notFound("Invite"));
        return join(invite, userId, email, now);
    }

    /**
     * Checks an invite for a signup without using it, before anything reveals whether the email
     * has an account.
     *
     * @return true when the invite is bound to {@code email}: only its addressee may be told that
     *         the email already has an account
     * @throws ApiException not_found for a token that is not pending, forbidden for an invite
     *                      bound to another email
     */
    public boolean checkForSignup(String token, String email) {
        Instant now = Now.instant();
        Invite invite = invites.findByTokenHash(tokenHash(token))
                .filter(i -> i.status(now) == Invite.Status.PENDING)
                .orElseThrow(() -> ApiException.notFound("Invite"));
        if (invite.email() != null && !invite.email().equalsIgnoreCase(email.trim())) {
            throw ApiException.forbidden("This invite was sent to another email address");
        }
        return invite.email() != null;
    }

    /**
     * Accepts the invite a {@code hub_invite} notification names (the invitee has no token), with
     * the rules of {@link #acceptAs}; an invite that is no longer pending is a conflict.
     */
    @Override
    @Transactional
    public HubAccess acceptById(Caller caller, UUID hubId, UUID inviteId) {
        policy.requireUnrestricted(caller, Scope.WRITE);
        User user = users.findById(caller.userId()).orElseThrow(() -> ApiException.notFound("User"));
        Instant now = Now.instant();
        Invite invite = invites.lock(hubId, inviteId).orElseThrow(() -> ApiException.notFound("Invite"));
        if (invite.status(now) != Invite.Status.PENDING) {
            throw ApiException.conflict("This invite was " + invite.status(now) + ": it can no longer be accepted");
        }
        return join(invite, user.id(), user.email(), now);
    }

    private HubAccess join(Invite invite, UUID userId, String email, Instant now) {
        if (invite.email() != null && (email == null || !invite.email().equalsIgnoreCase(email.trim()))) {
            throw ApiException.forbidden("This invite was sent to another email address");
        }
        Hub hub = hubs.findById(invite.hubId()).orElseThrow(() -> ApiException.notFound("Invite"));
        if (!members.insertIfAbsent(hub.id(), userId, invite.role(), now)) {
            throw ApiException.conflict("You are already a member of this hub");
        }
        invites.markAccepted(invite.id(), userId, now);
        events.membersChanged(hub.id(), userId, userId, "joined", invite.role());
        events.listChanged(userId, userId, hub.id(), "joined");
        notifications.resolveInvite(invite.id(), userId, "accept");
        return new HubAccess(hub, invite.role());
    }

    private Invite lockInvite(Caller caller, String hubId, String inviteId) {
        Hub hub = policy.authorize(caller, hubId, HubAction.MANAGE_INVITES).hub();
        return invites.lock(hub.id(), Ids.parseOrNotFound(inviteId, "Invite"))
                .orElseThrow(() -> ApiException.notFound("Invite"));
    }

    private InviteView view(Invite invite, Instant now, String token) {
        return new InviteView(
                invite.id(),
                invite.hubId(),
                invite.email(),
                invite.role(),
                invite.status(now),
                invite.expiresAt(),
                invite.createdAt(),
                invite.createdBy(),
                invite.acceptedBy(),
                invite.acceptedAt(),
                token,
                token == null ? null : publicUrl + "/v1/invites/" + token);
    }

    private static Invite withRevoked(Invite invite, Instant now) {
        return new Invite(
                invite.id(),
                invite.hubId(),
                invite.email(),
                invite.role(),
                invite.createdBy(),
                invite.expiresAt(),
                now,
                invite.acceptedBy(),
                invite.acceptedAt(),
                invite.createdAt(),
                now);
    }

    private static Instant expiry(Instant now, Integer days) {
        return now.plus(Duration.ofDays(days == null ? DEFAULT_DAYS : days));
    }

    /** A fresh invite token. */
    static String newToken() {
        return SecretTokens.newToken(TOKEN_PREFIX, 32);
    }

    /** What is stored and looked up for a token (anything that isn't a live token's matches nothing). */
    static String tokenHash(String token) {
        return Hashes.sha256Hex(token == null ? "" : token.trim());
    }
}
