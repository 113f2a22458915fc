package dev.memax.server.ask;

import dev.memax.server.identity.Caller;
import dev.memax.server.llm.LlmCancellation;
import dev.memax.server.platform.Envelope;
import dev.memax.server.platform.RequestIds;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import jakarta.validation.Valid;

/**
 * {@code POST /v1/ask}: the answer as one JSON envelope, or with {@code Accept: text/event-stream}
 * as Server-Sent Events ({@code sources}, {@code delta}, {@code done}, {@code error}). A request the
 * server refuses (validation, access, quota, rate limit) is an ordinary error response either way.
 */
@Controller("/v1/ask")
public class AskController {
    private final AskService asks;
    private final AskStreams streams;

    public AskController(AskService asks, AskStreams streams) {
        this.asks = asks;
        this.streams = streams;
    }

    @Post(produces = {MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM})
    public HttpResponse<?> ask(
            HttpRequest<?> http,
            Caller caller,
            @Valid @Body AskRequest request,
            @Nullable @Header(HttpHeaders.ACCEPT) String accept,
            @Nullable @Header("X-Hub-ID") String activeHub) {
        AskService.Prepared prepared = asks.prepare(caller, request.withActiveHub(activeHub));
        if (accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM)) {
            return HttpResponse.ok(streams.stream(prepared, RequestIds.of(http)))
                    .contentType(MediaType.TEXT_EVENT_STREAM_TYPE)
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                    // Proxies (nginx) must pass frames on at once.
                    .header("X-Accel-Buffering", "no");
        }
        return HttpResponse.ok(Envelope.of(asks.answer(prepared, text -> {}, new LlmCancellation())))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
