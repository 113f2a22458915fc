package dev.memax.server.llm;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured language models and the way to them: routes a request to the provider serving
 * its model, through that provider's circuit breaker and retries.
 */
@Singleton
public class LlmGateway {
    private static final Logger LOG = LoggerFactory.getLogger(LlmGateway.class);

    private record Route(LlmProvider provider, ProviderBreaker breaker, List<String> models) {}

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Map<String, Route> byModel = new LinkedHashMap<>();
    private final String defaultModel;
    private final boolean fallbackToExtractive;
    private final LlmPrices prices;
    private final RetryConfig retryConfig;
    private final Duration retryMaxWait;
    private final MeterRegistry meters;

    public LlmGateway(LlmSettings settings, MeterRegistry meters) {
        this.meters = meters;
        addRoute(new OpenAiCompatibleProvider(settings), LlmSettings.commaList(settings.openaiModels()), settings);
        addRoute(new AnthropicProvider(settings), LlmSettings.commaList(settings.anthropicModels()), settings);
        String configuredDefault =
                settings.defaultModel() == null ? "" : settings.defaultModel().trim();
        this.defaultModel = !configuredDefault.isEmpty()
                ? configuredDefault
                : byModel.isEmpty() ? null : byModel.keySet().iterator().next();
        if (defaultModel != null && !byModel.containsKey(defaultModel)) {
            throw new ConfigurationException("MEMAX_LLM_DEFAULT_MODEL " + defaultModel
                    + " is not in MEMAX_LLM_OPENAI_MODELS or MEMAX_LLM_ANTHROPIC_MODELS");
        }
        String fallback = settings.fallback().trim().toLowerCase(Locale.ROOT);
        if (!fallback.equals("none") && !fallback.equals("extractive")) {
            throw new ConfigurationException(
                    "MEMAX_LLM_FALLBACK must be none or extractive, not " + settings.fallback());
        }
        this.fallbackToExtractive = fallback.equals("extractive");
        this.prices = LlmPrices.parse(settings.prices());
        this.retryMaxWait = settings.retryMaxWait();
        IntervalFunction backoff =
                IntervalFunction.ofExponentialRandomBackoff(settings.retryBackoff(), 2, 0.25, retryMaxWait);
        IntervalBiFunction<LlmCompletion> interval = (attempt, outcome) -> {
            long millis = backoff.apply(attempt);
            if (outcome.isLeft() && outcome.getLeft() instanceof LlmException e && e.retryAfter() != null) {
                millis = Math.max(millis, e.retryAfter().toMillis());
            }
            return Math.min(millis, retryMaxWait.toMillis());
        };
        this.retryConfig = RetryConfig.<LlmCompletion>custom()
                .maxAttempts(Math.max(0, settings.maxRetries()) + 1)
                .intervalBiFunction(interval)
                .build();
    }

    private void addRoute(LlmProvider provider, List<String> models, LlmSettings settings) {
        if (models.isEmpty()) {
            return;
        }
        Route route = new Route(provider, new ProviderBreaker(provider.name(), settings), models);
        routes.put(provider.name(), route);
        for (String model : models) {
            Route other = byModel.putIfAbsent(model, route);
            if (other != null) {
                throw new ConfigurationException("model " + model + " is listed for both "
                        + other.provider().name() + " and " + provider.name() + "; list it once");
            }
        }
    }

    @EventListener
    void announce(StartupEvent event) {
        if (routes.isEmpty()) {
            LOG.info(
                    "No LLM configured (MEMAX_LLM_OPENAI_MODELS, MEMAX_LLM_ANTHROPIC_MODELS): ask answers extractively");
            return;
        }
        List<String> providers = new ArrayList<>();
        routes.values().forEach(route -> providers.add(route.provider().name() + " " + route.models()));
        LOG.info(
                "LLM providers: {}; default model {}; when a model fails before answering, ask {}",
                String.join(", ", providers),
                defaultModel,
                fallbackToExtractive ? "answers extractively" : "answers 503");
    }

    /** Whether any provider is configured; without one, ask answers extractively. */
    public boolean enabled() {
        return !routes.isEmpty();
    }

