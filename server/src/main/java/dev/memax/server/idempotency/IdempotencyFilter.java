package dev.memax.server.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.server.auth.AuthenticationFilter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;

/**
 * Wires {@code Idempotency-Key} on POST into the request flow; the rules live in
 * {@link IdempotencyService}. Keys are scoped to the authenticated user, so one user's key can
 * never replay another user's response. Runs after authentication.
 */
@ServerFilter(value = "/v1/**", methods = HttpMethod.POST)
public class IdempotencyFilter implements Ordered {
    public static final String KEY_HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private final IdempotencyService service;
    private final ObjectMapper json;

    public IdempotencyFilter(IdempotencyService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> filter(
            HttpRequest<?> request,
            @Nullable @Header(KEY_HEADER) String key,
            @Nullable @Body byte[] body,
            FilterContinuation<MutableHttpResponse<?>> continuation) {
        if (key == null) {
            return continuation.proceed();
        }
        String path = request.getUri().getRawPath()
                + (request.getUri().getRawQuery() == null
                        ? ""
                        : "?" + request.getUri().getRawQuery());
        IdempotencyService.Decision decision = service.begin(scope(request), key, request.getMethodName(), path, body);
        if (decision instanceof IdempotencyService.Replay replay) {
            return HttpResponse.status(HttpStatus.valueOf(replay.statusCode()))
                    .header(REPLAYED_HEADER, "true")
                    // A replay may carry credentials minted by the first response.
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .contentType(replay.contentType() == null ? MediaType.APPLICATION_JSON : replay.contentType())
                    .body(replay.body() == null ? new byte[0] : replay.body().getBytes(StandardCharsets.UTF_8));
        }
        IdempotencyService.Proceed claim = (IdempotencyService.Proceed) decision;
        MutableHttpResponse<?> response;
        try {
            response = continuation.proceed();
        } catch (RuntimeException | Error e) {
            service.abandon(claim);
            throw e;
        }
        if (isStream(response)) {
            // A stream (SSE: POST /v1/ask) is produced after this filter and cannot be replayed: not stored.
            service.abandon(claim);
            return response;
        }
        service.finish(
                claim,
                response.code(),
                serialize(response.getBody().orElse(null)),
                response.getContentType().map(MediaType::toString).orElse(MediaType.APPLICATION_JSON));
        return response;
    }

    private static boolean isStream(MutableHttpResponse<?> response) {
        return response.getBody().orElse(null) instanceof Publisher<?>
                || response.getContentType()
                        .map(type -> type.matches(MediaType.TEXT_EVENT_STREAM_TYPE))
                        .orElse(false);
    }

    private String serialize(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof CharSequence text) {
            return text.toString();
        }
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Response body is not serialisable", e);
        }
    }

    /**
     * Keys belong to the authenticated user. Anonymous requests (signup, login) share one scope,
     * which leaks nothing: a replay needs the identical body, credentials included.
     */
    private static String scope(HttpRequest<?> request) {
        return AuthenticationFilter.callerOf(request)
                .map(caller -> "user:" + caller.userId())
                .orElse("anonymous");
    }

    @Override
    public int getOrder() {
        return 100;
    }
}
