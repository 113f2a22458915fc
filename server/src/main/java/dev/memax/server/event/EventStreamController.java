package dev.memax.server.event;

import dev.memax.server.identity.Caller;
import io.micronaut.core.annotation.NonBlocking;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.netty.channel.Channel;
import jakarta.inject.Named;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/** {@code GET /v1/events/stream}: Server-Sent Events (docs/architecture.md §3.2, §5.9). Rules live in {@link EventStreamService}. */
@Controller("/v1/events")
public class EventStreamController {
    private final EventStreamService streams;
    private final ExecutorService blocking;

    public EventStreamController(EventStreamService streams, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.streams = streams;
        this.blocking = blocking;
    }

    /**
     * Non-blocking on purpose: Micronaut moves every item of a blocking route's body through the
     * I/O pool, a task and a thread hand-off per frame and stream. Opening the stream reads the
     * database, so it runs on the I/O pool here; the body is then fed on the connection's event
     * loop (see {@link EventStream}, {@link EventBus}).
     */
    @NonBlocking
    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    public CompletableFuture<HttpResponse<ByteBody>> stream(
            HttpRequest<?> request,
            Caller caller,
            @Nullable @QueryValue("hub_id") String hubId,
            @Nullable @QueryValue String types,
            @Nullable @QueryValue String after,
            @Nullable @Header("Last-Event-ID") String lastEventId) {
        // The header is what a reconnecting EventSource sends: it wins over the query.
        String position = lastEventId != null && !lastEventId.isBlank() ? lastEventId : after;
        Channel channel =
                ((NettyHttpRequest<?>) request).getChannelHandlerContext().channel();
        return CompletableFuture.supplyAsync(
                () -> HttpResponse.<ByteBody>ok(streams.open(caller, hubId, types, position, channel))
                        .contentType(MediaType.TEXT_EVENT_STREAM_TYPE)
                        .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                        // Proxies (nginx) must pass frames on at once.
                        .header("X-Accel-Buffering", "no"),
                blocking);
    }
}
