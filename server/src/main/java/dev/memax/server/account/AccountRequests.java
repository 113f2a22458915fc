package dev.memax.server.account;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** Request bodies of the account routes. */
public final class AccountRequests {
    private AccountRequests() {
    }

    /** Absent fields are unchanged. A new password needs the current one (when the account has one). */
    @Introspected
    public record UpdateMe(@Nullable @Size(min = 1, max = 100) String name,
                           @Nullable @Size(min = 10, max = 256) String password,
                           @Nullable String currentPassword) {
        @Override
        public String toString() {
            return "UpdateMe[name=" + name + "]";
        }
    }

    /** Keys set to null are removed; others replace the stored value (shallow merge). */
    @Introspected
    public record UpdateSettings(@NotNull Map<String, Object> settings) {
    }
}
