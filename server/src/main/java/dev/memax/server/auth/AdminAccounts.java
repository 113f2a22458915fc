package dev.memax.server.auth;

import dev.memax.server.identity.Scope;
import dev.memax.server.identity.User;
import dev.memax.server.identity.UserRepository;
import dev.memax.server.platform.Now;
import dev.memax.server.platform.Transactions;
import dev.memax.server.user.UserService;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Set;

/**
 * Operator actions outside the API: the admin created on first start, and keys minted from the
 * command line. Both create the user (with its personal hub) and a key in one transaction.
 */
@Singleton
public class AdminAccounts {
    static final String ADMIN_DISPLAY_NAME = "Memax admin";
    private final UserService userService;
    private final UserRepository users;
    private final ApiKeyService keys;
    private final AdminRepository admins;
    private final Transactions transactions;

    public AdminAccounts(
            UserService userService,
            UserRepository users,
            ApiKeyService keys,
            AdminRepository admins,
            Transactions transactions) {
        this.userService = userService;
        this.users = users;
        this.keys = keys;
        this.admins = admins;
        this.transactions = transactions;
    }

    /** A key made for a (possibly new) user. */
    public record Minted(User user, boolean userCreated, ApiKeyService.Created key) {}

    /**
     * Creates the admin and its "admin" key when no user exists yet, else nothing. Instances
     * starting together serialise on an advisory lock and re-check, so exactly one admin exists.
     */
    public Optional<Minted> bootstrap(String adminEmail) {
        if (users.count() > 0) {
            return Optional.empty();
        }
        return transactions.executeWrite(status -> {
            admins.lock();
            if (users.count() > 0) {
                return Optional.empty();
            }
            UserService.Created created = userService.create(adminEmail, ADMIN_DISPLAY_NAME, null, true);
            return Optional.of(new Minted(
                    created.user(),
                    true,
                    keys.create(created.user().id(), "admin", Set.of(Scope.READ, Scope.WRITE), null, null, null)));
        });
    }

    /**
     * A key for the user with this email, creating the user (without a password) when missing;
     * {@code admin} also makes an existing user an admin.
     */
    public Minted mintKey(String email, String keyName, Set<Scope> scopes, boolean admin) {
        return transactions.executeWrite(status -> {
            // Serialise with other operators' runs, so two runs for a new email make one user.
            admins.lock();
            Optional<User> existing = users.findByEmail(email == null ? "" : email.trim());
            User user;
            boolean created = existing.isEmpty();
            if (created) {
                user = userService.create(email, null, null, admin).user();
            } else {
                user = existing.get();
                if (admin && !user.admin()) {
                    admins.promote(user.id(), Now.instant());
                    user = users.findById(user.id()).orElseThrow();
                }
            }
            return new Minted(user, created, keys.create(user.id(), keyName, scopes, null, null, null));
        });
    }
}
