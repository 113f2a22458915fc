package dev.memax.server.ask;

import dev.memax.server.identity.Caller;
import dev.memax.server.llm.LlmCancellation;
import dev.memax.server.llm.LlmCompletion;
import dev.memax.server.llm.LlmException;
import dev.memax.server.llm.LlmGateway;
import dev.memax.server.llm.LlmRequest;
import dev.memax.server.plan.Plan;
import dev.memax.server.plan.PlanService;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.CommaList;
import dev.memax.server.platform.ErrorCode;
import dev.memax.server.recall.RecallResponse;
import dev.memax.server.recall.RecallService;
import dev.memax.server.usage.UsageMetric;
import dev.memax.server.usage.UsageService;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ask (docs/architecture.md §5.7): recall the memories that match (the same recall and filters as
 * {@code /v1/recall}), number them into a context within a token budget, and have a language model
 * answer from them citing {@code [n]}; with no model, answer extractively.
 *
 * <p>An ask counts once against the plan's ask quota, charged before recall runs; a model that
 * fails gives it back (nothing is charged for an answer the caller did not get). Every answer's
 * tokens and estimated cost are recorded under its model.
 */
@Singleton
public class AskService {
    static final String EXTRACTIVE = "extractive";
    private static final String AUTO = "auto";
    /** A source cut shorter than this is left out instead. */
    private static final int MIN_SOURCE_TOKENS = 50;

    private static final Logger LOG = LoggerFactory.getLogger(AskService.class);
    private final RecallService recall;
    private final LlmGateway llm;
    private final ExtractiveAnswerer extractive;
    private final TokenCounter tokens;
    private final UsageService usage;
    private final PlanService plans;
    private final AskSettings settings;
    private final Map<String, List<String>> planModels;

    public AskService(
            RecallService recall,
            LlmGateway llm,
            ExtractiveAnswerer extractive,
            TokenCounter tokens,
            UsageService usage,
            PlanService plans,
            AskSettings settings) {
        this.recall = recall;
        this.llm = llm;
        this.extractive = extractive;
        this.tokens = tokens;
        this.usage = usage;
        this.plans = plans;
        this.settings = settings;
        this.planModels = parsePlanModels(settings.planModels());
    }

    /**
     * A question whose memories are found and whose model is chosen: what is left is writing the
     * answer ({@link #answer}).
     *
     * @param dates          the date shown beside each source (its first event date, else its creation)
     * @param contextTokens  tokens of the sources' text
     */
    /** @param client the {@code source} the caller named (usage attribution, once the answer is given) */
    public record Prepared(
            Caller caller,
            String question,
            String model,
            List<AskResponse.Source> sources,
            List<Instant> dates,
            int contextTokens,
            long startedNanos,
            long retrievalMs,
            String client) {}

    /**
     * Chooses the model, recalls and builds the context. Every error a client can cause is thrown
     * here, before any answer is written (so a stream never starts for a bad request).
     */
    public Prepared prepare(Caller caller, AskRequest request) {
        long started = System.nanoTime();
        String model = chooseModel(caller, request.model());
        int limit = request.limit() == null ? settings.defaultLimit() : request.limit();
        RecallResponse recalled = recall.recall(caller, request.recall(limit), UsageMetric.ASKS);
        List<AskResponse.Source> sources = new ArrayList<>();
        List<Instant> dates = new ArrayList<>();
        int used = 0;
        for (RecallResponse.Memory memory : recalled.memories()) {
            int left = settings.contextTokens() - used;
            String text = memory.chunkContent() == null ? "" : memory.chunkContent();
            int cost = tokens.count(text);
            if (cost > left) {
                if (left < MIN_SOURCE_TOKENS && !sources.isEmpty()) {
                    break;
                }
                text = tokens.truncate(text, Math.max(left, MIN_SOURCE_TOKENS));
                cost = tokens.count(text);
            }
            sources.add(new AskResponse.Source(
                    sources.size() + 1,
                    memory.id(),
                    memory.hubId(),
                    memory.title(),
                    memory.summary(),
                    text,
                    memory.headingChain(),
                    memory.relevanceScore(),
                    memory.kind(),
                    memory.stability(),
                    memory.source(),
                    memory.topicId(),
                    memory.createdAt(),
                    memory.age()));
            dates.add(
                    memory.eventDates() == null || memory.eventDates().isEmpty()
                            ? memory.createdAt()
                            : memory.eventDates().get(0));
            used += cost;
            if (used >= settings.contextTokens()) {
                break;
            }
        }
        return new Prepared(
                caller,
                request.query(),
                model,
                List.copyOf(sources),
                List.copyOf(dates),
                used,
                started,
                millisSince(started),
                request.recall().source());
    }

