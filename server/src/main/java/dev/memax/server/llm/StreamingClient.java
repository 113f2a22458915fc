package dev.memax.server.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.server.platform.RetryAfterHeader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The HTTP side both providers share: posts a streaming request, turns an error status into an
 * {@link LlmException}, reads the answer's server-sent events on the calling thread under the
 * first-token, idle and total timeouts, and drops the connection on cancellation or timeout.
 * Each provider only builds its request and reads its own events ({@link StreamedAnswer}).
 */
final class StreamingClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_CHARS = 2000;
    /** How long to wait for the body's end after the answer's last event before dropping the connection. */
    private static final long END_WAIT_NANOS = 200_000_000L;
    /** API keys in an upstream's error text ("Incorrect API key provided: sk-abc…") never reach logs or clients. */
    private static final Pattern KEY_LIKE = Pattern.compile("sk-[A-Za-z0-9_*.\\-]{4,}");
    /** Statuses of the error types both APIs name (Anthropic's table; OpenAI uses the same names where they overlap). */
    private static final Map<String, Integer> ERROR_TYPE_STATUS = Map.of(
            "invalid_request_error",
            400,
            "authentication_error",
            401,
            "permission_error",
            403,
            "not_found_error",
            404,
            "request_too_large",
            413,
            "rate_limit_error",
            429,
            "overloaded_error",
            529);

    private final String provider;
    private final String secret;
    private final Duration firstTokenTimeout;
    private final Duration idleTimeout;
    private final Duration timeout;
    private final HttpClient http;

    StreamingClient(String provider, String secret, LlmSettings settings) {
        this.provider = provider;
        this.secret = secret;
        this.firstTokenTimeout = settings.firstTokenTimeout();
        this.idleTimeout = settings.idleTimeout();
        this.timeout = settings.timeout();
        // HTTP/1.1: closing the connection is how every OpenAI-compatible server learns that the
        // client went away (and stops generating); no h2c upgrade attempts on plain-HTTP local servers.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A JSON POST that asks for an event stream. */
    static HttpRequest.Builder post(URI uri, JsonNode body) {
        try {
            return HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    LlmCompletion stream(
            HttpRequest request, StreamedAnswer answer, Consumer<String> onDelta, LlmCancellation cancellation) {
        if (cancellation.isCancelled()) {
            throw cancelled();
        }
        Deadlines deadlines = new Deadlines(System.nanoTime());
        UpstreamResponse response = UpstreamResponse.send(http, request);
        cancellation.onCancel(response::abort);
        boolean answered = false;
        boolean drained = false;
        try {
            int status = response.awaitStatus(deadlines.current());
            answered = true;
            if (status / 100 != 2) {
                throw statusError(status, response, deadlines);
            }
            SseReader reader = new SseReader(() -> response.nextLine(deadlines.current()));
            Consumer<String> delta = text -> {
                if (!text.isEmpty()) {
                    deadlines.textArrived();
                    onDelta.accept(text);
                }
            };
            for (SseReader.Event event = reader.next(); event != null; event = reader.next()) {
                deadlines.dataArrived();
                if (answer.accept(event, delta)) {
                    // Reading the body to its end hands the connection back to the pool: the next
                    // ask skips a new TCP and TLS handshake.
                    drained = response.awaitEnd(System.nanoTime() + END_WAIT_NANOS);
                    return answer.completion();
                }
            }
            throw malformed("the stream ended before the answer did", null);
        } catch (UpstreamResponse.DeadlinePassed e) {
            throw new LlmException(LlmException.Reason.TIMEOUT, provider + ": " + deadlines.describe(), null, 0, null);
        } catch (IOException e) {
            if (cancellation.isCancelled()) {
                throw cancelled();
            }
            String what =
                    answered ? "the connection to " + provider + " broke: " : "could not reach " + provider + ": ";
            throw new LlmException(LlmException.Reason.UPSTREAM, what + e, null, 0, e);
        } finally {
            // Anything else that ended the call leaves an unread body: drop the connection.
            if (!drained) {
                response.abort();
            }
        }
    }

    JsonNode json(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw malformed("an event is not JSON", e);
        }
    }

    LlmException malformed(String what, Throwable cause) {
        return new LlmException(LlmException.Reason.MALFORMED, provider + ": " + what, null, 0, cause);
    }

    /** An {@code {"type":…, "message":…}} error sent inside a stream that had started with 200. */
    LlmException errorInStream(JsonNode error) {
        int status = ERROR_TYPE_STATUS.getOrDefault(error.path("type").asText(), 500);
        return new LlmException(
                LlmException.Reason.UPSTREAM,
                provider + " sent an error in the stream: "
                        + redact(error.path("type").asText("error") + ": "
                                + error.path("message").asText("")),
                null,
                status,
                null);
    }

    private LlmException statusError(int status, UpstreamResponse response, Deadlines deadlines) throws IOException {
        StringBuilder body = new StringBuilder();
        for (String line = response.nextLine(deadlines.current());
                line != null && body.length() < MAX_ERROR_CHARS;
                line = response.nextLine(deadlines.current())) {
            body.append(line).append('\n');
        }
        return new LlmException(
                LlmException.Reason.UPSTREAM,
                provider + " answered HTTP " + status + errorText(body.toString()),
                RetryAfterHeader.parse(response.headers()),
                status,
                null);
    }

    /** The API's own message ({@code {"error":{"message":…}}}, Ollama's {@code {"error":"…"}}), else the raw text. */
    private String errorText(String body) {
        if (body.isBlank()) {
            return "";
        }
        String text;
        try {
            JsonNode error = JSON.readTree(body).path("error");
            text = error.isTextual()
                    ? error.asText()
                    : error.path("message").isTextual() ? error.path("message").asText() : body.strip();
        } catch (IOException e) {
            text = body.strip();
        }
        text = redact(text);
        return ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }

    private String redact(String text) {
        String out = secret == null ? text : text.replace(secret, "***");
        return KEY_LIKE.matcher(out).replaceAll("sk-***");
    }

    private LlmException cancelled() {
        return new LlmException(LlmException.Reason.CANCELLED, provider + ": cancelled", null, 0, null);
    }

    /** When the current wait ends: first token, then idle gaps, always within the total. */
    private final class Deadlines {
        private final long total;
        private final long firstToken;
        private boolean streaming;
        private long idle;

        Deadlines(long started) {
            total = started + timeout.toNanos();
            firstToken = started + firstTokenTimeout.toNanos();
        }

        long current() {
            long phase = streaming ? idle : firstToken;
            return phase - total < 0 ? phase : total;
        }

        void textArrived() {
            streaming = true;
            dataArrived();
        }

        void dataArrived() {
            if (streaming) {
                idle = System.nanoTime() + idleTimeout.toNanos();
            }
        }

        String describe() {
            if (System.nanoTime() - total >= 0) {
                return "no complete answer within " + timeout.toMillis() + " ms";
            }
            return streaming
                    ? "no data for " + idleTimeout.toMillis() + " ms"
                    : "no first token within " + firstTokenTimeout.toMillis() + " ms";
        }
    }
}
