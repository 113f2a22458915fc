package dev.memax.server.hub;

import dev.memax.server.access.HubAccess;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Hashes;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Hub invitations: a token ({@code mxi_} + 64 hex, only its SHA-256 stored) that lets its holder
 * join a team hub with the invite's role, once. An unknown, expired, revoked or used token is
 * {@code not_found}, so a token reveals nothing once it is dead.
 */
@Singleton
public class InviteService {
    static final String TOKEN_PREFIX = "mxi_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final InviteRepository invites;
    private final HubRepository hubs;
    private final HubMemberRepository members;

    public InviteService(InviteRepository invites, HubRepository hubs, HubMemberRepository members) {
        this.invites = invites;
        this.hubs = hubs;
        this.members = members;
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
        Instant now = Instant.now();
        Invite invite = invites.lockByTokenHash(tokenHash(token))
                .filter(i -> i.status(now) == Invite.Status.PENDING)
                .orElseThrow(() -> ApiException.notFound("Invite"));
        if (invite.email() != null && (email == null || !invite.email().equalsIgnoreCase(email.trim()))) {
            throw ApiException.forbidden("This invite was sent to another email address");
        }
        Hub hub = hubs.findById(invite.hubId()).orElseThrow(() -> ApiException.notFound("Invite"));
        if (!members.insertIfAbsent(hub.id(), userId, invite.role(), now)) {
            throw ApiException.conflict("You are already a member of this hub");
        }
        invites.markAccepted(invite.id(), userId, now);
        return new HubAccess(hub, invite.role());
    }

    /** A fresh invite token. */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return TOKEN_PREFIX + HexFormat.of().formatHex(bytes);
    }

    /** What is stored and looked up for a token (anything that isn't a well-formed token matches nothing). */
    static String tokenHash(String token) {
        return Hashes.sha256Hex(token == null ? "" : token.trim());
    }
}
