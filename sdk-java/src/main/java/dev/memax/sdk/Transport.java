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
import java.io.InputStream;
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
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sends one logical call: builds the request, retries it when that is safe and useful, and
 * turns the answer into a value or an exception. Shared by every service of a client.
 */
final class Transport {
    /** Whether a route needs the client's credential. Public routes never send it: a stale one would fail them. */
    /**
     * {@code REQUIRED}: credentials and the hub ({@code X-Hub-ID}: the call's, else the client's
     * default). {@code REQUIRED_CALL_HUB}: the same, but only the call's own hub, for reads the
     * header narrows (the memory list), so the client's default hub never narrows them silently.
     */
    enum Auth {
        REQUIRED,
        REQUIRED_CALL_HUB,
        NONE
    }

    private final MemaxClient.Config config;
    private final HttpClient http;
    private final BooleanSupplier closed;
    private final Set<Cancellation> streams = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler;

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
     * A call answering a list: a bare array (as Memax answers it), or, from servers before 0.3,
     * an object holding it under {@code key}.
     */
    <T> List<T> list(
            String method,
            String path,
            Map<String, String> query,
            RequestOptions options,
            Auth auth,
            String key,
            Class<T> type) {
        JsonNode data = send(method, path, query, null, options, auth).data();
        JavaType listType = Json.MAPPER.getTypeFactory().constructCollectionType(List.class, type);
        JsonNode items = data.isArray() ? data : data.path(key);
        return items.isArray() ? List.copyOf(convert(items, listType)) : List.of();
    }

    /**
     * A list call: one page, whose items are under {@code key}, or, for routes that answer a
     * bare array, the array itself, the next page's cursor in the {@code X-Next-Cursor} header
     * (absent: the last page).
     */
    <T> Page<T> page(String path, String key, ListParams params, RequestOptions options, Class<T> type) {
        return page(path, key, Map.of(), params, options, type);
    }

    /** {@link #page(String, String, ListParams, RequestOptions, Class)} with more query parameters (filters). */
    <T> Page<T> page(
            String path,
            String key,
            Map<String, String> filters,
            ListParams params,
            RequestOptions options,
            Class<T> type) {
        ListParams p = params == null ? ListParams.DEFAULT : params;
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.putAll(p.toQuery());
        Answer answer = send("GET", path, query, null, options, Auth.REQUIRED);
        JsonNode data = answer.data();
        JavaType listType = Json.MAPPER.getTypeFactory().constructCollectionType(List.class, type);
        if (data.isArray()) {
            String next = answer.headers() == null
                    ? ""
                    : answer.headers().firstValue("X-Next-Cursor").orElse("");
            return new Page<>(
                    convert(data, listType),
                    next,
                    !next.isEmpty(),
                    null,
                    next.isEmpty() ? null : cursor -> page(path, key, filters, p.withCursor(cursor), options, type));
        }
        if (!data.isObject()) {
            throw new MemaxException("GET " + path + ": expected a page object, got " + data.getNodeType());
        }
        JsonNode items = data.path(key);
        List<T> list = items.isArray() ? convert(items, listType) : List.of();
        String next =
                data.path("next_cursor").isTextual() ? data.get("next_cursor").asText() : "";
        boolean hasMore = data.path("has_more").asBoolean(false);
        Long total = data.path("total").isIntegralNumber() ? data.get("total").asLong() : null;
        return new Page<>(
                list, next, hasMore, total, cursor -> page(path, key, filters, p.withCursor(cursor), options, type));
    }

    record Answer(JsonNode body, HttpHeaders headers) {
        JsonNode data() {
            if (body == null || !body.isObject() || !body.has("data")) {
                throw new MemaxException("response is not a {\"data\": …} envelope");
            }
            return body.get("data");
        }
    }

