package dev.memax.sdk;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.memax.sdk.models.AuthResult;
import dev.memax.sdk.models.LogoutResult;
import dev.memax.sdk.models.SignupAccepted;
import dev.memax.sdk.models.Tokens;
import dev.memax.sdk.models.User;
import dev.memax.sdk.params.LoginParams;
import dev.memax.sdk.params.SignupParams;
import dev.memax.sdk.params.UserUpdateParams;
import java.util.Objects;

/**
 * Accounts and login sessions: {@code /v1/auth/signup}, {@code login}, {@code refresh},
 * {@code logout} and {@code me}. Signup, login and refresh are public: they never send the
 * client's credential, so they work on a client built without one.
 *
 * <pre>{@code
 * AuthResult session = anonymous.auth().login("ada@example.com", "correct horse battery");
 * MemaxClient ada = anonymous.toBuilder().apiKey(session.tokens().accessToken()).build();
 * }</pre>
 */
public final class AuthService {
    private final Transport transport;

    AuthService(Transport transport) {
        this.transport = transport;
    }

    /**
     * Creates a user (with a personal hub). {@code POST /v1/auth/signup}. The answer is the same
     * whether the email was free or already had an account; sign in with
     * {@link #login(String, String)} next (a taken email's login fails with the new password).
     *
     * @throws dev.memax.sdk.errors.ConflictException          the email has an account and the
     *                                                         invite given was sent to it
     * @throws dev.memax.sdk.errors.PermissionDeniedException  signups are closed, or the invite
     *                                                         is bound to another email
     * @throws dev.memax.sdk.errors.ValidationException        an invalid email, password or invite
     */
    public SignupAccepted signup(SignupParams params) {
        return signup(params, RequestOptions.NONE);
    }

    /** {@link #signup(SignupParams)} with per-call options. */
    public SignupAccepted signup(SignupParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return transport.call("POST", "/v1/auth/signup", params, options, Transport.Auth.NONE, SignupAccepted.class);
    }

    /**
     * Logs in with email and password. {@code POST /v1/auth/login}.
     *
     * @throws dev.memax.sdk.errors.AuthenticationException wrong email or password
     * @throws dev.memax.sdk.errors.RateLimitException      password sign-in to this email is paused
     *                                                      after repeated failures (see {@code retryAfter})
     */
    public AuthResult login(String email, String password) {
        return login(new LoginParams(email, password), RequestOptions.NONE);
    }

    /** {@link #login(String, String)} with per-call options. */
    public AuthResult login(LoginParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return transport.call("POST", "/v1/auth/login", params, options, Transport.Auth.NONE, AuthResult.class);
    }

    /**
     * Trades a refresh token for a new token pair; the presented one is spent. Presenting a
     * spent token again ends its whole session. {@code POST /v1/auth/refresh}.
     *
     * @throws dev.memax.sdk.errors.AuthenticationException the refresh token is spent, unknown
     *                                                      or expired
     */
    public Tokens refresh(String refreshToken) {
        return refresh(refreshToken, RequestOptions.NONE);
    }

    /** {@link #refresh(String)} with per-call options. */
    public Tokens refresh(String refreshToken, RequestOptions options) {
        Objects.requireNonNull(refreshToken, "refreshToken");
        return transport
                .call(
                        "POST",
                        "/v1/auth/refresh",
                        new RefreshBody(refreshToken),
                        options,
                        Transport.Auth.NONE,
                        TokensAnswer.class)
                .tokens();
    }

    /**
     * Ends the login session of the client's access token: its access and refresh tokens stop
     * working at once. {@code POST /v1/auth/logout}.
     *
     * @throws dev.memax.sdk.errors.ValidationException called with an API key (delete keys with
     *                                                  {@code apiKeys().delete(..)})
     */
    public LogoutResult logout() {
        return logout(null, RequestOptions.NONE);
    }

    /** {@link #logout()}, also naming the session's refresh token. */
    public LogoutResult logout(String refreshToken) {
        return logout(refreshToken, RequestOptions.NONE);
    }

    /** {@link #logout(String)} with per-call options; {@code refreshToken} may be null. */
    public LogoutResult logout(String refreshToken, RequestOptions options) {
        return transport.call(
                "POST",
                "/v1/auth/logout",
                new RefreshBody(refreshToken),
                options,
                Transport.Auth.REQUIRED,
                LogoutResult.class);
    }

    /** The authenticated user. {@code GET /v1/auth/me}. */
    public User me() {
        return me(RequestOptions.NONE);
    }

    /** {@link #me()} with per-call options. */
    public User me(RequestOptions options) {
        return transport.call("GET", "/v1/auth/me", null, options, Transport.Auth.REQUIRED, User.class);
    }

    /**
     * Changes the user's name and/or password. A new password needs the current one and ends
     * the user's other sessions. {@code PATCH /v1/auth/me}.
     *
     * @throws dev.memax.sdk.errors.PermissionDeniedException the current password is wrong
     */
    public User updateMe(UserUpdateParams params) {
        return updateMe(params, RequestOptions.NONE);
    }

    /** {@link #updateMe(UserUpdateParams)} with per-call options. */
    public User updateMe(UserUpdateParams params, RequestOptions options) {
        Objects.requireNonNull(params, "params");
        return transport.call("PATCH", "/v1/auth/me", params, options, Transport.Auth.REQUIRED, User.class);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RefreshBody(String refreshToken) {}

    record TokensAnswer(Tokens tokens) {}
}
