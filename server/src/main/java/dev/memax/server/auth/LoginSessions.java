package dev.memax.server.auth;

import dev.memax.server.identity.Scope;
import dev.memax.server.platform.Hashes;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.SecretTokens;
import dev.memax.server.platform.Transactions;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Login sessions and their token pairs. A session is a family of refresh tokens: each refresh
 * spends the presented token and issues the next one in the same session; presenting a spent
 * token means it was copied, so the whole session is revoked (RFC 9700 §4.14.2). A session started
 * through OAuth belongs to its client ({@link OAuthBinding}): its tokens are for the resource it was
 * granted, and only that client may refresh it.
 */
@Singleton
public class LoginSessions {
    public static final String REFRESH_TOKEN_PREFIX = "mxr_";
    private static final Pattern REFRESH_TOKEN = Pattern.compile("mxr_[0-9a-f]{64}");
    private final SessionRepository sessions;
    private final RefreshTokenRepository refreshTokens;
    private final AccessTokens accessTokens;
    private final AuthSettings settings;
    private final Transactions transactions;

    public LoginSessions(
            SessionRepository sessions,
            RefreshTokenRepository refreshTokens,
            AccessTokens accessTokens,
            AuthSettings settings,
            Transactions transactions) {
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.settings = settings;
        this.transactions = transactions;
    }

    /** What an OAuth client's session is for: its tokens carry this audience, scopes and client id. */
    public record OAuthBinding(String clientId, String resource, Set<Scope> scopes) {}

    /** A started session: its id and its first token pair. */
    public record Started(UUID sessionId, Tokens tokens) {}

    /** Starts a session for a user who just proved who they are; joins the caller's transaction. */
    public Tokens start(UUID userId) {
        return start(userId, null).tokens();
    }

    /** Starts a session for an OAuth client ({@code oauth}; null: the API's own login); joins the caller's transaction. */
    public Started start(UUID userId, OAuthBinding oauth) {
        Instant now = Now.instant();
        UUID sessionId = Ids.newId();
        Instant refreshExpires = now.plus(settings.refreshTokenTtl());
        sessions.insert(sessionId, userId, now, refreshExpires, oauth);
        return new Started(sessionId, issue(userId, sessionId, oauth, null, now, refreshExpires));
    }

    /** The OAuth binding of the session a refresh token belongs to (empty: unknown token or the API's own session). */
    public Optional<OAuthBinding> oauthBindingOf(String refreshToken) {
        if (refreshToken == null || !REFRESH_TOKEN.matcher(refreshToken.trim()).matches()) {
            return Optional.empty();
        }
        return sessions.ofRefreshToken(Hashes.sha256Hex(refreshToken.trim())).map(SessionRepository.Session::oauth);
    }

    /** What a refresh attempt found. */
    private sealed interface Outcome permits Refreshed, Rejected, Reused {}

    private record Refreshed(Tokens tokens) implements Outcome {}

    private record Rejected() implements Outcome {}

    private record Reused() implements Outcome {}

    /** {@link #refresh(String, String, Set)} for the API's own sessions. */
    public Tokens refresh(String refreshToken) {
        return refresh(refreshToken, null, null);
    }

    /**
     * Spends a refresh token and answers the next pair, or throws 401. A reused token's session
     * is revoked in its own committed transaction before the 401 is thrown. The session must be
     * {@code clientId}'s (null: the API's own); {@code scopes}, when given, narrow the new access
     * token within the session's (RFC 6749 §6).
     */
    public Tokens refresh(String refreshToken, String clientId, Set<Scope> scopes) {
        if (refreshToken == null || !REFRESH_TOKEN.matcher(refreshToken.trim()).matches()) {
            throw invalidRefreshToken();
        }
        String hash = Hashes.sha256Hex(refreshToken.trim());
        Outcome outcome = transactions.executeWrite(status -> {
            Instant now = Now.instant();
            Optional<RefreshTokenRepository.StoredToken> stored = refreshTokens.lock(hash);
            if (stored.isEmpty()) {
                return new Rejected();
            }
            RefreshTokenRepository.StoredToken token = stored.get();
            if (token.usedAt() != null) {
                sessions.revoke(token.sessionId(), "refresh_reuse", now);
                return new Reused();
            }
            if (!token.expiresAt().isAfter(now)) {
                return new Rejected();
            }
            Optional<SessionRepository.Session> session = sessions.lock(token.sessionId())
                    .filter(s -> s.active(now))
                    .filter(s -> Objects.equals(
                            clientId, s.oauth() == null ? null : s.oauth().clientId()));
            if (session.isEmpty()) {
                return new Rejected();
            }
            refreshTokens.markUsed(hash, now);
            Instant refreshExpires = now.plus(settings.refreshTokenTtl());
            sessions.extend(session.get().id(), refreshExpires);
            return new Refreshed(issue(
                    session.get().userId(), session.get().id(), session.get().oauth(), scopes, now, refreshExpires));
        });
        if (outcome instanceof Refreshed refreshed) {
            return refreshed.tokens();
        }
        if (outcome instanceof Reused) {
            throw AuthenticationFilter.unauthorized(
                    null,
                    "This refresh token was already used; its session has been revoked for safety. Sign in again");
        }
        throw invalidRefreshToken();
    }

    /**
     * Ends the caller's session at once. A refresh token, when given, ends its session too if
     * it belongs to the same user (e.g. a client logging out of a session it cannot sign for).
     */
    public void logout(UUID userId, UUID sessionId, String refreshToken) {
        Instant now = Now.instant();
        sessions.revokeOwned(sessionId, userId, "logout", now);
        if (refreshToken != null && REFRESH_TOKEN.matcher(refreshToken.trim()).matches()) {
            refreshTokens
                    .sessionOf(Hashes.sha256Hex(refreshToken.trim()))
                    .ifPresent(other -> sessions.revokeOwned(other, userId, "logout", now));
        }
    }

    /** Ends every session of the user but {@code keep} (null: all). */
    public int revokeOthers(UUID userId, UUID keep, String reason) {
        return sessions.revokeAllExcept(userId, keep, reason, Now.instant());
    }

    /** A new pair; an OAuth session's access token is for its resource, with its scopes narrowed to {@code narrowTo}. */
    private Tokens issue(
            UUID userId, UUID sessionId, OAuthBinding oauth, Set<Scope> narrowTo, Instant now, Instant refreshExpires) {
        String refresh = SecretTokens.newToken(REFRESH_TOKEN_PREFIX, 32);
        refreshTokens.insert(Hashes.sha256Hex(refresh), sessionId, now, refreshExpires);
        Set<Scope> scopes = EnumSet.copyOf(oauth == null ? EnumSet.allOf(Scope.class) : oauth.scopes());
        if (narrowTo != null) {
            scopes.retainAll(narrowTo);
        }
        AccessTokens.Issued access = oauth == null
                ? accessTokens.issue(userId, sessionId, scopes, TokenAudiences.API, null)
                : accessTokens.issue(userId, sessionId, scopes, oauth.resource(), oauth.clientId());
        // The JWT's exp has whole seconds; the answer says exactly the same instant.
        return new Tokens(
                access.token(),
                "Bearer",
                settings.accessTokenTtl().toSeconds(),
                access.expiresAt().truncatedTo(ChronoUnit.SECONDS),
                refresh,
                refreshExpires.truncatedTo(ChronoUnit.SECONDS));
    }

    private static dev.memax.server.platform.ApiException invalidRefreshToken() {
        return AuthenticationFilter.unauthorized(null, "The refresh token is invalid, expired or revoked");
    }
}