    /**
     * Writes the answer: each piece of text goes to {@code onDelta} as it is written, then the whole
     * answer is returned.
     *
     * @throws ApiException {@code service_unavailable} (with {@code Retry-After}) when the model failed
     *                      and no extractive fallback is configured
     * @throws LlmException {@link LlmException.Reason#CANCELLED} when {@code cancellation} fired
     */
    public AskResponse answer(Prepared ask, Consumer<String> onDelta, LlmCancellation cancellation) {
        long synthesisStart = System.nanoTime();
        if (ask.model().equals(EXTRACTIVE) || ask.sources().isEmpty()) {
            return extractive(ask, onDelta, synthesisStart, null);
        }
        String user = AskPrompt.user(ask.question(), ask.sources(), ask.dates());
        LlmRequest request =
                new LlmRequest(ask.model(), AskPrompt.SYSTEM, user, settings.maxAnswerTokens(), settings.temperature());
        // Empty pieces never reach onDelta: text written means the answer has started.
        StringBuilder written = new StringBuilder();
        LlmCompletion completion;
        try {
            completion = llm.complete(
                    request,
                    text -> {
                        written.append(text);
                        onDelta.accept(text);
                    },
                    cancellation);
        } catch (LlmException e) {
            boolean started = written.length() > 0;
            if (started || e.reason() == LlmException.Reason.CANCELLED) {
                // Tokens were paid for upstream (counted here: the provider's usage never came).
                recordModelUse(ask, promptTokens(user), tokens.count(written.toString()));
            }
            if (e.reason() == LlmException.Reason.CANCELLED) {
                throw e;
            }
            String reason = failureReason(e);
            LOG.warn("ask: model {} failed ({}): {}", ask.model(), reason, e.getMessage());
            if (!started && llm.fallbackToExtractive()) {
                return extractive(ask, onDelta, synthesisStart, reason);
            }
            usage.refund(ask.caller().userId(), UsageMetric.ASKS, 1);
            throw unavailable(e, reason, ask.model());
        }
        long input = completion.inputTokens() > 0 ? completion.inputTokens() : promptTokens(user);
        long output = completion.outputTokens() > 0 ? completion.outputTokens() : tokens.count(completion.text());
        long cost = recordModelUse(ask, input, output);
        String model = completion.model() == null || completion.model().isBlank() ? ask.model() : completion.model();
        return response(
                ask,
                completion.text(),
                model,
                input,
                output,
                cost / 1e6,
                synthesisStart,
                null,
                completion.finishReason());
    }

    /** Our count of what the model was sent, for when the provider reported none. */
    private long promptTokens(String user) {
        return tokens.count(AskPrompt.SYSTEM) + tokens.count(user);
    }

    /** Adds a model answer's tokens and estimated cost to the caller's usage; the cost in micro-USD. */
    private long recordModelUse(Prepared ask, long input, long output) {
        long cost = llm.costMicroUsd(ask.model(), input, output);
        usage.recordLlmUse(ask.caller().userId(), ask.model(), input, output, cost);
        return cost;
    }

    private AskResponse extractive(Prepared ask, Consumer<String> onDelta, long synthesisStart, String fallback) {
        String answer = extractive.answer(ask.question(), ask.sources(), settings.extractiveTokens());
        onDelta.accept(answer);
        long output = tokens.count(answer);
        usage.recordLlmUse(ask.caller().userId(), EXTRACTIVE, ask.contextTokens(), output, 0);
        return response(ask, answer, EXTRACTIVE, ask.contextTokens(), output, 0, synthesisStart, fallback, "stop");
    }

