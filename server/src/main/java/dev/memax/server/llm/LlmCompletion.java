package dev.memax.server.llm;

/**
 * A finished completion.
 *
 * @param text         the whole answer (every delta, in order)
 * @param model        the model that wrote it, as the provider reported it
 * @param inputTokens  prompt tokens the provider counted (0 when it reported none)
 * @param outputTokens answer tokens the provider counted (0 when it reported none)
 * @param finishReason why it stopped, as the provider said it ({@code stop}, {@code end_turn}, {@code length}, …)
 */
public record LlmCompletion(String text, String model, long inputTokens, long outputTokens, String finishReason) {}
