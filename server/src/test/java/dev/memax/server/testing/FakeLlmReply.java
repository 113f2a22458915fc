package dev.memax.server.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link FakeLlmServer} answers to one request: a streamed answer (its text split into
 * deltas, with usage) or an HTTP error, and how to misbehave on the way (hang before the
 * headers, stall or break the stream after some deltas, send an error event, cut it short).
 * Delta counts ({@code afterDeltas}) may equal the number of deltas: the misbehaviour then comes
 * after the last delta, before the stream's closing events.
 */
public final class FakeLlmReply {
    final int status;
    final String errorType;
    final String errorMessage;
    final String rawBody;
    final List<String> deltas;
    String finishReason;
    long inputTokens = 11;
    long outputTokens;
    String retryAfter;
    Duration hangBeforeHeaders = Duration.ZERO;
    Duration delayBetweenDeltas = Duration.ZERO;
    int stallAfter = -1;
    Duration stall = Duration.ZERO;
    int malformedAfter = -1;
    int cutAfter = -1;
    int errorEventAfter = -1;
    String errorEventType;
    String errorEventMessage;

    private FakeLlmReply(int status, String errorType, String errorMessage, String rawBody, List<String> deltas) {
        this.status = status;
        this.errorType = errorType;
        this.errorMessage = errorMessage;
        this.rawBody = rawBody;
        this.deltas = deltas;
        this.outputTokens = deltas.size();
    }

    /** A 200 stream of {@code text} in {@code deltas} pieces (nearly equal, in order), then the stop reason and usage. */
    public static FakeLlmReply answer(String text, int deltas) {
        List<String> pieces = new ArrayList<>();
        int size = (int) Math.ceil(text.length() / (double) Math.max(1, deltas));
        for (int from = 0; from < text.length(); from += size) {
            pieces.add(text.substring(from, Math.min(text.length(), from + size)));
        }
        return new FakeLlmReply(200, null, null, null, pieces);
    }

    /** An error status with a body in the provider's own error format ({@code type}: e.g. {@code overloaded_error}). */
    public static FakeLlmReply error(int status, String type, String message) {
        return new FakeLlmReply(status, type, message, null, List.of());
    }

    /** An error status with exactly this body. */
    public static FakeLlmReply rawError(int status, String body) {
        return new FakeLlmReply(status, null, null, body, List.of());
    }

    public FakeLlmReply usage(long input, long output) {
        inputTokens = input;
        outputTokens = output;
        return this;
    }

    /** The stop reason sent (default: the provider's normal one, {@code stop} / {@code end_turn}). */
    public FakeLlmReply finishReason(String reason) {
        finishReason = reason;
        return this;
    }

    public FakeLlmReply retryAfter(String value) {
        retryAfter = value;
        return this;
    }

    public FakeLlmReply hangBeforeHeaders(Duration hang) {
        hangBeforeHeaders = hang;
        return this;
    }

    public FakeLlmReply delayBetweenDeltas(Duration delay) {
        delayBetweenDeltas = delay;
        return this;
    }

    public FakeLlmReply stallAfter(int afterDeltas, Duration duration) {
        stallAfter = afterDeltas;
        stall = duration;
        return this;
    }

    /** After so many deltas, an event whose data is not JSON; the stream then ends. */
    public FakeLlmReply malformedAfter(int afterDeltas) {
        malformedAfter = afterDeltas;
        return this;
    }

    /** After so many deltas the body ends cleanly, without the stream's closing events. */
    public FakeLlmReply cutAfter(int afterDeltas) {
        cutAfter = afterDeltas;
        return this;
    }

    /** After so many deltas, the provider's in-stream error event; the stream then ends. */
    public FakeLlmReply errorEventAfter(int afterDeltas, String type, String message) {
        errorEventAfter = afterDeltas;
        errorEventType = type;
        errorEventMessage = message;
        return this;
    }

    public List<String> deltas() {
        return deltas;
    }

    public String text() {
        return String.join("", deltas);
    }
}
