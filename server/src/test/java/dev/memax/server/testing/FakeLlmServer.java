package dev.memax.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local LLM API over real HTTP (com.sun.net.httpserver) writing its provider's streaming
 * format byte for byte. Each request takes the next scripted {@link FakeLlmReply}
 * ({@link #enqueue}), else the default one ({@link #replyByDefault}). Every request is recorded
 * with its headers and JSON body, and whether the client dropped the connection while the fake
 * was still writing (seen on the next write after the drop: scripted streams keep writing).
 */
public abstract class FakeLlmServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-llm");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentLinkedDeque<FakeLlmReply> script = new ConcurrentLinkedDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile FakeLlmReply byDefault = FakeLlmReply.answer("Memax remembers what agents learn.", 4);

    /** One request as the fake received it. */
    public static final class Received {
        private final String path;
        private final Headers headers;
        private final JsonNode body;
        private final CountDownLatch disconnected = new CountDownLatch(1);

        private final int clientPort;

        Received(String path, Headers headers, JsonNode body, int clientPort) {
            this.clientPort = clientPort;
            this.path = path;
            this.headers = headers;
            this.body = body;
        }

        public String path() {
            return path;
        }

        /** The client's port: two requests from one port came over one (reused) connection. */
        public int clientPort() {
            return clientPort;
        }

        /** A request header, any case; null when absent. */
        public String header(String name) {
            return headers.getFirst(name);
        }

        public JsonNode body() {
            return body;
        }

        /** Whether the client dropped the connection before the reply was written, waiting up to {@code wait}. */
        public boolean clientDisconnected(Duration wait) {
            try {
                return disconnected.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    protected FakeLlmServer(String path) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext(path, this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** The base URL to configure (MEMAX_LLM_*_BASE_URL). */
    public abstract String baseUrl();

    protected String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Replies for the next requests, in order. */
    public void enqueue(FakeLlmReply... replies) {
        script.addAll(List.of(replies));
    }

    /** The reply once the script is used up. */
    public void replyByDefault(FakeLlmReply reply) {
        byDefault = reply;
    }

    public List<Received> requests() {
        return List.copyOf(received);
    }

    public Received lastRequest() {
        return received.get(received.size() - 1);
    }

    // The provider's wire format.

    /** Events before the first delta. */
    protected abstract String opening(String model, FakeLlmReply reply);

    protected abstract String delta(String model, String text);

    /** Events after the last delta: stop reason, usage, the end marker. */
    protected abstract String closing(String model, FakeLlmReply reply);

    /** The error event a stream carries after it started with 200. */
    protected abstract String errorEvent(String type, String message);

    /** The body of an error status. */
    protected abstract String errorBody(String type, String message);

    protected static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        Received request = new Received(
                exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders(),
                body,
                exchange.getRemoteAddress().getPort());
        received.add(request);
        FakeLlmReply reply = script.poll();
        if (reply == null) {
            reply = byDefault;
        }
        try {
            sleep(reply.hangBeforeHeaders);
            if (reply.status != 200) {
                sendError(exchange, reply);
            } else {
                stream(exchange, body.path("model").asText(), reply);
            }
        } catch (IOException e) {
            request.disconnected.countDown();
        } finally {
            exchange.close();
        }
    }

    private void sendError(HttpExchange exchange, FakeLlmReply reply) throws IOException {
        byte[] bytes = (reply.rawBody != null ? reply.rawBody : errorBody(reply.errorType, reply.errorMessage))
                .getBytes(StandardCharsets.UTF_8);
        if (reply.retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", reply.retryAfter);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void stream(HttpExchange exchange, String model, FakeLlmReply reply) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().add("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        write(out, opening(model, reply));
        for (int i = 0; i <= reply.deltas.size(); i++) {
            if (i == reply.stallAfter) {
                sleep(reply.stall);
            }
            if (i == reply.malformedAfter) {
                write(out, "data: {\"choices\": [{\"delta\": \n\n");
                return;
            }
            if (i == reply.errorEventAfter) {
                write(out, errorEvent(reply.errorEventType, reply.errorEventMessage));
                return;
            }
            if (i == reply.cutAfter) {
                return;
            }
            if (i < reply.deltas.size()) {
                if (i > 0) {
                    sleep(reply.delayBetweenDeltas);
                }
                write(out, delta(model, reply.deltas.get(i)));
            }
        }
        write(out, closing(model, reply));
    }

    private static void write(OutputStream out, String frames) throws IOException {
        out.write(frames.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the fake was stopped", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
