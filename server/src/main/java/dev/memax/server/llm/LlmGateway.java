package dev.memax.server.llm;

import jakarta.inject.Singleton;

import java.util.Set;
import java.util.function.Consumer;

/**
 * The configured language models and the way to them: routes a request to the provider serving
 * its model, through that provider's circuit breaker and retries.
 */
@Singleton
public class LlmGateway {

    /** Whether any provider is configured; without one, ask answers extractively. */
    public boolean enabled() {
        return false;
    }

    /** The model used when a request names none (or {@code auto}); null when none is configured. */
    public String defaultModel() {
        return null;
    }

    /** Every model a configured provider serves. */
    public Set<String> models() {
        return Set.of();
    }

    /** Whether an open breaker should make ask answer extractively instead of 503. */
    public boolean fallbackToExtractive() {
        return false;
    }

    /** Estimated cost of a completion in millionths of a US dollar (0 when the model has no price). */
    public long costMicroUsd(String model, long inputTokens, long outputTokens) {
        return 0;
    }

    /**
     * Writes one completion with the provider serving {@code request.model()}.
     *
     * @throws IllegalArgumentException when no provider serves the model
     * @throws LlmException             when the completion failed
     */
    public LlmCompletion complete(LlmRequest request, Consumer<String> onDelta, LlmCancellation cancellation) {
        throw new IllegalArgumentException("no provider serves " + request.model());
    }
}
