package dev.memax.server.ask;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.server.llm.LlmCancellation;
import dev.memax.server.llm.LlmException;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.ErrorCode;
import dev.memax.server.platform.ErrorEnvelope;
import dev.memax.server.platform.RequestIds;
import dev.memax.server.platform.SseFrames;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The streamed form of an ask: {@code sources} at once, a {@code delta} {@code {text}} per piece of
 * the answer, then {@code done} {@code {answer, citations, metadata}} or {@code error} (the error
 * envelope). The answer is written on the blocking pool; when the client goes away the
 * subscription ends and the upstream model call is cancelled.
 */
@Singleton
public class AskStreams {
    static final String SOURCES = "sources";
    static final String DELTA = "delta";
    static final String DONE = "done";
    static final String ERROR = "error";
    private static final Logger LOG = LoggerFactory.getLogger(AskStreams.class);
    private final AskService asks;
    private final ObjectMapper json;
    private final ExecutorService executor;

    public AskStreams(AskService asks, ObjectMapper json, @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.asks = asks;
        this.json = json;
        this.executor = executor;
    }

    /** @param requestId the request's id: in the log lines and in an {@code internal} error's details */
    Publisher<byte[]> stream(AskService.Prepared prepared, String requestId) {
        return Flux.create(
                sink -> {
                    LlmCancellation cancellation = new LlmCancellation();
                    sink.onDispose(cancellation::cancel);
                    sink.next(frame(SOURCES, prepared.sources()));
                    executor.execute(() -> {
                        MDC.put(RequestIds.MDC_KEY, requestId);
                        try {
                            write(prepared, sink, cancellation, requestId);
                        } finally {
                            MDC.remove(RequestIds.MDC_KEY);
                        }
                    });
                },
                FluxSink.OverflowStrategy.BUFFER);
    }

    private void write(
            AskService.Prepared prepared, FluxSink<byte[]> sink, LlmCancellation cancellation, String requestId) {
        try {
            AskResponse answer =
                    asks.answer(prepared, text -> sink.next(frame(DELTA, Map.of("text", text))), cancellation);
            Map<String, Object> done = new LinkedHashMap<>();
            done.put("answer", answer.answer());
            done.put("citations", answer.citations());
            done.put("metadata", answer.metadata());
            sink.next(frame(DONE, done));
        } catch (ApiException e) {
            sink.next(frame(ERROR, ErrorEnvelope.of(e.code(), e.getMessage(), e.details())));
        } catch (RuntimeException e) {
            // A cancelled answer means the client left: nobody is there to tell.
            if (!(e instanceof LlmException llm && llm.reason() == LlmException.Reason.CANCELLED)) {
                LOG.error("ask stream failed", e);
                sink.next(internal(requestId));
            }
        }
        sink.complete();
    }

    private byte[] internal(String requestId) {
        return frame(
                ERROR,
                ErrorEnvelope.of(ErrorCode.INTERNAL, "An unexpected error occurred", Map.of("request_id", requestId)));
    }

    private byte[] frame(String event, Object data) {
        return SseFrames.frame(json, event, null, data, null);
    }
}
