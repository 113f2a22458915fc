package dev.memax.server.oauth;

import dev.memax.server.auth.AuthService;
import dev.memax.server.auth.TokenAudiences;
import dev.memax.server.identity.Scope;
import dev.memax.server.identity.User;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Hashes;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.SecretTokens;
import dev.memax.server.platform.Transactions;
import io.micronaut.http.uri.UriBuilder;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorization endpoint's rules (OAuth 2.1 §4.1 with PKCE, RFC 8707, RFC 9207): checks a
 * request, signs the user in, remembers consent per (user, client) and issues single-use codes.
 * A request whose client or redirect URI cannot be verified is never sent back to that URI: the
 * user is shown why. Any other problem goes back to the client as {@code error}, {@code state}
 * and {@code iss}.
 */
@Singleton
public class AuthorizationService {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationService.class);
    /** OAuth 2.1 §4.1.2: a code lives briefly; one minute is ample for a client's exchange. */
    static final Duration CODE_TTL = Duration.ofSeconds(60);

    static final String CODE_PREFIX = "mxa_";
    static final int MAX_STATE_LENGTH = 1000;
    private final OAuthClientService clients;
    private final TokenAudiences audiences;
    private final AuthService auth;
    private final OAuthGrantRepository grants;
    private final AuthorizationCodeRepository codes;
    private final Transactions transactions;

    public AuthorizationService(
            OAuthClientService clients,
            TokenAudiences audiences,
            AuthService auth,
            OAuthGrantRepository grants,
            AuthorizationCodeRepository codes,
            Transactions transactions) {
        this.clients = clients;
        this.audiences = audiences;
        this.auth = auth;
        this.grants = grants;
        this.codes = codes;
        this.transactions = transactions;
    }

    /** What checking an authorization request found. */
    public sealed interface Checked permits Valid, Refused, SentBack {}

    public record Valid(AuthorizationRequest request) implements Checked {}

    /** The client or its redirect URI can't be trusted: the user is told, the browser goes nowhere. */
    public record Refused(String reason) implements Checked {}

    /** An error for the client, at its verified redirect URI (RFC 6749 §4.1.2.1). */
    public record SentBack(String location) implements Checked {}

    /** Checks an authorization request's parameters (each given at most once, RFC 6749 §3.1). */
    public Checked check(Map<String, List<String>> params) {
        OAuthClient client;
        try {
            client = clients.resolve(single(params, "client_id"));
        } catch (OAuthError | DuplicateParameter e) {
            return new Refused(e.getMessage());
        }
        String redirectUri;
        try {
            redirectUri = single(params, "redirect_uri");
        } catch (DuplicateParameter e) {
            return new Refused(e.getMessage());
        }
        if (redirectUri == null) {
            if (client.redirectUris().size() != 1) {
                return new Refused("redirect_uri is required: " + client.clientName() + " registered several");
            }
            redirectUri = client.redirectUris().get(0);
        } else if (!RedirectUris.registered(client.redirectUris(), redirectUri)) {
            return new Refused("the redirect_uri " + redirectUri + " is not registered for " + client.clientName());
        }
        String state;
        try {
            state = single(params, "state");
        } catch (DuplicateParameter e) {
            return new Refused(e.getMessage());
        }
        if (state != null && state.length() > MAX_STATE_LENGTH) {
            return new Refused("state is longer than " + MAX_STATE_LENGTH + " characters");
        }
        try {
            String responseType = single(params, "response_type");
            if (responseType == null) {
                return sentBack(redirectUri, state, "invalid_request", "response_type is required (code)");
            }
            if (!responseType.equals("code")) {
                return sentBack(
                        redirectUri, state, "unsupported_response_type", "only response_type=code is supported");
            }
            String challenge = single(params, "code_challenge");
            String method = single(params, "code_challenge_method");
            if (challenge == null) {
                return sentBack(
                        redirectUri,
                        state,
                        "invalid_request",
                        "PKCE is required: send code_challenge with " + "code_challenge_method=S256");
            }
            if (!"S256".equals(method)) {
                return sentBack(
                        redirectUri,
                        state,
                        "invalid_request",
                        "code_challenge_method must be S256"
                                + (method == null ? "" : " (" + method + " is not accepted)"));
            }
            if (!Pkce.CHALLENGE.matcher(challenge).matches()) {
                return sentBack(
                        redirectUri,
                        state,
                        "invalid_request",
                        "code_challenge must be the base64url SHA-256 " + "of the verifier (43 characters)");
            }
            String resource = single(params, "resource");
            if (resource == null) {
                return sentBack(
                        redirectUri,
                        state,
                        "invalid_request",
                        "resource is required (RFC 8707): the URL of the " + "MCP endpoint, e.g. " + audiences.origin()
                                + "/mcp");
            }
            String canonical = audiences.resource(resource).orElse(null);
            if (canonical == null) {
                return sentBack(redirectUri, state, "invalid_target", "resource " + resource + " is not served here");
            }
            String scope = single(params, "scope");
            Set<Scope> scopes;
            try {
                scopes = scope == null ? EnumSet.allOf(Scope.class) : Scope.parseWire(scope);
            } catch (ApiException e) {
                return sentBack(redirectUri, state, "invalid_scope", "scope may hold memax:read and memax:write");
            }
            if (scopes.isEmpty()) {
                return sentBack(redirectUri, state, "invalid_scope", "scope names no scope");
            }
            return new Valid(new AuthorizationRequest(client, redirectUri, state, challenge, canonical, scopes));
        } catch (DuplicateParameter e) {
            return sentBack(redirectUri, state, "invalid_request", e.getMessage());
        }
    }

    /** The user the email and password prove (401 or 429 as {@link AuthService#verifyCredentials}). */
    public User signIn(String email, String password) {
        return auth.verifyCredentials(email, password);
    }

    /** Whether the user already consented to every scope asked, for this client. */
    public boolean consentRemembered(UUID userId, AuthorizationRequest request) {
        return grants.find(userId, request.client().clientId())
                .map(grant -> grant.scopes().containsAll(request.scopeList()))
                .orElse(false);
    }

    /** Consent given (or remembered): records it and answers where to send the browser, with a fresh code. */
    public String approve(UUID userId, AuthorizationRequest request) {
        String code = SecretTokens.newToken(CODE_PREFIX, 32);
        Instant now = Now.instant();
        transactions.executeWrite(status -> {
            grants.grant(
                    Ids.newId(),
                    userId,
                    request.client().clientId(),
                    request.client().clientName(),
                    request.scopeList(),
                    now);
            codes.insert(Hashes.sha256Hex(code), request, userId, now, now.plus(CODE_TTL));
            return null;
        });
        LOG.info(
                "OAuth authorization: user {} approved client {} for {} ({})",
                userId,
                request.client().clientId(),
                request.resource(),
                Scope.wire(request.scopes()));
        return back(request.redirectUri(), request.state())
                .queryParam("code", code)
                .toString();
    }

    /** The user declined: RFC 6749 §4.1.2.1 {@code access_denied}. */
    public String deny(AuthorizationRequest request) {
        return back(request.redirectUri(), request.state())
                .queryParam("error", "access_denied")
                .queryParam("error_description", "the user declined")
                .toString();
    }

    private SentBack sentBack(String redirectUri, String state, String error, String description) {
        return new SentBack(back(redirectUri, state)
                .queryParam("error", error)
                .queryParam("error_description", description)
                .toString());
    }

    /** The redirect URI with {@code state} and RFC 9207's {@code iss}, which every answer carries. */
    private UriBuilder back(String redirectUri, String state) {
        UriBuilder uri = UriBuilder.of(redirectUri).queryParam("iss", audiences.origin());
        return state == null ? uri : uri.queryParam("state", state);
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new DuplicateParameter(name);
        }
        String value = values.get(0);
        return value == null || value.isEmpty() ? null : value;
    }

    /** RFC 6749 §3.1: a parameter sent more than once. */
    private static final class DuplicateParameter extends RuntimeException {
        DuplicateParameter(String name) {
            super(name + " must be given once");
        }
    }
}
