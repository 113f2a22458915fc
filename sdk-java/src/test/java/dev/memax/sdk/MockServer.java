package dev.memax.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A scripted HTTP server on a random local port: answers queued replies in order (or asks a
 * responder), and records every request it receives.
 */
final class MockServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final Deque<Reply> queue = new ArrayDeque<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Recorded, Reply> responder;

    MockServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A client for this server with retries that do not actually wait. */
    MemaxClient.Builder client() {
        return MemaxClient.builder().baseUrl(uri()).apiKey("mxk_test").sleeper(d -> {});
    }

    /** Queues a JSON reply; headers as name, value pairs. */
    MockServer reply(int status, String json, String... headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        synchronized (queue) {
            queue.add(new Reply(status, json, map, null));
        }
        return this;
    }

    /** Queues a {@code {"data": …}} 200 reply. */
    MockServer data(String dataJson) {
        return reply(200, "{\"data\":" + dataJson + "}");
    }

    /** Queues an error envelope. */
    MockServer error(int status, String code, String message, String... headers) {
        return reply(status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}", headers);
    }

    /** Queues a reply sent only after a delay. */
    MockServer slow(Duration delay, String dataJson) {
        synchronized (queue) {
            queue.add(new Reply(200, "{\"data\":" + dataJson + "}", Map.of(), delay));
        }
        return this;
    }

    /** Answers every request without a queued reply. */
    MockServer responder(Function<Recorded, Reply> responder) {
        this.responder = responder;
        return this;
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    Recorded last() {
        return requests.get(requests.size() - 1);
    }

    /** The last request's body equals this JSON (as JSON: key order and spacing aside). */
    void assertLastBody(String expectedJson) {
        try {
            if (!JSON.readTree(expectedJson).equals(JSON.readTree(last().body()))) {
                throw new AssertionError("expected body " + expectedJson + " but was " + last().body());
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    Recorded only() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests.size() + ": " + requests);
        }
        return requests.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Recorded recorded = new Recorded(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                copy(exchange.getRequestHeaders()),
                body);
        requests.add(recorded);
        Reply reply;
        synchronized (queue) {
            reply = queue.poll();
        }
        if (reply == null && responder != null) {
            reply = responder.apply(recorded);
        }
        if (reply == null) {
            reply = new Reply(
                    599, "{\"error\":{\"code\":\"test_harness\",\"message\":\"no reply queued\"}}", Map.of(), null);
        }
        try {
            if (reply.delay() != null) {
                Thread.sleep(reply.delay().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        }
        try {
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // The client timed out: nothing to answer.
        }
        exchange.close();
    }

    private static Headers copy(Headers headers) {
        Headers copy = new Headers();
        headers.forEach(copy::put);
        return copy;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    record Reply(int status, String body, Map<String, String> headers, Duration delay) {
        static Reply data(String dataJson) {
            return new Reply(200, "{\"data\":" + dataJson + "}", Map.of(), null);
        }
    }

    record Recorded(String method, String path, String query, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        /** One query parameter's raw value, or null. */
        String queryParam(String name) {
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return method + " " + path + (query == null ? "" : "?" + query);
        }
    }
}
