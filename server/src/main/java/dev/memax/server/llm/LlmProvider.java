package dev.memax.server.llm;

import java.util.function.Consumer;

/**
 * A language model API that writes an answer as a stream of text (docs/architecture.md §5.7). One
 * implementation per wire protocol: OpenAI-compatible Chat Completions, Anthropic Messages.
 * Breakers, retries and routing by model are {@link LlmGateway}'s, not the provider's.
 */
public interface LlmProvider {
    /** {@code openai} or {@code anthropic}: names the provider in health, metrics and logs. */
    String name();

    /**
     * Streams one completion on the calling thread: each piece of text reaches {@code onDelta}
     * as it arrives; returns once the model has finished.
     *
     * @throws LlmException on an upstream error, a timeout, a malformed stream or cancellation
     */
    LlmCompletion complete(LlmRequest request, Consumer<String> onDelta, LlmCancellation cancellation);
}
