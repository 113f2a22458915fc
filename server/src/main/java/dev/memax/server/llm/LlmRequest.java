package dev.memax.server.llm;

/**
 * One completion to write.
 *
 * @param model           the model as its provider names it
 * @param system          the instructions
 * @param user            the user's turn (the question with its numbered context)
 * @param maxOutputTokens the most tokens the answer may take
 * @param temperature     0-2; low for answers that stick to the context
 */
public record LlmRequest(String model, String system, String user, int maxOutputTokens, double temperature) {}