    Answer send(String method, String path, Map<String, String> query, Object body, RequestOptions options, Auth auth) {
        HttpResponse<String> response = exchange(
                new Request(method, path, query, body, options, auth, "application/json", Map.of(), null),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8),
                HttpResponse::body,
                null);
        return new Answer(parseSuccess(method, response.request().uri(), response.body()), response.headers());
    }

    /**
     * One logical request, before retries.
     *
     * @param accept     the {@code Accept} header
     * @param headers    headers besides the usual ones (the call's {@link RequestOptions} headers still win)
     * @param maxRetries retries allowed before an answer arrives, or null for the call's or client's setting
     */
    record Request(
            String method,
            String path,
            Map<String, String> query,
            Object body,
            RequestOptions options,
            Auth auth,
            String accept,
            Map<String, String> headers,
            Integer maxRetries) {}

    /**
     * Opens a streaming response: sends the request with the same credentials, headers,
     * idempotency key and retry policy as any call, and returns the first {@code 2xx} response
     * with its body unread. Retries happen only before that response arrives; what follows is
     * the caller's. The body is attached to {@code cancellation}, so cancelling closes it; the
     * caller closes it too when done.
     *
     * @throws CancellationException when cancelled before the response arrived
     * @throws ApiException          an error answer (after retries)
     * @throws ConnectionException   no answer (after retries)
     */
    HttpResponse<InputStream> openStream(Request request, Cancellation cancellation) {
        HttpResponse<InputStream> response = exchange(
                request,
                HttpResponse.BodyHandlers.ofInputStream(),
                Transport::readErrorBody,
                Objects.requireNonNull(cancellation, "cancellation"));
        cancellation.attach(response.body());
        if (cancellation.isCancelled()) {
            throw new CancellationException();
        }
        return response;
    }

    /**
     * Sends a request and retries it when that is safe and useful; returns the first 2xx response.
     * With a {@link Cancellation} the request is sent asynchronously so that another thread can
     * abort it, and waits between attempts end as soon as it is cancelled.
     */
    private <B> HttpResponse<B> exchange(
            Request call,
            HttpResponse.BodyHandler<B> handler,
            Function<HttpResponse<B>, String> errorBody,
            Cancellation cancellation) {
        if (closed.getAsBoolean()) {
            throw new IllegalStateException("this MemaxClient is closed");
        }
        String method = call.method();
        RequestOptions opts = call.options() == null ? RequestOptions.NONE : call.options();
        URI uri = uri(call.path(), call.query());
        byte[] payload = call.body() == null ? null : serialize(call.body());
        String idempotencyKey = null;
        if ("POST".equals(method)) {
            idempotencyKey = opts.idempotencyKey() != null
                    ? opts.idempotencyKey()
                    : config.idempotencyKeys() ? UUID.randomUUID().toString() : null;
        }
        // Without a key a POST may have run before the answer was lost: never resend it.
        boolean retryable = !"POST".equals(method) || idempotencyKey != null;
        int maxRetries = !retryable
                ? 0
                : call.maxRetries() != null
                        ? call.maxRetries()
                        : opts.maxRetries() != null ? opts.maxRetries() : config.maxRetries();
        Duration timeout = opts.timeout() != null ? opts.timeout() : config.requestTimeout();

        for (int attempt = 1; ; attempt++) {
            HttpRequest request = request(
                    method, uri, payload, opts, call.auth(), idempotencyKey, timeout, call.accept(), call.headers());
            HttpResponse<B> response;
            try {
                response = execute(request, handler, cancellation);
            } catch (IOException e) {
                if (attempt <= maxRetries) {
                    pause(backoff(attempt), cancellation);
                    continue;
                }
                String what = e instanceof HttpTimeoutException ? "timed out" : "failed: " + e;
                throw new ConnectionException(
                        method + " " + uri + " " + what + " (after " + attempt
                                + (attempt == 1 ? " attempt)" : " attempts)"),
                        e,
                        attempt);
            }
            try {
                notify(
                        opts.onResponse(),
                        config.onResponse(),
                        new ResponseInfo(method, uri, response.statusCode(), response.headers(), attempt));
            } catch (RuntimeException | Error e) {
                closeBody(response);
                throw e;
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response;
            }
            ApiException error = error(status, response.headers(), errorBody.apply(response));
            Duration wait = retryDelay(error, method, attempt);
            if (wait != null && attempt <= maxRetries) {
                pause(wait, cancellation);
                continue;
            }
            throw error;
        }
    }

    private <B> HttpResponse<B> execute(
            HttpRequest request, HttpResponse.BodyHandler<B> handler, Cancellation cancellation) throws IOException {
        if (cancellation == null) {
            try {
                return http.send(request, handler);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MemaxException(request.method() + " " + request.uri() + " was interrupted", e);
            }
        }
        if (cancellation.isCancelled()) {
            throw new CancellationException();
        }
        CompletableFuture<HttpResponse<B>> future = http.sendAsync(request, handler);
        cancellation.attach(future);
        try {
            return future.get();
        } catch (CancellationException e) {
            if (cancellation.isCancelled()) {
                throw e;
            }
            throw new IOException("the request was aborted");
        } catch (ExecutionException e) {
            if (cancellation.isCancelled()) {
                throw new CancellationException();
            }
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new MemaxException(request.method() + " " + request.uri() + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new MemaxException(request.method() + " " + request.uri() + " was interrupted", e);
        } finally {
            cancellation.detach();
        }
    }

    /** Waits before a retry: with the client's sleeper, or until cancelled. */
    private void pause(Duration wait, Cancellation cancellation) {
        if (cancellation == null) {
            sleep(wait);
        } else if (cancellation.await(wait)) {
            throw new CancellationException();
        }
    }

    /** Closes a streamed body nobody will read. */
    private static void closeBody(HttpResponse<?> response) {
        if (response.body() instanceof AutoCloseable body) {
            try {
                body.close();
            } catch (Exception ignored) {
                // Best effort: the connection is abandoned either way.
            }
        }
    }

    /** The start of an error answer's body (enough for any error envelope); the stream is closed. */
    private static String readErrorBody(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            return null;
        }
    }

    /** The client's backoff before a first retry. */
    Duration initialRetryDelay() {
        return config.initialRetryDelay();
    }

    /** The client's timeout of each attempt. */
    Duration requestTimeout() {
        return config.requestTimeout();
    }

    /** Whether the client has been closed. */
    boolean isClosed() {
        return closed.getAsBoolean();
    }

    /**
     * Starts a stream's thread on {@code executor}, tracked so that closing the client stops it
     * ({@link #unregister} when it ends). When the executor refuses the work, the stream is
     * cancelled and untracked and the refusal is thrown.
     */
    void startStream(Cancellation stream, Executor executor, Runnable run) {
        streams.add(stream);
        if (closed.getAsBoolean()) {
            stream.cancel();
        }
        try {
            executor.execute(run);
        } catch (RuntimeException e) {
            streams.remove(stream);
            stream.cancel();
            throw e;
        }
    }

    /** Forgets a stream that has ended. */
    void unregister(Cancellation stream) {
        streams.remove(stream);
    }

    /** Runs watchdog timers (idle streams); created on first use, stopped by {@link #shutdown()}. */
    synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "memax-sdk-stream-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            executor.setRemoveOnCancelPolicy(true);
            scheduler = executor;
        }
        return scheduler;
    }

    /** Cancels every open stream and stops the watchdog; called when the client closes. */
    void shutdown() {
        for (Cancellation stream : List.copyOf(streams)) {
            stream.cancel();
        }
        synchronized (this) {
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
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

    private HttpRequest request(
            String method,
            URI uri,
            byte[] payload,
            RequestOptions opts,
            Auth auth,
            String idempotencyKey,
            Duration timeout,
            String accept,
            Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .method(
                        method,
                        payload == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(payload))
                .header("Accept", accept)
                .header("User-Agent", config.userAgent());
        if (timeout != null) {
            builder.timeout(timeout);
        }
        if (payload != null) {
            builder.header("Content-Type", "application/json");
        }
        if (auth != Auth.NONE) {
            // Read per attempt, so a supplier that refreshes tokens is asked again on a retry.
            String token = config.tokenSupplier() == null
                    ? null
                    : config.tokenSupplier().get();
            if (token != null && !token.isBlank()) {
                builder.header("Authorization", "Bearer " + token);
            }
            UUID hub = opts.hubId() != null || auth == Auth.REQUIRED_CALL_HUB ? opts.hubId() : config.defaultHubId();
            if (hub != null) {
                builder.header("X-Hub-ID", hub.toString());
            }
        }
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        headers.forEach(builder::setHeader);
        opts.headers().forEach(builder::setHeader);
        return builder.build();
    }

    /**
     * How long to wait before retrying after an error answer, or null when it must not be
     * retried: 429/503 wait {@code Retry-After} (not retried when it is longer than
     * {@code maxRetryAfter}), other 5xx back off exponentially, {@code not_ready} is retried
     * except on a POST (whose stored answer would only be replayed).
     */
    Duration retryDelay(ApiException error, String method, int attempt) {
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
            return retryAfter != null && retryAfter.compareTo(config.maxRetryAfter()) <= 0
                    ? retryAfter
                    : backoff(attempt);
        }
        return null;
    }

    /** Exponential backoff with jitter: initial × 2^(attempt-1), capped, minus up to 25 %. */
    Duration backoff(int attempt) {
        return backoff(attempt, config.initialRetryDelay(), config.maxRetryDelay());
    }

    /** Exponential backoff with jitter: {@code initial} × 2^(attempt-1), capped at {@code max}, minus up to 25 %. */
    static Duration backoff(int attempt, Duration initial, Duration max) {
        double base = initial.toMillis() * Math.pow(2, Math.min(Math.max(attempt, 1) - 1, 30));
        double capped = Math.min(base, max.toMillis());
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
                Duration until = Duration.between(
                        ZonedDateTime.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
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

    /** The exception for an error answer: its envelope's code, or the status's when unreadable. */
    static ApiException error(int status, HttpHeaders headers, String body) {
        String code = null;
        String message = null;
        Map<String, Object> details = Map.of();
        try {
            JsonNode root = body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
            JsonNode error = root == null ? null : root.get("error");
            if (error != null && error.isObject()) {
                code = error.path("code").isTextual() ? error.get("code").asText() : null;
                message =
                        error.path("message").isTextual() ? error.get("message").asText() : null;
                if (error.path("details").isObject()) {
                    details = toMap(error.get("details"));
                }
            }
        } catch (JsonProcessingException notJson) {
            // A proxy's page or similar: the status decides the code.
        }
        if (message == null) {
            message = "HTTP " + status;
        }
        return ApiException.of(
                status,
                code,
                message,
                details,
                headers.firstValue("X-Request-ID").orElse(null),
                headers,
                retryAfter(headers));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(JsonNode node) {
        return Json.MAPPER.convertValue(node, LinkedHashMap.class);
    }

    URI uri(String path, Map<String, String> query) {
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
