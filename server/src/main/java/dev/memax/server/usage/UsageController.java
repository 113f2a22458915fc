package dev.memax.server.usage;

import dev.memax.server.identity.Caller;
import dev.memax.server.platform.Envelope;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** {@code GET /v1/usage}: this period's use against the caller's plan. */
@Controller("/v1/usage")
public class UsageController {
    private final UsageService usage;

    public UsageController(UsageService usage) {
        this.usage = usage;
    }

    @Get
    public Envelope<UsageService.Usage> usage(Caller caller) {
        return Envelope.of(usage.usage(caller));
    }
}
