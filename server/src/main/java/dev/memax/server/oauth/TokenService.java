package dev.memax.server.oauth;

import dev.memax.server.auth.AccessTokens;
import dev.memax.server.auth.LoginSessions;
import dev.memax.server.auth.SessionRepository;
import dev.memax.server.auth.TokenAudiences;
import dev.memax.server.auth.Tokens;
import dev.memax.server.identity.Scope;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Hashes;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.Transactions;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token endpoint's grants (OAuth 2.1 §4.1.3 and §4.3) and revocation (RFC 7009). Codes are
 * single use: the first presentation spends one whatever its outcome, and a second presentation
 * revokes the session the first one opened. Refresh tokens are the API's own (rotated, a reused
 * one revokes its session), bound to the client and resource they were issued for.
 */
@Singleton
public class TokenService {
    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);
    private final AuthorizationCodeRepository codes;
    private final LoginSessions sessions;
    private final SessionRepository sessionRows;
    private final AccessTokens accessTokens;
    private final TokenAudiences audiences;
    private final Transactions transactions;

    public TokenService(
            AuthorizationCodeRepository codes,
            LoginSessions sessions,
            SessionRepository sessionRows,
            AccessTokens accessTokens,
            TokenAudiences audiences,
            Transactions transactions) {
        this.codes = codes;
        this.sessions = sessions;
        this.sessionRows = sessionRows;
        this.accessTokens = accessTokens;
        this.audiences = audiences;
        this.transactions = transactions;
    }

    /** A token request's parameters (RFC 6749 §4.1.3, §6 and RFC 8707). */
    public record TokenRequest(
            String grantType,
            String clientId,
            String code,
            String redirectUri,
            String codeVerifier,
            String refreshToken,
            String scope,
            String resource) {}

    /** Answers the token response (RFC 6749 §5.1) or throws an {@link OAuthError}. */
    public Map<String, Object> token(TokenRequest request) {
        if (request.grantType() == null) {
            throw OAuthError.invalidRequest("grant_type is required");
        }
        if (request.clientId() == null) {
            throw OAuthError.invalidRequest("client_id is required (clients are public: no secret, PKCE instead)");
        }
        return switch (request.grantType()) {
            case "authorization_code" -> exchangeCode(request);
            case "refresh_token" -> refresh(request);
            default ->
                throw new OAuthError(
                        HttpStatus.BAD_REQUEST,
                        "unsupported_grant_type",
                        "grant_type must be authorization_code or refresh_token");
        };
    }

    /** What an exchange found; a replay's revocation commits before the error is answered. */
    private sealed interface Exchange permits Issued, Refused {}

    private record Issued(Tokens tokens, Set<Scope> scopes) implements Exchange {}

    private record Refused(OAuthError error) implements Exchange {}

    private Map<String, Object> exchangeCode(TokenRequest request) {
        if (request.code() == null) {
            throw OAuthError.invalidRequest("code is required");
        }
        if (request.codeVerifier() == null) {
            throw OAuthError.invalidRequest("code_verifier is required (PKCE)");
        }
        if (!Pkce.wellFormedVerifier(request.codeVerifier())) {
            throw invalidGrant("code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~");
        }
        String hash = Hashes.sha256Hex(request.code());
        Exchange exchange = transactions.executeWrite(status -> {
            Instant now = Now.instant();
            Optional<AuthorizationCodeRepository.StoredCode> stored = codes.lock(hash);
            if (stored.isEmpty()) {
                return new Refused(invalidGrant("the code is not valid"));
            }
            AuthorizationCodeRepository.StoredCode code = stored.get();
            if (code.usedAt() != null) {
                if (code.sessionId() != null && sessionRows.revoke(code.sessionId(), "oauth_code_reuse", now)) {
                    LOG.warn(
                            "OAuth code presented again for client {}: session {} revoked",
                            code.clientId(),
                            code.sessionId());
                }
                return new Refused(invalidGrant("the code was already used; the tokens it issued are revoked"));
            }
            codes.markUsed(hash, now, null);
            if (!code.expiresAt().isAfter(now)) {
                return new Refused(invalidGrant("the code has expired"));
            }
            if (!code.clientId().equals(request.clientId())) {
                return new Refused(invalidGrant("the code was issued to another client"));
            }
            if (request.redirectUri() != null && !request.redirectUri().equals(code.redirectUri())) {
                return new Refused(invalidGrant("redirect_uri differs from the authorization request's"));
            }
            if (!Pkce.matches(request.codeVerifier(), code.codeChallenge())) {
                return new Refused(invalidGrant("code_verifier does not match the code_challenge"));
            }
            if (otherResource(request.resource(), code.resource())) {
                return new Refused(invalidTarget(code.resource()));
            }
            Set<Scope> scopes = Scope.parseWire(String.join(" ", code.scopes()));
            LoginSessions.Started started = sessions.start(
                    code.userId(), new LoginSessions.OAuthBinding(code.clientId(), code.resource(), scopes));
            codes.markUsed(hash, now, started.sessionId());
            return new Issued(started.tokens(), scopes);
        });
        if (exchange instanceof Refused refused) {
            throw refused.error();
        }
        Issued issued = (Issued) exchange;
        return response(issued.tokens(), issued.scopes());
    }

    private Map<String, Object> refresh(TokenRequest request) {
        if (request.refreshToken() == null) {
            throw OAuthError.invalidRequest("refresh_token is required");
        }
        LoginSessions.OAuthBinding binding = sessions.oauthBindingOf(request.refreshToken())
                .filter(b -> b.clientId().equals(request.clientId()))
                .orElseThrow(() -> invalidGrant("the refresh token is not valid for this client"));
        if (otherResource(request.resource(), binding.resource())) {
            throw invalidTarget(binding.resource());
        }
        Set<Scope> scopes = binding.scopes();
        if (request.scope() != null) {
            try {
                scopes = Scope.parseWire(request.scope());
            } catch (ApiException e) {
                throw invalidScope();
            }
            if (scopes.isEmpty() || !binding.scopes().containsAll(scopes)) {
                throw invalidScope();
            }
        }
        try {
            return response(sessions.refresh(request.refreshToken(), request.clientId(), scopes), scopes);
        } catch (ApiException e) {
            throw invalidGrant(e.getMessage());
        }
    }

    /**
     * RFC 7009: ends the OAuth session a refresh or access token belongs to. Unknown, invalid or
     * already revoked tokens, and the API's own tokens, change nothing and answer the same; a
     * token issued to another client than the one named is left alone.
     */
    public void revoke(String token, String clientId) {
        if (token == null || token.isBlank()) {
            throw OAuthError.invalidRequest("token is required");
        }
        String value = token.trim();
        Instant now = Now.instant();
        if (value.startsWith(LoginSessions.REFRESH_TOKEN_PREFIX)) {
            sessionRows
                    .ofRefreshToken(Hashes.sha256Hex(value))
                    .filter(session -> session.oauth() != null)
                    .filter(session ->
                            clientId == null || session.oauth().clientId().equals(clientId))
                    .ifPresent(session -> sessionRows.revoke(session.id(), "oauth_revoked", now));
            return;
        }
        accessTokens
                .verify(value)
                .filter(claims -> claims.clientId() != null)
                .filter(claims -> clientId == null || claims.clientId().equals(clientId))
                .ifPresent(claims -> sessionRows.revoke(claims.sessionId(), "oauth_revoked", now));
    }

    private static Map<String, Object> response(Tokens tokens, Set<Scope> scopes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", tokens.expiresIn());
        body.put("refresh_token", tokens.refreshToken());
        body.put("scope", Scope.wire(scopes));
        return body;
    }

    /** RFC 8707 at the token endpoint: a {@code resource}, when sent, must be the one authorized. */
    private boolean otherResource(String requested, String authorized) {
        return requested != null
                && !audiences.resource(requested).map(authorized::equals).orElse(false);
    }

    private static OAuthError invalidTarget(String authorized) {
        return new OAuthError(
                HttpStatus.BAD_REQUEST, "invalid_target", "resource differs from the one authorized: " + authorized);
    }

    private static OAuthError invalidGrant(String description) {
        return new OAuthError(HttpStatus.BAD_REQUEST, "invalid_grant", description);
    }

    private static OAuthError invalidScope() {
        return new OAuthError(
                HttpStatus.BAD_REQUEST,
                "invalid_scope",
                "scope must name scopes granted to this refresh token (memax:read, memax:write)");
    }
}
