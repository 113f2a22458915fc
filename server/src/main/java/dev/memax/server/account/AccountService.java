package dev.memax.server.account;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.server.access.AccessPolicy;
import dev.memax.server.auth.AuthService;
import dev.memax.server.auth.LoginSessions;
import dev.memax.server.auth.UserView;
import dev.memax.server.hub.HubService;
import dev.memax.server.identity.Caller;
import dev.memax.server.identity.HubEntry;
import dev.memax.server.identity.PasswordHasher;
import dev.memax.server.identity.Scope;
import dev.memax.server.identity.User;
import dev.memax.server.identity.UserRepository;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.ErrorCode;
import dev.memax.server.platform.Now;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The caller's own account: profile, password and settings. */
@Singleton
public class AccountService {
    /** docs/architecture.md §5.1: metadata-like documents are at most 16 KB. */
    public static final int MAX_SETTINGS_BYTES = 16 * 1024;

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
    private final UserRepository users;
    private final AccountRepository accounts;
    private final AuthService auth;
    private final AccessPolicy access;
    private final PasswordHasher passwords;
    private final LoginSessions sessions;
    private final ObjectMapper json;
    private final HubService hubs;

    public AccountService(
            UserRepository users,
            AccountRepository accounts,
            AuthService auth,
            AccessPolicy access,
            PasswordHasher passwords,
            LoginSessions sessions,
            ObjectMapper json,
            HubService hubs) {
        this.hubs = hubs;
        this.users = users;
        this.accounts = accounts;
        this.auth = auth;
        this.access = access;
        this.passwords = passwords;
        this.sessions = sessions;
        this.json = json;
    }

    public Me me(Caller caller) {
        UserView view = auth.view(currentUser(caller));
        // The hubs this credential may read: none for a key without the read scope.
        List<HubEntry> readable = caller.has(Scope.READ) ? hubs.list(caller) : List.of();
        return new Me(view, view.name(), new Me.Profile(view, view.name(), view.plan()), readable);
    }

    /**
     * {@code GET /v1/auth/me}: the user's fields at the top level (as our Java SDK reads them) and,
     * for Memax's SDK (docs/architecture.md §5.12), {@code user} with its {@code display_name} and
     * {@code personal_plan_id}, and {@code hubs}: the hubs the credential may read, with the
     * user's role in each (as {@code GET /v1/hubs} answers them).
     */
    public record Me(@JsonUnwrapped UserView fields, String displayName, Profile user, List<HubEntry> hubs) {

        /** Memax's User object. */
        public record Profile(@JsonUnwrapped UserView fields, String displayName, String personalPlanId) {}
    }

    /** The answer to a profile change: the user, plus Memax's UpdateProfileResult fields ({@code status}, {@code display_name}). */
    public record Updated(@JsonUnwrapped UserView fields, String status, String displayName) {}

    /**
     * Renames and/or changes the password. A password change needs the current password (wrong:
     * 403) unless the account has none yet, is refused to hub-restricted keys (it would turn a
     * narrow key into a full login), and ends every other session of the user.
     */
    @Transactional
    public Updated update(Caller caller, AccountRequests.UpdateMe request) {
        access.requireScope(caller, Scope.WRITE);
        User user = accounts.lock(caller.userId()).orElseThrow(() -> ApiException.notFound("User"));
        Instant now = Now.instant();
        if (request.newName() != null) {
            String name = request.newName().trim();
            if (name.isEmpty()) {
                throw ApiException.invalidField(request.name() != null ? "name" : "display_name", "must not be blank");
            }
            accounts.updateName(user.id(), name, now);
        }
        if (request.password() != null) {
            access.requireUnrestricted(caller, Scope.WRITE);
            if (user.passwordHash() != null) {
                if (request.currentPassword() == null
                        || request.currentPassword().isEmpty()) {
                    throw ApiException.invalidField("current_password", "required to change the password");
                }
                if (!passwords.matches(request.currentPassword(), user.passwordHash())) {
                    throw ApiException.forbidden("The current password is wrong");
                }
            }
            users.updatePasswordHash(user.id(), passwords.hash(request.password()), now);
            sessions.revokeOthers(user.id(), caller.sessionId(), "password_change");
        }
        UserView view = auth.view(users.findById(user.id()).orElseThrow());
        return new Updated(view, "updated", view.name());
    }

    public Map<String, Object> settings(Caller caller) {
        return answer(parse(currentUser(caller).settingsJson()));
    }

    /**
     * The settings under {@code settings} (as our Java SDK reads them) and flat beside it (as
     * Memax's SDK reads them); a stored key named {@code settings} shows only inside the object.
     */
    private static Map<String, Object> answer(Map<String, Object> settings) {
        Map<String, Object> answer = new LinkedHashMap<>(settings);
        answer.put("settings", settings);
        return answer;
    }

    /** Shallow merge under a row lock, so concurrent patches of different keys both land. */
    @Transactional
    public Map<String, Object> updateSettings(Caller caller, JsonNode body) {
        access.requireScope(caller, Scope.WRITE);
        // Read as a tree: a bound Map would lose the top-level nulls that remove keys.
        if (body == null || !body.isObject()) {
            throw ApiException.invalidField("settings", "the body must be a JSON object");
        }
        Map<String, Object> patch = AccountRequests.settingsPatch(json.convertValue(body, MAP));
        User user = accounts.lock(caller.userId()).orElseThrow(() -> ApiException.notFound("User"));
        LinkedHashMap<String, Object> merged = parse(user.settingsJson());
        patch.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else {
                merged.put(key, value);
            }
        });
        String text = write(merged);
        int size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_SETTINGS_BYTES) {
            throw new ApiException(
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    "Settings would be " + size + " bytes; at most " + MAX_SETTINGS_BYTES + " are allowed",
                    Map.of("limit_bytes", MAX_SETTINGS_BYTES, "size_bytes", size));
        }
        accounts.updateSettings(user.id(), text, Now.instant());
        return answer(merged);
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
