package dev.memax.server.memory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.identity.Caller;
import dev.memax.server.platform.Envelope;
import dev.memax.server.platform.JsonBodies;
import dev.memax.server.platform.Page;
import dev.memax.server.platform.PageRequest;
import dev.memax.server.platform.PatchBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonSyntaxException;
import java.util.List;

/**
 * Memories: {@code /v1/memories}. Query strings become typed requests here; each route calls the
 * class that owns its rules ({@link MemoryUpserts} for pushes, {@link MemoryService} for one memory's
 * reads and changes, {@link MemoryListings},
 * {@link MemoryBatches}, {@link MemoryHistory}, {@link MemoryRelations}).
 */
@Controller("/v1/memories")
public class MemoryController {
    private final MemoryService memories;
    private final MemoryUpserts upserts;
    private final MemoryListings listings;
    private final MemoryBatches batches;
    private final MemoryHistory history;
    private final MemoryRelations relations;
    private final JsonBodies bodies;

    public MemoryController(
            MemoryService memories,
            MemoryUpserts upserts,
            MemoryListings listings,
            MemoryBatches batches,
            MemoryHistory history,
            MemoryRelations relations,
            JsonBodies bodies) {
        this.memories = memories;
        this.upserts = upserts;
        this.listings = listings;
        this.batches = batches;
        this.history = history;
        this.relations = relations;
        this.bodies = bodies;
    }

    /**
     * 201 for a new memory; 200 when a source_path upsert updated one in place or found it unchanged.
     * An unknown kind or stability is stored as the default, with {@code X-Memax-Warning} ({@link UnknownEnums}).
     */
    @Post
    public HttpResponse<Envelope<Memory>> create(
            Caller caller, @Body JsonNode body, @Nullable @Header("X-Hub-ID") String hubId) throws JsonSyntaxException {
        List<String> warnings = UnknownEnums.normalise(body, "");
        MemoryUpserts.Pushed pushed =
                upserts.create(caller, bodies.bind(body, MemoryRequests.CreateMemory.class), hubId);
        return warned(
                HttpResponse.<Envelope<Memory>>status(pushed.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(Envelope.of(pushed.memory())),
                warnings);
    }

    @Get
    public Envelope<MemoryListings.Listing> list(
            Caller caller,
            @Nullable @QueryValue("hub_id") String hubId,
            @Nullable @QueryValue String kind,
            @Nullable @QueryValue("topic_id") String topicId,
            @Nullable @QueryValue List<String> tags,
            @Nullable @QueryValue String source,
            @Nullable @QueryValue String state,
            @Nullable @QueryValue String pinned,
            @Nullable @QueryValue("created_after") String createdAfter,
            @Nullable @QueryValue("created_before") String createdBefore,
            @Nullable @QueryValue("include_expired") String includeExpired,
            @Nullable @QueryValue String sort,
            @Nullable @QueryValue String actor,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue String cursor,
            @Nullable @Header("X-Hub-ID") String chosenHub) {
        // The Memax SDK's list({hubId}) names the hub only in X-Hub-ID: the header narrows when the query names no hub.
        MemoryListRequest request = MemoryListRequest.parse(
                hubId != null ? hubId : chosenHub,
                kind,
                topicId,
                tags,
                source,
                state,
                pinned,
                createdAfter,
                createdBefore,
                includeExpired,
                sort,
                actor);
        return Envelope.of(listings.listing(caller, request, PageRequest.of(limit, cursor)));
    }

    @Post("/batch")
    public HttpResponse<Envelope<MemoryUpserts.Batch>> createBatch(
            Caller caller, @Body JsonNode body, @Nullable @Header("X-Hub-ID") String hubId) throws JsonSyntaxException {
        List<String> warnings = UnknownEnums.normaliseBatch(body);
        MemoryUpserts.Batch batch =
                upserts.createBatch(caller, bodies.bind(body, MemoryRequests.CreateBatch.class), hubId);
        return warned(HttpResponse.created(Envelope.of(batch)), warnings);
    }

    @Post("/batch-delete")
    public Envelope<MemoryBatches.BatchDeleted> deleteBatch(Caller caller, @Body MemoryRequests.BatchDelete body) {
        return Envelope.of(batches.deleteBatch(caller, body));
    }

    @Post("/batch-move")
    public Envelope<MemoryBatches.BatchMoved> moveBatch(Caller caller, @Body MemoryRequests.BatchMove body) {
        return Envelope.of(batches.moveBatch(caller, body));
    }

    /** Full-text search; {@code X-Hub-ID} names the active hub, whose matches come first. */
    @Get("/search")
    public Envelope<List<SearchResult>> search(
            Caller caller,
            @Nullable @QueryValue String q,
            @Nullable @QueryValue("hub_id") String hubId,
            @Nullable @QueryValue("topic_id") String topicId,
            @Nullable @QueryValue Integer limit,
            @Nullable @Header("X-Hub-ID") String activeHub) {
        return Envelope.of(listings.search(caller, MemorySearchRequest.parse(q, hubId, topicId, limit, activeHub)));
    }

    @Post("/{id}/access")
    public Envelope<MemoryService.Accessed> access(Caller caller, @PathVariable String id) {
        return Envelope.of(memories.access(caller, id));
    }

    /** 201 with the copy; 200 when the target hub already held it (same source_path). */
    @Post("/{id}/share")
    public HttpResponse<Envelope<Memory>> share(
            Caller caller, @PathVariable String id, @Nullable @Body MemoryRequests.Share body) {
        MemoryUpserts.Pushed pushed = memories.share(caller, id, body);
        return HttpResponse.<Envelope<Memory>>status(pushed.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(Envelope.of(pushed.memory()));
    }

    @Get("/{id}")
    public Envelope<Memory> get(
            Caller caller, @PathVariable String id, @Nullable @QueryValue("include_expired") String includeExpired) {
        return Envelope.of(memories.get(caller, id, MemoryFilter.Parser.flag(includeExpired, "include_expired")));
    }

    @Patch("/{id}")
    public HttpResponse<Envelope<Memory>> update(Caller caller, @PathVariable String id, @Body JsonNode body)
            throws JsonSyntaxException {
        List<String> warnings = UnknownEnums.normalise(body, "");
        PatchBody<MemoryRequests.UpdateMemory> patch = bodies.patch(body, MemoryRequests.UpdateMemory.class);
        return warned(HttpResponse.ok(Envelope.of(memories.update(caller, id, patch))), warnings);
    }

    private static <T> MutableHttpResponse<T> warned(MutableHttpResponse<T> response, List<String> warnings) {
        return warnings.isEmpty()
                ? response
                : response.header(UnknownEnums.WARNING_HEADER, UnknownEnums.header(warnings));
    }

    @Delete("/{id}")
    public Envelope<MemoryService.Deleted> delete(Caller caller, @PathVariable String id) {
        return Envelope.of(memories.delete(caller, id));
    }

    @Get("/{id}/history")
    public Envelope<Page<MemoryVersion>> history(
            Caller caller,
            @PathVariable String id,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue String cursor) {
        return Envelope.of(history.history(caller, id, PageRequest.of(limit, cursor)));
    }

    @Get("/{id}/related")
    public Envelope<List<RelatedMemory>> related(
            Caller caller,
            @PathVariable String id,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue("include_expired") String includeExpired) {
        return Envelope.of(
                relations.related(caller, id, limit, MemoryFilter.Parser.flag(includeExpired, "include_expired")));
    }
}
