package dev.memax.server.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.reactivestreams.Publisher;

/**
 * Test-only: validates every response the server sends during a test class against
 * openapi.yaml (status, headers, JSON body schema). Routes absent from the contract are
 * {@link RouteCoverageTest}'s concern and the test-only fixture routes are skipped.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "memax.test-contract.enabled", value = "true")
public class ContractRecorder implements Ordered {
    private static final List<String> SKIPPED_KEYS =
            List.of("validation.request.path.missing", "validation.response.operation.notAllowed");
    /** Binary bodies (images) are not schema-checked: only status and headers. */
    private static final List<String> BINARY_SKIPPED_KEYS = List.of(
            "validation.request.path.missing",
            "validation.response.operation.notAllowed",
            "validation.response.body.missing");

    private final ObjectMapper json;
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    public ContractRecorder(ObjectMapper json) {
        this.json = json;
    }

    @ResponseFilter
    public void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String path = request.getPath();
        if (path.startsWith("/v1/test-fixtures")) {
            return;
        }
        Object body = response.getBody().orElse(null);
        if (body instanceof Publisher<?>) {
            // A stream (text/event-stream): its frames are written after this filter; status and headers are checked.
            String streamType =
                    response.getContentType().map(MediaType::toString).orElse(null);
            try {
                violations.addAll(OpenApiContract.get()
                        .validate(
                                request.getMethodName(),
                                path,
                                response.code(),
                                response.getHeaders().asMap(),
                                streamType,
                                null,
                                BINARY_SKIPPED_KEYS));
            } catch (RuntimeException e) {
                violations.add(request.getMethodName() + " " + path + ": contract check failed: " + e);
            }
            return;
        }
        String contentType = response.getContentType()
                .map(MediaType::toString)
                .orElse(
                        body == null || body instanceof byte[] || body instanceof CharSequence
                                ? null
                                : MediaType.APPLICATION_JSON);
        boolean textual = contentType != null
                && (contentType.startsWith(MediaType.APPLICATION_JSON)
                        || contentType.startsWith("text/")
                        || contentType.contains("yaml"));
        List<String> skipped = textual ? SKIPPED_KEYS : BINARY_SKIPPED_KEYS;
        if (response.code() == 405 || request.getMethodName().equals("OPTIONS")) {
            // The router's answer to a method the path does not have, or a CORS preflight (not an API
            // operation, as RouteCoverageTest counts them): the contract lists the path's methods,
            // and RouteCoverageTest keeps every served one in it.
            skipped = new ArrayList<>(skipped);
            skipped.add("validation.request.operation.notAllowed");
        }
        try {
            violations.addAll(OpenApiContract.get()
                    .validate(
                            request.getMethodName(),
                            path,
                            response.code(),
                            response.getHeaders().asMap(),
                            contentType,
                            textual ? serialize(body) : null,
                            skipped));
        } catch (RuntimeException e) {
            violations.add(request.getMethodName() + " " + path + ": contract check failed: " + e);
        }
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    private String serialize(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (body instanceof CharSequence text) {
            return text.toString();
        }
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return "<unserialisable " + body.getClass() + ">";
        }
    }

    /** Outermost response filter, so it sees every header the others add. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