    /** The model used when a request names none (or {@code auto}); null when none is configured. */
    public String defaultModel() {
        return defaultModel;
    }

    /** Every model a configured provider serves. */
    public Set<String> models() {
        return new LinkedHashSet<>(byModel.keySet());
    }

    /** Whether ask answers extractively instead of 503 when the model fails before writing anything. */
    public boolean fallbackToExtractive() {
        return fallbackToExtractive;
    }

    /** Estimated cost of a completion in millionths of a US dollar (0 when the model has no price). */
    public long costMicroUsd(String model, long inputTokens, long outputTokens) {
        return prices.costMicroUsd(model, inputTokens, outputTokens);
    }

    /** Each configured provider's breaker: {@code closed}, {@code open} or {@code half_open}. */
    public Map<String, String> breakerStates() {
        Map<String, String> states = new LinkedHashMap<>();
        routes.forEach((name, route) -> states.put(name, route.breaker().state()));
        return states;
    }

    /**
     * Writes one completion with the provider serving {@code request.model()}. Failures before
     * the first piece of text reached {@code onDelta} are retried when transient (429, 5xx, no
     * connection); once text has streamed, a failure ends the call.
     *
     * @throws IllegalArgumentException when no provider serves the model
     * @throws LlmException             when the completion failed
     */
    public LlmCompletion complete(LlmRequest request, Consumer<String> onDelta, LlmCancellation cancellation) {
        Route route = byModel.get(request.model());
        if (route == null) {
            throw new IllegalArgumentException("no provider serves " + request.model());
        }
        String provider = route.provider().name();
        long started = System.nanoTime();
        AtomicBoolean streamed = new AtomicBoolean();
        AtomicInteger attempts = new AtomicInteger();
        Consumer<String> tracked = text -> {
            streamed.set(true);
            onDelta.accept(text);
        };
        // Never replay a half-streamed answer: its beginning has already reached the client.
        Retry retry = Retry.of(
                provider,
                RetryConfig.<LlmCompletion>from(retryConfig)
                        .retryOnException(e -> !streamed.get() && !cancellation.isCancelled() && worthRetrying(e))
                        .build());
        try {
            LlmCompletion completion = retry.executeSupplier(() -> {
                attempts.incrementAndGet();
                return route.breaker().call(() -> route.provider().complete(request, tracked, cancellation));
            });
            count(provider, "ok");
            LOG.debug(
                    "LLM {}/{}: {} in {} ms, {} attempt(s), {} input + {} output tokens",
                    provider,
                    request.model(),
                    completion.finishReason(),
                    elapsedMs(started),
                    attempts.get(),
                    completion.inputTokens(),
                    completion.outputTokens());
            return completion;
        } catch (LlmException e) {
            count(provider, e.reason().name().toLowerCase(Locale.ROOT));
            if (e.reason() == LlmException.Reason.CANCELLED || e.reason() == LlmException.Reason.UNAVAILABLE) {
                // The client left, or the breaker refused the call (it logged opening once).
                LOG.debug("LLM {}/{}: {} after {} ms", provider, request.model(), e.getMessage(), elapsedMs(started));
            } else {
                LOG.warn(
                        "LLM {}/{} failed after {} ms, {} attempt(s){}: {}",
                        provider,
                        request.model(),
                        elapsedMs(started),
                        attempts.get(),
                        streamed.get() ? " (mid-answer)" : "",
                        e.getMessage());
            }
            throw e;
        }
    }

    /** Transient, and not asking for a longer wait than we allow ({@code retryMaxWait}). */
    private boolean worthRetrying(Throwable error) {
        return LlmFailures.transientUpstream(error)
                && (((LlmException) error).retryAfter() == null
                        || ((LlmException) error).retryAfter().compareTo(retryMaxWait) <= 0);
    }

    private void count(String provider, String outcome) {
        Counter.builder("memax.llm.calls")
                .description(
                        "Completions asked of an LLM provider, by outcome (ok, timeout, upstream, malformed, unavailable, cancelled)")
                .tag("provider", provider)
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    private static long elapsedMs(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
