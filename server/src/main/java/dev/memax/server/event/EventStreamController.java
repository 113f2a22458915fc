package dev.memax.server.event;

import dev.memax.server.auth.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import org.reactivestreams.Publisher;

/** {@code GET /v1/events/stream}: Server-Sent Events (DESIGN.md §5). Rules live in {@link EventStreamService}. */
@Controller("/v1/events")
public class EventStreamController {
    private final EventStreamService streams;

    public EventStreamController(EventStreamService streams) {
        this.streams = streams;
    }

    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    public HttpResponse<Publisher<byte[]>> stream(Caller caller,
                                                  @Nullable @QueryValue("hub_id") String hubId,
                                                  @Nullable @QueryValue String types,
                                                  @Nullable @QueryValue String after,
                                                  @Nullable @Header("Last-Event-ID") String lastEventId) {
        // The header is what a reconnecting EventSource sends: it wins over the query.
        String position = lastEventId != null && !lastEventId.isBlank() ? lastEventId : after;
        return HttpResponse.ok(streams.open(caller, hubId, types, position))
                .contentType(MediaType.TEXT_EVENT_STREAM_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                // Proxies (nginx) must pass frames on at once.
                .header("X-Accel-Buffering", "no");
    }
}
