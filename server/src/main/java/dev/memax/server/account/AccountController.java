package dev.memax.server.account;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.identity.Caller;
import dev.memax.server.platform.Envelope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import jakarta.validation.Valid;
import java.util.Map;

/** {@code /v1/auth/me} and {@code /v1/settings}: the caller's own account. */
@Controller("/v1")
public class AccountController {
    private final AccountService accounts;

    public AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @Get("/auth/me")
    public Envelope<AccountService.Me> me(Caller caller) {
        return Envelope.of(accounts.me(caller));
    }

    @Patch("/auth/me")
    public Envelope<AccountService.Updated> updateMe(Caller caller, @Valid @Body AccountRequests.UpdateMe request) {
        return Envelope.of(accounts.update(caller, request));
    }

    @Get("/settings")
    public Envelope<Map<String, Object>> settings(Caller caller) {
        return Envelope.of(accounts.settings(caller));
    }

    @Patch("/settings")
    public Envelope<Map<String, Object>> updateSettings(Caller caller, @Nullable @Body JsonNode body) {
        return Envelope.of(accounts.updateSettings(caller, body));
    }
}
