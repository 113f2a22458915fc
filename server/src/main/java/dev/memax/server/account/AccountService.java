package dev.memax.server.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.server.access.AccessPolicy;
import dev.memax.server.auth.AuthService;
import dev.memax.server.auth.Caller;
import dev.memax.server.auth.LoginSessions;
import dev.memax.server.auth.PasswordHasher;
import dev.memax.server.auth.Scope;
import dev.memax.server.auth.UserView;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.ErrorCode;
import dev.memax.server.user.User;
import dev.memax.server.user.UserRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The caller's own account: profile, password and settings. */
@Singleton
public class AccountService {
    /** DESIGN.md §1: metadata-like documents are at most 16 KB. */
    public static final int MAX_SETTINGS_BYTES = 16 * 1024;
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private final UserRepository users;
    private final AccountRepository accounts;
    private final AuthService auth;
    private final AccessPolicy access;
    private final PasswordHasher passwords;
    private final LoginSessions sessions;
    private final ObjectMapper json;

    public AccountService(UserRepository users, AccountRepository accounts, AuthService auth, AccessPolicy access,
                          PasswordHasher passwords, LoginSessions sessions, ObjectMapper json) {
        this.users = users;
        this.accounts = accounts;
        this.auth = auth;
        this.access = access;
        this.passwords = passwords;
        this.sessions = sessions;
        this.json = json;
    }

    public UserView me(Caller caller) {
        return auth.view(currentUser(caller));
    }

    /**
     * Renames and/or changes the password. A password change needs the current password (wrong:
     * 403) unless the account has none yet, is refused to hub-restricted keys (it would turn a
     * narrow key into a full login), and ends every other session of the user.
     */
    @Transactional
    public UserView update(Caller caller, AccountRequests.UpdateMe request) {
        access.requireScope(caller, Scope.WRITE);
        User user = accounts.lock(caller.userId()).orElseThrow(() -> ApiException.notFound("User"));
        Instant now = Instant.now();
        if (request.name() != null) {
            String name = request.name().trim();
            if (name.isEmpty()) {
                throw ApiException.invalidField("name", "must not be blank");
            }
            accounts.updateName(user.id(), name, now);
        }
        if (request.password() != null) {
            access.requireUnrestricted(caller, Scope.WRITE);
            if (user.passwordHash() != null) {
                if (request.currentPassword() == null || request.currentPassword().isEmpty()) {
                    throw ApiException.invalidField("current_password", "required to change the password");
                }
                if (!passwords.matches(request.currentPassword(), user.passwordHash())) {
                    throw ApiException.forbidden("The current password is wrong");
                }
            }
            users.updatePasswordHash(user.id(), passwords.hash(request.password()), now);
            sessions.revokeOthers(user.id(), caller.sessionId(), "password_change");
        }
        return auth.view(users.findById(user.id()).orElseThrow());
    }

    public Map<String, Object> settings(Caller caller) {
        return Map.of("settings", parse(currentUser(caller).settingsJson()));
    }

    /** Shallow merge under a row lock, so concurrent patches of different keys both land. */
    @Transactional
    public Map<String, Object> updateSettings(Caller caller, AccountRequests.UpdateSettings request) {
        access.requireScope(caller, Scope.WRITE);
        User user = accounts.lock(caller.userId()).orElseThrow(() -> ApiException.notFound("User"));
        LinkedHashMap<String, Object> merged = parse(user.settingsJson());
        request.settings().forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else {
                merged.put(key, value);
            }
        });
        String text = write(merged);
        int size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_SETTINGS_BYTES) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "Settings would be " + size + " bytes; at most " + MAX_SETTINGS_BYTES + " are allowed",
                    Map.of("limit_bytes", MAX_SETTINGS_BYTES, "size_bytes", size));
        }
        accounts.updateSettings(user.id(), text, Instant.now());
        return Map.of("settings", merged);
    }

    private User currentUser(Caller caller) {
        return users.findById(caller.userId()).orElseThrow(() -> ApiException.notFound("User"));
    }

    private LinkedHashMap<String, Object> parse(String text) {
        try {
            return text == null || text.isBlank() ? new LinkedHashMap<>() : json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored settings are not a JSON object", e);
        }
    }

    private String write(Map<String, Object> settings) {
        try {
            return json.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
