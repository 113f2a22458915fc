package dev.memax.sdk;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fake streaming server on a random local port: each connection runs the next queued
 * {@link Script}, which writes real SSE bytes (chunked, flushed per write), ends the response
 * cleanly, drops the connection abruptly, or answers an error envelope. Every connection is
 * recorded.
 */
final class SseServer implements AutoCloseable {
    /** What the server does with one connection. */
    @FunctionalInterface
    interface Script {
        void run(Conn conn) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Script> scripts = new LinkedBlockingQueue<>();
    private final List<Conn> connections = new CopyOnWriteArrayList<>();
    private volatile Script otherwise = conn -> conn.error(599, "test_harness", "no script queued");

    SseServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A client for this server with short backoffs. */
    MemaxClient.Builder client() {
        return MemaxClient.builder()
                .baseUrl(uri())
                .apiKey("mxk_test")
                .initialRetryDelay(Duration.ofMillis(20))
                .maxRetryDelay(Duration.ofMillis(200));
    }

    /** Queues what the next connection gets. */
    SseServer then(Script script) {
        scripts.add(script);
        return this;
    }

    /** What connections get once the queue is empty. */
    SseServer otherwise(Script script) {
        this.otherwise = script;
        return this;
    }

    /** The n-th connection (0-based), waiting up to 5 s for it. */
    Conn connection(int index) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (connections.size() <= index) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connection " + index + " never came; got " + connections.size());
            }
            Thread.sleep(5);
        }
        return connections.get(index);
    }

    List<Conn> connections() {
        return List.copyOf(connections);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Conn conn = new Conn(exchange, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        connections.add(conn);
        Script script = scripts.poll();
        try {
            (script != null ? script : otherwise).run(conn);
        } catch (Drop drop) {
            // Thrown out of the handler: HttpServer closes the socket without ending the body.
            conn.finished.countDown();
            throw drop;
        } catch (IOException clientGone) {
            conn.clientGone.countDown();
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        conn.finished.countDown();
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Ends a connection abruptly. */
    static final class Drop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Drop() {
            super("dropped by the test", null, false, false);
        }
    }

    /** One connection: the request, and the means to answer it. */
    static final class Conn {
        final String method;
        final String path;
        final String query;
        final Headers headers;
        final String body;
        final long arrivedNanos = System.nanoTime();
        final CountDownLatch clientGone = new CountDownLatch(1);
        final CountDownLatch finished = new CountDownLatch(1);
        private final HttpExchange exchange;
        private OutputStream out;

        Conn(HttpExchange exchange, String body) {
            this.exchange = exchange;
            this.method = exchange.getRequestMethod();
            this.path = exchange.getRequestURI().getRawPath();
            this.query = exchange.getRequestURI().getRawQuery();
            this.headers = new Headers();
            exchange.getRequestHeaders().forEach(headers::put);
            this.body = body;
        }

        String header(String name) {
            return headers.getFirst(name);
        }

        /** One query parameter, decoded, or null. */
        String queryParam(String name) {
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        /** Starts a 200 {@code text/event-stream} response. */
        Conn open() throws IOException {
            return open(200, "text/event-stream", "X-Request-ID", "req-stream-1");
        }

        /** Starts a streamed (chunked) response. */
        Conn open(int status, String contentType, String... headerPairs) throws IOException {
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.getResponseHeaders().add("Cache-Control", "no-cache");
            for (int i = 0; i < headerPairs.length; i += 2) {
                exchange.getResponseHeaders().add(headerPairs[i], headerPairs[i + 1]);
            }
            exchange.sendResponseHeaders(status, 0);
            out = exchange.getResponseBody();
            return this;
        }

        /** Writes raw text and flushes it: the client sees these bytes now. */
        Conn write(String raw) throws IOException {
            return write(raw.getBytes(StandardCharsets.UTF_8));
        }

        Conn write(byte[] raw) throws IOException {
            out.write(raw);
            out.flush();
            return this;
        }

        /** One frame the way the Memax server writes it. */
        Conn event(String id, String name, String json) throws IOException {
            return write((id == null ? "" : "id: " + id + "\n") + "event: " + name + "\ndata: " + json + "\n\n");
        }

        /** Drops the connection without ending the response. */
        void drop() {
            throw new Drop();
        }

        /** Answers a complete response (no stream). */
        void reply(int status, String contentType, String body, String... headerPairs) throws IOException {
            exchange.getResponseHeaders().add("Content-Type", contentType);
            for (int i = 0; i < headerPairs.length; i += 2) {
                exchange.getResponseHeaders().add(headerPairs[i], headerPairs[i + 1]);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(bytes);
            }
        }

        /** Answers an error envelope. */
        void error(int status, String code, String message, String... headerPairs) throws IOException {
            reply(
                    status,
                    "application/json",
                    "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}",
                    headerPairs);
        }

        /**
         * Keeps the stream open, writing a comment every 20 ms, until the client goes away
         * (a write fails) or {@code max} passes.
         *
         * @return whether the client went away
         */
        boolean holdUntilClientGone(Duration max) throws InterruptedException {
            long deadline = System.nanoTime() + max.toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    write(": keep-alive\n");
                    Thread.sleep(20);
                }
                return false;
            } catch (IOException gone) {
                clientGone.countDown();
                return true;
            }
        }

        /** Keeps the stream open without writing anything (a silent connection). */
        void holdSilently(Duration max) throws InterruptedException {
            Thread.sleep(max.toMillis());
        }

        boolean awaitClientGone(Duration timeout) throws InterruptedException {
            return clientGone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        boolean awaitFinished(Duration timeout) throws InterruptedException {
            return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
