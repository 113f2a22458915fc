package dev.memax.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.memax.sdk.errors.ApiException;
import dev.memax.sdk.errors.ConnectionException;
import dev.memax.sdk.errors.MemaxException;
import dev.memax.sdk.params.ListParams;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Sends one logical call: builds the request, retries it when that is safe and useful, and
 * turns the answer into a value or an exception. Shared by every service of a client.
 */
final class Transport {
    /** Whether a route needs the client's credential. Public routes never send it: a stale one would fail them. */
    enum Auth { REQUIRED, NONE }

    private final MemaxClient.Config config;
    private final HttpClient http;
    private final BooleanSupplier closed;

    Transport(MemaxClient.Config config, HttpClient http, BooleanSupplier closed) {
        this.config = config;
        this.http = http;
        this.closed = closed;
    }

    /** A call whose answer is the {@code data} of the envelope, read as {@code type}. */
    <T> T call(String method, String path, Object body, RequestOptions options, Auth auth, Class<T> type) {
        return convert(send(method, path, Map.of(), body, options, auth).data(), type);
    }

    /** A call whose answer is not enveloped (standard formats such as a JWKS). */
    <T> T callRaw(String method, String path, RequestOptions options, Auth auth, Class<T> type) {
        return convert(send(method, path, Map.of(), null, options, auth).body(), type);
    }

    /** A call with query parameters. */
    <T> T call(String method, String path, Map<String, String> query, RequestOptions options, Class<T> type) {
        return convert(send(method, path, query, null, options, Auth.REQUIRED).data(), type);
    }

    /**
     * A list call: one page, whose items are under {@code key} (or, for routes that answer a
     * plain array, the array itself as a single page).
     */
    <T> Page<T> page(String path, String key, ListParams params, RequestOptions options, Class<T> type) {
        ListParams p = params == null ? ListParams.DEFAULT : params;
        Map<String, String> query = new LinkedHashMap<>();
        if (p.limit() != null) {
            query.put("limit", Integer.toString(p.limit()));
        }
        if (p.cursor() != null && !p.cursor().isEmpty()) {
            query.put("cursor", p.cursor());
        }
        JsonNode data = send("GET", path, query, null, options, Auth.REQUIRED).data();
        JavaType listType = Json.MAPPER.getTypeFactory().constructCollectionType(List.class, type);
        if (data.isArray()) {
            return new Page<>(convert(data, listType), "", false, null, null);
        }
        if (!data.isObject()) {
            throw new MemaxException("GET " + path + ": expected a page object, got " + data.getNodeType());
        }
        JsonNode items = data.path(key);
        List<T> list = items.isArray() ? convert(items, listType) : List.of();
        String next = data.path("next_cursor").isTextual() ? data.get("next_cursor").asText() : "";
        boolean hasMore = data.path("has_more").asBoolean(false);
        Long total = data.path("total").isIntegralNumber() ? data.get("total").asLong() : null;
        return new Page<>(list, next, hasMore, total,
                cursor -> page(path, key, p.withCursor(cursor), options, type));
    }

    record Answer(JsonNode body) {
        JsonNode data() {
            if (body == null || !body.isObject() || !body.has("data")) {
                throw new MemaxException("response is not a {\"data\": …} envelope");
            }
            return body.get("data");
        }
    }

