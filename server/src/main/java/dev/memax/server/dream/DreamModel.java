package dev.memax.server.dream;

import dev.memax.server.llm.LlmCancellation;
import dev.memax.server.llm.LlmCompletion;
import dev.memax.server.llm.LlmException;
import dev.memax.server.llm.LlmGateway;
import dev.memax.server.llm.LlmRequest;
import dev.memax.server.usage.UsageService;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The language model the contradiction, organize and synthesize phases ask when one is configured
 * (the providers ask uses, through {@link LlmGateway}: its timeouts, retries and breakers). A run
 * gets an {@link Allowance} of calls ({@link DreamModelSettings#callsPerRun()}); phases ask while
 * they propose, outside any transaction. No model, no calls left, or a failed call: the phase
 * keeps its heuristic for that item, and the run goes on.
 */
@Singleton
public class DreamModel {
    private static final Logger LOG = LoggerFactory.getLogger(DreamModel.class);
    /** Low: verdicts, names and summaries should stick to the memories. */
    private static final double TEMPERATURE = 0.1;

    private final LlmGateway llm;
    private final UsageService usage;
    private final DreamModelSettings settings;
    private final String model;

    public DreamModel(LlmGateway llm, UsageService usage, DreamModelSettings settings) {
        this.llm = llm;
        this.usage = usage;
        this.settings = settings;
        String named = settings.name() == null ? "" : settings.name().trim();
        if (!named.isEmpty() && !llm.models().contains(named)) {
            throw new ConfigurationException(
                    "MEMAX_DREAMS_MODEL " + named + " is not in MEMAX_LLM_OPENAI_MODELS or MEMAX_LLM_ANTHROPIC_MODELS");
        }
        this.model = named.isEmpty() ? llm.defaultModel() : named;
    }

    /** The calls one run may make; {@code beforeCall} runs before each (the executor renews the run's lease). */
    Allowance allowance(DreamRun run, Runnable beforeCall) {
        return new Allowance(run.ownerId(), model == null ? 0 : settings.callsPerRun(), beforeCall);
    }

    /** An answer's text on one line (runs of white space become one space), cut to {@code max} characters. */
    static String oneLine(String text, int max) {
        return clip(text == null ? "" : text.replaceAll("\\s+", " "), max);
    }

    /** Text cut to at most {@code max} characters, with an ellipsis when cut. */
    static String clip(String text, int max) {
        String flat = text == null ? "" : text.strip();
        return flat.length() <= max ? flat : flat.substring(0, Math.max(0, max - 1)) + "…";
    }

    /** What one run may still ask of the model. */
    public final class Allowance {
        private final UUID ownerId;
        private final Runnable beforeCall;
        private int left;

        private Allowance(UUID ownerId, int calls, Runnable beforeCall) {
            this.ownerId = ownerId;
            this.left = calls;
            this.beforeCall = beforeCall;
        }

        /** Whether a call may be made now. */
        public boolean available() {
            return left > 0;
        }

        /** The model asked, named in reasons. */
        public String model() {
            return model;
        }

        /** Most characters of memory text to put in one call. */
        public int maxInputChars() {
            return settings.maxInputChars();
        }

        /**
         * The model's answer, or empty when no call may be made or the call failed (logged). Its
         * tokens and estimated cost count toward the hub owner's LLM usage, as an ask's do.
         *
         * @param purpose named in the log
         */
        public Optional<String> ask(String purpose, String system, String user, int maxOutputTokens) {
            if (!available()) {
                return Optional.empty();
            }
            left--;
            beforeCall.run();
            try {
                LlmCompletion completion = llm.complete(
                        new LlmRequest(model, system, user, maxOutputTokens, TEMPERATURE),
                        text -> {},
                        new LlmCancellation());
                usage.recordLlmUse(
                        ownerId,
                        model,
                        completion.inputTokens(),
                        completion.outputTokens(),
                        llm.costMicroUsd(model, completion.inputTokens(), completion.outputTokens()));
                return Optional.of(completion.text());
            } catch (LlmException e) {
                LOG.warn(
                        "dream {}: model {} failed ({}), the heuristic decides: {}",
                        purpose,
                        model,
                        e.reason(),
                        e.getMessage());
                return Optional.empty();
            }
        }

        /** Logs an answer that could not be used; the heuristic decides. */
        public void unusable(String purpose, String answer) {
            LOG.warn(
                    "dream {}: model {} answered something unusable, the heuristic decides: {}",
                    purpose,
                    model,
                    clip(answer, 200));
        }
    }
}
