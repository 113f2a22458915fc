package dev.memax.server.account;

import dev.memax.server.platform.ApiException;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Request bodies of the account routes. */
public final class AccountRequests {
    private AccountRequests() {}

    /**
     * Absent fields are unchanged. A new password needs the current one (when the account has one).
     * {@code display_name} is Memax's name for {@code name} (its SDK's updateProfile sends it);
     * {@code name} wins when both are sent.
     */
    @Introspected
    public record UpdateMe(
            @Nullable @Size(min = 1, max = 100) String name,
            @Nullable @Size(min = 1, max = 100) String displayName,
            @Nullable @Size(min = 10, max = 256) String password,
            @Nullable String currentPassword) {

        /** The new name under either spelling, or null to keep it. */
        public String newName() {
            return name != null ? name : displayName;
        }

        @Override
        public String toString() {
            return "UpdateMe[name=" + name + "]";
        }
    }

    /**
     * The keys to change: keys set to null are removed, others replace the stored value (shallow
     * merge). Sent either as {@code {"settings": {...}}} (then {@code settings} is the body's only
     * key and holds an object) or flat, as Memax's SDK sends them. {@code settings} is never a
     * settings key itself: answers show the settings flat and under it.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> settingsPatch(Map<String, Object> body) {
        if (!body.containsKey("settings")) {
            return body;
        }
        if (body.size() != 1 || !(body.get("settings") instanceof Map<?, ?> wrapped)) {
            throw ApiException.invalidField(
                    "settings", "must be an object and the body's only key (or send the keys flat, without settings)");
        }
        if (wrapped.containsKey("settings")) {
            throw ApiException.invalidField(
                    "settings.settings", "is reserved: settings cannot hold a key named settings");
        }
        return (Map<String, Object>) wrapped;
    }
}
