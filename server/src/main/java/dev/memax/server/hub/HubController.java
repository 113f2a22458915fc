package dev.memax.server.hub;

import dev.memax.server.identity.Caller;
import dev.memax.server.identity.HubEntry;
import dev.memax.server.platform.Envelope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;

/** Hubs: {@code /v1/hubs}. Rules live in {@link HubService}. */
@Controller("/v1/hubs")
public class HubController {
    private final HubService hubs;
    private final HubSummaryService summaries;

    public HubController(HubService hubs, HubSummaryService summaries) {
        this.hubs = hubs;
        this.summaries = summaries;
    }

    /** The hub at the top level (Memax) and {@code {hub, role, memory_count}} beside it ({@link HubView}). */
    @Post
    public HttpResponse<Envelope<HubView>> create(Caller caller, @Valid @Body HubRequests.CreateHub body) {
        return HttpResponse.created(Envelope.of(HubView.of(hubs.create(caller, body))));
    }

    /** A plain array under {@code data} (docs/architecture.md §5.12): a user has few hubs. */
    @Get
    public Envelope<List<HubEntry>> list(Caller caller) {
        return Envelope.of(hubs.list(caller));
    }

    @Get("/check-slug")
    public Envelope<HubService.SlugCheck> checkSlug(Caller caller, @Nullable @QueryValue String slug) {
        return Envelope.of(hubs.checkSlug(caller, slug));
    }

    @Get("/{id}")
    public Envelope<HubDetail> get(Caller caller, @PathVariable String id) {
        return Envelope.of(hubs.get(caller, id));
    }

    @Patch("/{id}")
    public Envelope<HubView> update(Caller caller, @PathVariable String id, @Valid @Body HubRequests.UpdateHub body) {
        return Envelope.of(HubView.of(hubs.update(caller, id, body)));
    }

    @Get("/{id}/summary")
    public Envelope<HubSummaryService.Summary> summary(
            Caller caller, @PathVariable String id, @Nullable @Header("X-Timezone") String timeZone) {
        return Envelope.of(summaries.summary(caller, id, timeZone));
    }

    /** The body carries nothing (the Memax SDK sends {@code {}}); it is bound so that one that is no JSON object is refused. */
    @Post("/{id}/visit")
    public Envelope<HubSummaryService.Visited> visit(
            Caller caller, @PathVariable String id, @Nullable @Body Map<String, Object> ignored) {
        return Envelope.of(summaries.visit(caller, id));
    }

    @Delete("/{id}")
    public Envelope<HubService.Deleted> delete(Caller caller, @PathVariable String id) {
        return Envelope.of(hubs.delete(caller, id));
    }
}
