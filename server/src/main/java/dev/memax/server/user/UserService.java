package dev.memax.server.user;

import dev.memax.server.identity.Hub;
import dev.memax.server.identity.HubMemberRepository;
import dev.memax.server.identity.HubRepository;
import dev.memax.server.identity.HubRole;
import dev.memax.server.identity.HubSlugs;
import dev.memax.server.identity.HubType;
import dev.memax.server.identity.PasswordHasher;
import dev.memax.server.identity.User;
import dev.memax.server.identity.UserRepository;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.regex.Pattern;

/** Creates users; every user gets a personal hub in the same transaction. */
@Singleton
public class UserService {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    public static final int MIN_PASSWORD = 10;
    /** New users start on the free plan; the installation's admins, who run it, on the unlimited one. */
    static final String DEFAULT_PLAN = "free";

    static final String ADMIN_PLAN = "enterprise";
    public static final int MAX_PASSWORD = 256;
    private static final int SLUG_ATTEMPTS = 5;
    private final UserRepository users;
    private final HubRepository hubs;
    private final HubMemberRepository members;
    private final HubSlugs slugs;
    private final PasswordHasher passwords;

    public UserService(
            UserRepository users,
            HubRepository hubs,
            HubMemberRepository members,
            HubSlugs slugs,
            PasswordHasher passwords) {
        this.users = users;
        this.hubs = hubs;
        this.members = members;
        this.slugs = slugs;
        this.passwords = passwords;
    }

    /** The new user and its personal hub. */
    public record Created(User user, Hub personalHub) {}

    /**
     * @param password null for a user that signs in only with API keys
     */
    @Transactional
    public Created create(String email, String name, String password, boolean admin) {
        String normalizedEmail = email == null ? "" : email.trim();
        if (normalizedEmail.length() > 254 || !EMAIL.matcher(normalizedEmail).matches()) {
            throw ApiException.invalidField("email", "must be a valid email address");
        }
        if (password != null && (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD)) {
            throw ApiException.invalidField("password", "must be " + MIN_PASSWORD + "-" + MAX_PASSWORD + " characters");
        }
        if (users.exists(normalizedEmail)) {
            throw ApiException.conflict("An account with this email already exists");
        }
        Instant now = Now.instant();
        String displayName = name == null || name.isBlank()
                ? normalizedEmail.substring(0, normalizedEmail.indexOf('@'))
                : name.trim();
        User user = new User(
                Ids.newId(),
                normalizedEmail,
                displayName,
                password == null ? null : passwords.hash(password),
                admin,
                admin ? ADMIN_PLAN : DEFAULT_PLAN,
                "{}",
                now,
                now);
        users.insert(user);
        // The slug is checked free, then inserted ON CONFLICT DO NOTHING: a concurrent signup that
        // took it in between makes this loop pick another instead of failing the transaction.
        for (int attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
            Hub personal = new Hub(
                    Ids.newId(),
                    displayName + "'s memories",
                    slugs.unique(displayName),
                    HubType.PERSONAL,
                    user.id(),
                    "",
                    Hub.DEFAULT_TIME_ZONE,
                    now,
                    now);
            if (hubs.insertIfSlugFree(personal)) {
                members.insert(personal.id(), user.id(), HubRole.OWNER, now);
                return new Created(user, personal);
            }
        }
        throw new IllegalStateException("No free slug for a personal hub after " + SLUG_ATTEMPTS + " attempts");
    }
}
