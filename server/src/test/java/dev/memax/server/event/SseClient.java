package dev.memax.server.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A raw SSE reader for tests: frames as the server wrote them, read on a thread of its own. */
final class SseClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Frame END = new Frame("<end>", null, null, List.of());
    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final Thread reader;

    /** One frame: its event name, id, parsed data and raw lines. */
    record Frame(String event, String id, JsonNode data, List<String> lines) {
        long seq() {
            return Long.parseLong(id);
        }
    }

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static SseClient open(URI base, String pathAndQuery, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET().header("Accept", "text/event-stream");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<InputStream> response =
                    HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new SseClient(response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String event = null;
            String id = null;
            String data = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    if (!lines.isEmpty()) {
                        frames.add(new Frame(event, id, data == null ? null : JSON.readTree(data), List.copyOf(lines)));
                    }
                    lines.clear();
                    event = null;
                    id = null;
                    data = null;
                    continue;
                }
                lines.add(line);
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
        } catch (IOException ignored) {
            // Closed.
        } finally {
            frames.add(END);
        }
    }

    /** The next frame that is not a heartbeat; fails after the timeout. */
    Frame next(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame = poll(deadline);
            if (frame == null) {
                throw new AssertionError("no event within " + timeout);
            }
            if (frame == END) {
                frames.add(END);
                throw new AssertionError("the stream ended");
            }
            if (!"ping".equals(frame.event())) {
                return frame;
            }
        }
    }

    /** The next frame of this event name, heartbeats included, skipping others. */
    Frame nextNamed(String event, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame = poll(deadline);
            if (frame == null || frame == END) {
                throw new AssertionError("no " + event + " within " + timeout);
            }
            if (event.equals(frame.event())) {
                return frame;
            }
        }
    }

    Frame next() {
        return next(Duration.ofSeconds(10));
    }

    /** The next frame (or END) received before the deadline ({@link System#nanoTime()}), or null. */
    private Frame poll(long deadline) {
        try {
            return frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Asserts that no frame other than heartbeats arrives for a while. */
    void expectNothing(Duration during) {
        long deadline = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < deadline) {
            Frame frame = poll(deadline);
            if (frame != null && frame != END && !"ping".equals(frame.event())) {
                throw new AssertionError("unexpected event " + frame);
            }
        }
    }

    /** Waits for the server to end the stream; returns the frames before the end. */
    List<Frame> untilEnd(Duration timeout) {
        List<Frame> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame = poll(deadline);
            if (frame == null) {
                throw new AssertionError("the stream did not end within " + timeout + "; saw " + seen);
            }
            if (frame == END) {
                return seen;
            }
            seen.add(frame);
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // Already closed.
        }
        reader.interrupt();
    }
}
