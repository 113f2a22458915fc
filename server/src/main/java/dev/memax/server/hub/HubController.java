package dev.memax.server.hub;

import dev.memax.server.auth.Caller;
import dev.memax.server.platform.Envelope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import jakarta.validation.Valid;

import java.util.List;

/** Hubs: {@code /v1/hubs}. Rules live in {@link HubService}. */
@Controller("/v1/hubs")
public class HubController {
    private final HubService hubs;

    public HubController(HubService hubs) {
        this.hubs = hubs;
    }

    @Post
    public HttpResponse<Envelope<HubEntry>> create(Caller caller, @Valid @Body HubRequests.CreateHub body) {
        return HttpResponse.created(Envelope.of(hubs.create(caller, body)));
    }

    /** A plain array under {@code data} (DESIGN.md §8): a user has few hubs. */
    @Get
    public Envelope<List<HubEntry>> list(Caller caller) {
        return Envelope.of(hubs.list(caller));
    }

    @Get("/check-slug")
    public Envelope<HubService.SlugCheck> checkSlug(Caller caller, @Nullable @QueryValue String slug) {
        return Envelope.of(hubs.checkSlug(caller, slug));
    }

    @Get("/{id}")
    public Envelope<HubEntry> get(Caller caller, @PathVariable String id) {
        return Envelope.of(hubs.get(caller, id));
    }

    @Patch("/{id}")
    public Envelope<HubEntry> update(Caller caller, @PathVariable String id, @Valid @Body HubRequests.UpdateHub body) {
        return Envelope.of(hubs.update(caller, id, body));
    }

    @Delete("/{id}")
    public Envelope<HubService.Deleted> delete(Caller caller, @PathVariable String id) {
        return Envelope.of(hubs.delete(caller, id));
    }
}
