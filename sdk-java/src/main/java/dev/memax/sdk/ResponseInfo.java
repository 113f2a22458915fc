package dev.memax.sdk;

import java.net.URI;
import java.net.http.HttpHeaders;

/**
 * One HTTP response as the SDK received it, before it is decoded: for logging, metrics and
 * tests (e.g. to check a {@code 201}, {@code X-Request-ID} or {@code Idempotent-Replayed}).
 * Register a listener with {@link MemaxClient.Builder#onResponse} or
 * {@link RequestOptions.Builder#onResponse}.
 *
 * @param method     the HTTP method
 * @param uri        the full request URI
 * @param statusCode the HTTP status
 * @param headers    the response headers
 * @param attempt    1 for the first attempt, 2 for the first retry, …
 */
public record ResponseInfo(String method, URI uri, int statusCode, HttpHeaders headers, int attempt) {
    /** The response's {@code X-Request-ID}, or null. */
    public String requestId() {
        return headers.firstValue("X-Request-ID").orElse(null);
    }

    /** Whether this is a stored answer replayed for an {@code Idempotency-Key}. */
    public boolean idempotentReplayed() {
        return headers.firstValue("Idempotent-Replayed")
                .map("true"::equalsIgnoreCase)
                .orElse(false);
    }
}
