package dev.memax.server.auth;

import dev.memax.server.hub.InviteService;
import dev.memax.server.identity.Caller;
import dev.memax.server.identity.HubRepository;
import dev.memax.server.identity.PasswordHasher;
import dev.memax.server.identity.User;
import dev.memax.server.identity.UserRepository;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.ErrorCode;
import dev.memax.server.platform.Transactions;
import dev.memax.server.user.UserService;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.UUID;

/** Signup, login, refresh and logout: the rules; SQL lives in the repositories. */
@Singleton
public class AuthService {
    private static final String BAD_CREDENTIALS = "Invalid email or password";
    private final AuthSettings settings;
    private final UserService userService;
    private final UserRepository users;
    private final HubRepository hubs;
    private final InviteService invites;
    private final PasswordHasher passwords;
    private final LoginSessions sessions;
    private final Transactions transactions;
    private final LoginThrottle throttle;

    public AuthService(
            AuthSettings settings,
            UserService userService,
            UserRepository users,
            HubRepository hubs,
            InviteService invites,
            PasswordHasher passwords,
            LoginSessions sessions,
            Transactions transactions,
            LoginThrottle throttle) {
        this.throttle = throttle;
        this.settings = settings;
        this.userService = userService;
        this.users = users;
        this.hubs = hubs;
        this.invites = invites;
        this.passwords = passwords;
        this.sessions = sessions;
        this.transactions = transactions;
    }

    /** The answer to login. */
    public record Session(UserView user, Tokens tokens) {}

    /**
     * The answer to signup, the same whether the email was free or already had an account
     * (README "Security"): the client signs in with {@code POST /v1/auth/login} next.
     */
    public record SignupAccepted(String status, String email, String next) {
        static SignupAccepted of(String email) {
            return new SignupAccepted("accepted", email, "POST /v1/auth/login");
        }
    }

    /**
     * Creates the user, its personal hub and accepts the invite (when given), all in one
     * transaction: a bad invite leaves no user behind. An email that already has an account gets
     * the same answer and changes nothing (its password is hashed all the same, for about the
     * same time), so signup does not tell who has an account; only the addressee of an invite
     * bound to that email is told (409), since the invite names the email anyway.
     */
    public SignupAccepted signup(AuthRequests.Signup request) {
        AuthSettings.SignupMode mode = settings.signup();
        String inviteToken =
                request.inviteToken() == null || request.inviteToken().isBlank()
                        ? null
                        : request.inviteToken().trim();
        if (mode == AuthSettings.SignupMode.CLOSED) {
            throw ApiException.forbidden("Signup is closed on this server: ask an administrator for an account");
        }
        if (mode == AuthSettings.SignupMode.INVITE && inviteToken == null) {
            throw ApiException.invalidField("invite_token", "required: this server accepts signups by invitation only");
        }
        String email = request.email().trim();
        try {
            transactions.executeWrite(status -> {
                boolean invitedAddress = inviteToken != null && checkInvite(inviteToken, email);
                if (users.exists(email)) {
                    if (invitedAddress) {
                        throw ApiException.conflict("An account with this email already exists: "
                                + "sign in and accept the invite with POST /v1/invites/{token}/accept");
                    }
                    passwords.hash(request.password());
                    return null;
                }
                UserService.Created created = userService.create(email, request.name(), request.password(), false);
                if (inviteToken != null) {
                    acceptInvite(inviteToken, created.user());
                }
                return null;
            });
        } catch (RuntimeException e) {
            // Two signups with one email can both pass the existence check; the unique index
            // decides, and the loser gets the answer any existing email gets.
            if (!isUniqueViolation(e)) {
                throw e;
            }
        }
        return SignupAccepted.of(email);
    }

    private boolean checkInvite(String token, String email) {
        try {
            return invites.checkForSignup(token, email);
        } catch (ApiException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw ApiException.invalidField("invite_token", "is unknown, expired, revoked or already used");
            }
            throw e;
        }
    }

    private void acceptInvite(String token, User user) {
        try {
            invites.accept(token, user.id(), user.email());
        } catch (ApiException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                // The body named a bad value; a 404 would read as "no such route" to a client.
                throw ApiException.invalidField("invite_token", "is unknown, expired, revoked or already used");
            }
            throw e;
        }
    }

    /** The same answer, and about the same time, for an unknown email and a wrong password. */
    public Session login(AuthRequests.Login request) {
        User user = verifyCredentials(request.email(), request.password());
        return transactions.executeWrite(status -> new Session(view(user), sessions.start(user.id())));
    }

    /**
     * The user an email and password prove, under the login throttle (a lock refuses even the
     * right password); else 401 with the same answer, in about the same time, for an unknown
     * email and a wrong password. Also the OAuth sign-in page's check.
     */
    public User verifyCredentials(String rawEmail, String password) {
        String email = rawEmail == null ? "" : rawEmail.trim();
        // Before the password is checked: during a lock even the right one is refused.
        throttle.check(email);
        User user = users.findByEmail(email).orElse(null);
        boolean ok = passwords.matches(password, user == null ? null : user.passwordHash());
        if (!ok || user == null) {
            throttle.failed(email, user == null ? null : user.id());
            throw AuthenticationFilter.unauthorized(null, BAD_CREDENTIALS);
        }
        throttle.succeeded(email);
        return user;
    }

    public Tokens refresh(AuthRequests.Refresh request) {
        return sessions.refresh(request.refreshToken());
    }

    /** The answer to a logout. */
    public record Revoked(boolean revoked) {}

    public Revoked logout(Caller caller, AuthRequests.Logout request) {
        if (caller.sessionId() == null) {
            throw ApiException.invalidField(
                    "authorization", "logout ends a login session; delete API keys with DELETE /v1/auth/api-keys/{id}");
        }
        sessions.logout(caller.userId(), caller.sessionId(), request == null ? null : request.refreshToken());
        return new Revoked(true);
    }

    /** The wire view of a user (with its personal hub id). */
    public UserView view(User user) {
        UUID personalHub = hubs.findPersonal(user.id())
                .map(dev.memax.server.identity.Hub::id)
                .orElse(null);
        return UserView.of(user, personalHub);
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && "23505".equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains("users_email_key")) {
                return true;
            }
        }
        return false;
    }
}