    Answer send(String method, String path, Map<String, String> query, Object body, RequestOptions options,
                Auth auth) {
        if (closed.getAsBoolean()) {
            throw new IllegalStateException("this MemaxClient is closed");
        }
        RequestOptions opts = options == null ? RequestOptions.NONE : options;
        URI uri = uri(path, query);
        byte[] payload = body == null ? null : serialize(body);
        String idempotencyKey = null;
        if ("POST".equals(method)) {
            idempotencyKey = opts.idempotencyKey() != null ? opts.idempotencyKey()
                    : config.idempotencyKeys() ? UUID.randomUUID().toString() : null;
        }
        // Without a key a POST may have run before the answer was lost: never resend it.
        boolean retryable = !"POST".equals(method) || idempotencyKey != null;
        int maxRetries = retryable ? (opts.maxRetries() != null ? opts.maxRetries() : config.maxRetries()) : 0;
        Duration timeout = opts.timeout() != null ? opts.timeout() : config.requestTimeout();

        for (int attempt = 1; ; attempt++) {
            HttpRequest request = request(method, uri, payload, opts, auth, idempotencyKey, timeout);
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (attempt <= maxRetries) {
                    sleep(backoff(attempt));
                    continue;
                }
                String what = e instanceof HttpTimeoutException ? "timed out" : "failed: " + e;
                throw new ConnectionException(method + " " + uri + " " + what + " (after " + attempt
                        + (attempt == 1 ? " attempt)" : " attempts)"), e, attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MemaxException(method + " " + uri + " was interrupted", e);
            }
            notify(opts.onResponse(), config.onResponse(), new ResponseInfo(method, uri, response.statusCode(),
                    response.headers(), attempt));
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Answer(parseSuccess(method, uri, response.body()));
            }
            ApiException error = error(response);
            Duration wait = retryDelay(error, method, attempt);
            if (wait != null && attempt <= maxRetries) {
                sleep(wait);
                continue;
            }
            throw error;
        }
    }

    private static void notify(Consumer<ResponseInfo> perCall, Consumer<ResponseInfo> perClient, ResponseInfo info) {
        if (perClient != null) {
            perClient.accept(info);
        }
        if (perCall != null) {
            perCall.accept(info);
        }
    }

    private HttpRequest request(String method, URI uri, byte[] payload, RequestOptions opts, Auth auth,
                                String idempotencyKey, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(payload))
                .header("Accept", "application/json")
                .header("User-Agent", config.userAgent());
        if (timeout != null) {
            builder.timeout(timeout);
        }
        if (payload != null) {
            builder.header("Content-Type", "application/json");
        }
        if (auth == Auth.REQUIRED) {
            // Read per attempt, so a supplier that refreshes tokens is asked again on a retry.
            String token = config.tokenSupplier() == null ? null : config.tokenSupplier().get();
            if (token != null && !token.isBlank()) {
                builder.header("Authorization", "Bearer " + token);
            }
            UUID hub = opts.hubId() != null ? opts.hubId() : config.defaultHubId();
            if (hub != null) {
                builder.header("X-Hub-ID", hub.toString());
            }
        }
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        opts.headers().forEach(builder::setHeader);
        return builder.build();
    }

    /**
     * How long to wait before retrying after an error answer, or null when it must not be
     * retried: 429/503 wait {@code Retry-After} (not retried when it is longer than
     * {@code maxRetryAfter}), other 5xx back off exponentially, {@code not_ready} is retried
     * except on a POST (whose stored answer would only be replayed).
     */
    private Duration retryDelay(ApiException error, String method, int attempt) {
        int status = error.status();
        Duration retryAfter = retryAfter(error.headers());
        if (status == 429 || status == 503) {
            if (retryAfter == null) {
                return backoff(attempt);
            }
            return retryAfter.compareTo(config.maxRetryAfter()) <= 0 ? retryAfter : null;
        }
        if (status >= 500) {
            return backoff(attempt);
        }
        if ("not_ready".equals(error.code()) && !"POST".equals(method)) {
            return retryAfter != null && retryAfter.compareTo(config.maxRetryAfter()) <= 0 ? retryAfter
                    : backoff(attempt);
        }
        return null;
    }

    /** Exponential backoff with jitter: initial × 2^(attempt-1), capped, minus up to 25 %. */
    Duration backoff(int attempt) {
        double base = config.initialRetryDelay().toMillis() * Math.pow(2, Math.min(attempt - 1, 30));
        double capped = Math.min(base, config.maxRetryDelay().toMillis());
        double jittered = capped * (1 - 0.25 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(Math.round(jittered));
    }

    private void sleep(Duration duration) {
        try {
            config.sleeper().sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MemaxException("interrupted while waiting to retry", e);
        }
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(HttpHeaders headers) {
        String value = headers.firstValue("Retry-After").map(String::trim).orElse(null);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static JsonNode parseSuccess(String method, URI uri, String body) {
        if (body == null || body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MemaxException(method + " " + uri + ": the response is not JSON", e);
        }
    }

    private static ApiException error(HttpResponse<String> response) {
        String code = null;
        String message = null;
        Map<String, Object> details = Map.of();
        try {
            JsonNode root = response.body() == null || response.body().isBlank() ? null
                    : Json.MAPPER.readTree(response.body());
            JsonNode error = root == null ? null : root.get("error");
            if (error != null && error.isObject()) {
                code = error.path("code").isTextual() ? error.get("code").asText() : null;
                message = error.path("message").isTextual() ? error.get("message").asText() : null;
                if (error.path("details").isObject()) {
                    details = toMap(error.get("details"));
                }
            }
        } catch (JsonProcessingException notJson) {
            // A proxy's page or similar: the status decides the code.
        }
        if (message == null) {
            message = "HTTP " + response.statusCode();
        }
        return ApiException.of(response.statusCode(), code, message, details,
                response.headers().firstValue("X-Request-ID").orElse(null), response.headers(),
                retryAfter(response.headers()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(JsonNode node) {
        return Json.MAPPER.convertValue(node, LinkedHashMap.class);
    }

    private URI uri(String path, Map<String, String> query) {
        StringBuilder uri = new StringBuilder(config.baseUrl()).append(path);
        if (!query.isEmpty()) {
            uri.append('?');
            Iterator<Map.Entry<String, String>> entries = query.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<String, String> entry = entries.next();
                uri.append(encode(entry.getKey())).append('=').append(encode(entry.getValue()));
                if (entries.hasNext()) {
                    uri.append('&');
                }
            }
        }
        return URI.create(uri.toString());
    }

    /** Encodes one path segment or query component. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] serialize(Object body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new MemaxException("could not serialize the request body", e);
        }
    }

    private static <T> T convert(JsonNode node, Class<T> type) {
        if (type == Void.class) {
            return null;
        }
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MemaxException("could not read the response as " + type.getSimpleName(), e);
        }
    }

    private static <T> List<T> convert(JsonNode node, JavaType listType) {
        try {
            List<T> list = Json.MAPPER.treeToValue(node, listType);
            return list == null ? List.of() : new ArrayList<>(list);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MemaxException("could not read the list in the response", e);
        }
    }
}
