package dev.memax.server.oauth;

import dev.memax.server.access.AccessPolicy;
import dev.memax.server.auth.SessionRepository;
import dev.memax.server.identity.Caller;
import dev.memax.server.identity.Scope;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Cursors;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.Page;
import dev.memax.server.platform.PageRequest;
import dev.memax.server.platform.Transactions;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code /v1/auth/oauth-grants}: the OAuth clients a user let in. Withdrawing consent also ends
 * every session that client holds for the user, so its tokens stop working at once, and the next
 * sign-in asks again.
 */
@Singleton
public class OAuthGrantService {
    private final OAuthGrantRepository grants;
    private final SessionRepository sessions;
    private final AccessPolicy access;
    private final Cursors cursors;
    private final Transactions transactions;

    public OAuthGrantService(
            OAuthGrantRepository grants,
            SessionRepository sessions,
            AccessPolicy access,
            Cursors cursors,
            Transactions transactions) {
        this.grants = grants;
        this.sessions = sessions;
        this.access = access;
        this.cursors = cursors;
        this.transactions = transactions;
    }

    /** The caller's grants, oldest first. */
    public Page<OAuthGrant> list(Caller caller, PageRequest page) {
        access.requireUnrestricted(caller, Scope.READ);
        return cursors.page(
                "grants",
                "oauth-grants:" + caller.userId(),
                page,
                (after, limit) -> grants.page(
                        caller.userId(),
                        after == null ? null : Instant.parse(after.get(0)),
                        after == null ? null : UUID.fromString(after.get(1)),
                        limit),
                grant -> List.of(grant.createdAt().toString(), grant.id().toString()));
    }

    /** The answer to a withdrawal: the grant, and how many of the client's sessions ended with it. */
    public record Revoked(UUID id, String clientId, boolean revoked, int sessionsRevoked) {}

    public Revoked revoke(Caller caller, String id) {
        access.requireUnrestricted(caller, Scope.WRITE);
        UUID grantId = Ids.parseOrNotFound(id, "OAuth grant");
        return transactions.executeWrite(status -> {
            String clientId =
                    grants.delete(caller.userId(), grantId).orElseThrow(() -> ApiException.notFound("OAuth grant"));
            int ended = sessions.revokeOfClient(caller.userId(), clientId, "oauth_grant_revoked", Now.instant());
            return new Revoked(grantId, clientId, true, ended);
        });
    }
}
