package dev.memax.server.topic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.identity.Caller;
import dev.memax.server.memory.Memory;
import dev.memax.server.platform.Envelope;
import dev.memax.server.platform.JsonBodies;
import dev.memax.server.platform.Page;
import dev.memax.server.platform.PageRequest;
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
import io.micronaut.json.JsonSyntaxException;
import java.util.Map;

/**
 * Topics: {@code /v1/topics}, the routes the Memax SDK's {@code TopicsResource} calls. A topic's own
 * routes find its hub from the topic; the list routes take {@code hub_id} or {@code X-Hub-ID}.
 */
@Controller("/v1/topics")
public class TopicController {
    private final TopicService topics;
    private final JsonBodies bodies;

    public TopicController(TopicService topics, JsonBodies bodies) {
        this.topics = topics;
        this.bodies = bodies;
    }

    @Get
    public Envelope<TopicTree.Listing> list(
            Caller caller,
            @Nullable @QueryValue("hub_id") String hubId,
            @Nullable @Header("X-Hub-ID") String chosenHub) {
        return Envelope.of(topics.tree(caller, hubId != null ? hubId : chosenHub));
    }

    @Post
    public HttpResponse<Envelope<Topic>> create(
            Caller caller, @Body TopicRequests.Create body, @Nullable @Header("X-Hub-ID") String hubId) {
        return HttpResponse.created(Envelope.of(topics.create(caller, body, hubId)));
    }

    @Get("/archived")
    public Envelope<TopicService.Archived> archived(
            Caller caller,
            @Nullable @QueryValue("hub_id") String hubId,
            @Nullable @Header("X-Hub-ID") String chosenHub) {
        return Envelope.of(topics.archived(caller, hubId != null ? hubId : chosenHub));
    }

    @Post("/reorder")
    public Envelope<TopicService.Reordered> reorder(Caller caller, @Body JsonNode body) {
        return Envelope.of(topics.reorder(caller, TopicRequests.operations(bodies.object(body))));
    }

    @Get("/{id}")
    public Envelope<Topic> get(Caller caller, @PathVariable String id) {
        return Envelope.of(topics.get(caller, id));
    }

    @Patch("/{id}")
    public Envelope<Topic> update(Caller caller, @PathVariable String id, @Body JsonNode body)
            throws JsonSyntaxException {
        return Envelope.of(
                topics.update(caller, id, new TopicRequests.Patch(bodies.patch(body, TopicRequests.Update.class))));
    }

    @Delete("/{id}")
    public Envelope<TopicService.Deleted> delete(Caller caller, @PathVariable String id) {
        return Envelope.of(topics.delete(caller, id));
    }

    @Post("/{id}/archive")
    public Envelope<TopicService.ArchiveResult> archive(
            Caller caller, @PathVariable String id, @Nullable @Body Map<String, Object> ignored) {
        return Envelope.of(topics.archive(caller, id));
    }

    @Post("/{id}/restore")
    public Envelope<TopicService.ArchiveResult> restore(
            Caller caller, @PathVariable String id, @Nullable @Body Map<String, Object> ignored) {
        return Envelope.of(topics.restore(caller, id));
    }

    @Get("/{id}/memories")
    public Envelope<Page<Memory>> memories(
            Caller caller,
            @PathVariable String id,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue String cursor) {
        return Envelope.of(topics.memories(caller, id, PageRequest.of(limit, cursor)));
    }

    @Post("/{id}/memories")
    public HttpResponse<Envelope<TopicRepository.Link>> assign(
            Caller caller, @PathVariable String id, @Body TopicRequests.Assign body) {
        return HttpResponse.created(Envelope.of(topics.assign(caller, id, body)));
    }

    @Delete("/{id}/memories/{memoryId}")
    public Envelope<TopicService.Unassigned> unassign(
            Caller caller, @PathVariable String id, @PathVariable String memoryId) {
        return Envelope.of(topics.unassign(caller, id, memoryId));
    }

    @Post("/{id}/visit")
    public Envelope<TopicService.Visited> visit(
            Caller caller, @PathVariable String id, @Nullable @Body Map<String, Object> ignored) {
        return Envelope.of(topics.visit(caller, id));
    }
}
