package dev.memax.server.dream;

import dev.memax.server.identity.Caller;
import dev.memax.server.platform.Envelope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;

/** {@code GET /v1/usage/dreams}: the dream side of usage, answered by {@link DreamService#usage}. */
@Controller("/v1/usage/dreams")
public class DreamUsageController {
    private final DreamService dreams;

    public DreamUsageController(DreamService dreams) {
        this.dreams = dreams;
    }

    @Get
    public Envelope<DreamUsage> usage(
            Caller caller,
            @Nullable @QueryValue("hub_id") String hubId,
            @Nullable @Header("X-Hub-ID") String hubHeader) {
        return Envelope.of(dreams.usage(caller, hubId != null ? hubId : hubHeader));
    }
}
