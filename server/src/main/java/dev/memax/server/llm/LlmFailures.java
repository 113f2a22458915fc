package dev.memax.server.llm;

/** Which failed calls say something about a provider: what is retried, what trips its breaker. */
final class LlmFailures {
    private LlmFailures() {}

    /** Worth another try before any text was streamed: 429, 5xx (Anthropic's 529 too), no connection. */
    static boolean transientUpstream(Throwable error) {
        return error instanceof LlmException e
                && e.reason() == LlmException.Reason.UPSTREAM
                && (e.upstreamStatus() == 0 || e.upstreamStatus() == 429 || e.upstreamStatus() >= 500);
    }

    /** Counts toward opening the breaker: transient upstream failures, timeouts and unreadable streams. */
    static boolean countsAgainstProvider(Throwable error) {
        return transientUpstream(error)
                || error instanceof LlmException e
                        && (e.reason() == LlmException.Reason.TIMEOUT || e.reason() == LlmException.Reason.MALFORMED);
    }
}
