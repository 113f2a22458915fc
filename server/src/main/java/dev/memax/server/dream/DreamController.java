package dev.memax.server.dream;

import dev.memax.server.identity.Caller;
import dev.memax.server.platform.Envelope;
import dev.memax.server.platform.Page;
import dev.memax.server.platform.PageRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;

/** Dreams: {@code /v1/dreams} (rules in {@link DreamService} and {@link DreamUndo}). */
@Controller("/v1/dreams")
public class DreamController {
    private final DreamService dreams;
    private final DreamUndo undo;

    public DreamController(DreamService dreams, DreamUndo undo) {
        this.dreams = dreams;
        this.undo = undo;
    }

    /** 202: the run has started and executes in the background. */
    @Post("/trigger")
    public HttpResponse<Envelope<DreamRun>> trigger(
            Caller caller, @Nullable @Body DreamRequests.Trigger body, @Nullable @Header("X-Hub-ID") String hubHeader) {
        return HttpResponse.<Envelope<DreamRun>>status(HttpStatus.ACCEPTED)
                .body(Envelope.of(dreams.trigger(caller, hubHeader, body)));
    }

    @Get
    public Envelope<Page<DreamRun>> list(
            Caller caller,
            @Nullable @QueryValue("hub_id") String hubId,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue String cursor,
            @Nullable @Header("X-Hub-ID") String hubHeader) {
        return Envelope.of(dreams.list(caller, hubId != null ? hubId : hubHeader, PageRequest.of(limit, cursor)));
    }

    @Get("/report")
    public Envelope<DreamReport> report(
            Caller caller,
            @Nullable @QueryValue("hub_id") String hubId,
            @Nullable @Header("X-Hub-ID") String hubHeader) {
        return Envelope.of(dreams.report(caller, hubId != null ? hubId : hubHeader));
    }

    @Get("/{id}")
    public Envelope<DreamService.RunDetail> get(
            Caller caller,
            @PathVariable String id,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue String cursor) {
        return Envelope.of(dreams.get(caller, id, PageRequest.of(limit, cursor)));
    }

    @Post("/{id}/undo")
    public Envelope<DreamRun> undoRun(Caller caller, @PathVariable String id) {
        return Envelope.of(undo.undoRun(caller, id));
    }

    @Post("/actions/{id}/undo")
    public Envelope<DreamAction> undoAction(Caller caller, @PathVariable String id) {
        return Envelope.of(undo.undoAction(caller, id));
    }
}
