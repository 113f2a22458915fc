package dev.memax.server.llm;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider's circuit breaker: after too many failing calls (see {@link LlmFailures}) it
 * refuses calls at once, as {@link LlmException.Reason#UNAVAILABLE} with the time left, instead
 * of making every ask wait for a provider that is down; after the open duration one probe call
 * decides whether it closes again.
 */
final class ProviderBreaker {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderBreaker.class);
    private final CircuitBreaker breaker;
    private final Duration openDuration;
    private volatile long openedAt;

    ProviderBreaker(String provider, LlmSettings settings) {
        this.openDuration = settings.breakerOpenDuration();
        int minimumCalls = Math.max(1, settings.breakerMinimumCalls());
        this.breaker = CircuitBreaker.of(
                provider,
                CircuitBreakerConfig.custom()
                        .failureRateThreshold(settings.breakerFailureRate())
                        .minimumNumberOfCalls(minimumCalls)
                        .slidingWindowSize(Math.max(minimumCalls, 20))
                        .waitDurationInOpenState(openDuration)
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .recordException(LlmFailures::countsAgainstProvider)
                        // Cancellations and refused requests say nothing about the provider's health.
                        .ignoreException(e -> !LlmFailures.countsAgainstProvider(e))
                        .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.State to = event.getStateTransition().getToState();
            if (to == CircuitBreaker.State.OPEN) {
                openedAt = System.nanoTime();
                LOG.warn(
                        "LLM provider {} is failing: its calls are refused for {} s",
                        provider,
                        openDuration.toSeconds());
            } else if (to == CircuitBreaker.State.CLOSED) {
                LOG.info("LLM provider {} answers again", provider);
            }
        });
    }

    LlmCompletion call(Supplier<LlmCompletion> attempt) {
        try {
            return breaker.executeSupplier(attempt);
        } catch (CallNotPermittedException e) {
            Duration left = remainingOpen();
            throw new LlmException(
                    LlmException.Reason.UNAVAILABLE,
                    breaker.getName() + " is failing; calls resume in " + (left.toMillis() + 999) / 1000 + " s",
                    left.isZero() ? Duration.ofSeconds(1) : left,
                    0,
                    null);
        }
    }

    /** {@code closed}, {@code open} or {@code half_open} (an open breaker whose wait is over lets the next call probe). */
    String state() {
        return switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> remainingOpen().isZero() ? "half_open" : "open";
            case HALF_OPEN -> "half_open";
            default -> "closed";
        };
    }

    private Duration remainingOpen() {
        Duration left = openDuration.minusNanos(System.nanoTime() - openedAt);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