    private AskResponse response(
            Prepared ask,
            String answer,
            String model,
            long input,
            long output,
            double costUsd,
            long synthesisStart,
            String fallback,
            String finishReason) {
        // Every answer given passes here (a failed model's ask is refunded instead): attribute it.
        usage.attribute(ask.caller().userId(), UsageMetric.ASKS, ask.client());
        List<AskResponse.Citation> citations = new ArrayList<>();
        for (int index : Citations.cited(answer, ask.sources().size())) {
            AskResponse.Source source = ask.sources().get(index - 1);
            citations.add(new AskResponse.Citation(index, source.id(), source.title()));
        }
        long total = millisSince(ask.startedNanos());
        return new AskResponse(
                answer,
                citations,
                ask.sources(),
                new AskResponse.Metadata(
                        model,
                        input + output,
                        input,
                        output,
                        costUsd,
                        ask.sources().size(),
                        ask.retrievalMs(),
                        millisSince(synthesisStart),
                        total,
                        total,
                        fallback,
                        finishReason));
    }

    /** The model to answer with: validated against what is configured and what the caller's plan allows. */
    private String chooseModel(Caller caller, String requested) {
        boolean auto =
                requested == null || requested.isBlank() || requested.strip().equalsIgnoreCase(AUTO);
        if (!auto && requested.strip().equals(EXTRACTIVE)) {
            return EXTRACTIVE;
        }
        if (!llm.enabled()) {
            if (auto) {
                return EXTRACTIVE;
            }
            throw ApiException.invalidField(
                    "model", "no language model is configured on this server: use " + "\"auto\" or \"extractive\"");
        }
        Plan plan = plans.planOf(caller.userId());
        List<String> allowed = planModels.get(plan.id());
        if (auto) {
            String preferred = llm.defaultModel();
            if (allowed == null || allowed.contains(preferred)) {
                return preferred;
            }
            return allowed.stream().filter(llm.models()::contains).findFirst().orElse(EXTRACTIVE);
        }
        String model = requested.strip();
        if (!llm.models().contains(model)) {
            throw ApiException.invalidField(
                    "model",
                    "unknown model; this server offers "
                            + String.join(", ", llm.models().stream().sorted().toList()) + ", auto and extractive");
        }
        if (allowed != null && !allowed.contains(model)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("model", model);
            details.put("plan", plan.id());
            details.put(
                    "allowed_models",
                    allowed.stream().filter(llm.models()::contains).toList());
            throw new ApiException(
                    ErrorCode.FORBIDDEN, "The " + plan.name() + " plan cannot use the model " + model, details);
        }
        return model;
    }

    /** A stable name for why the model failed, used in error details and as {@code metadata.fallback}. */
    private static String failureReason(LlmException e) {
        return switch (e.reason()) {
            case UNAVAILABLE -> "breaker_open";
            case TIMEOUT -> "timeout";
            case MALFORMED -> "malformed_stream";
            case UPSTREAM, CANCELLED -> "upstream_error";
        };
    }

    private static ApiException unavailable(LlmException e, String reason, String model) {
        int retryAfter = e.retryAfter() == null
                ? (e.reason() == LlmException.Reason.UNAVAILABLE ? 30 : 5)
                : (int) Math.max(1, Math.min(3600, (e.retryAfter().toMillis() + 999) / 1000));
        String message = switch (e.reason()) {
            case UNAVAILABLE -> "The language model is unavailable: too many of its recent calls failed";
            case TIMEOUT -> "The language model did not answer in time";
            case MALFORMED -> "The language model's provider sent a response that could not be read";
            default ->
                "The language model's provider answered an error"
                        + (e.upstreamStatus() > 0 ? " (HTTP " + e.upstreamStatus() + ")" : "");
        };
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason);
        details.put("model", model);
        return ApiException.unavailable(message, retryAfter, details);
    }

    /** {@code free=a,b;pro=c} → {free: [a, b], pro: [c]}. */
    static Map<String, List<String>> parsePlanModels(String spec) {
        Map<String, List<String>> out = new HashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String entry : spec.split(";")) {
            int eq = entry.indexOf('=');
            if (entry.isBlank()) {
                continue;
            }
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "memax.ask.plan-models: expected plan=model,model but got '" + entry.strip() + "'");
            }
            out.put(entry.substring(0, eq).strip(), CommaList.items(entry.substring(eq + 1)));
        }
        return out;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
