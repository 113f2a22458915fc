package dev.memax.sdk.models;

/**
 * One model's answers to the caller's asks this period.
 *
 * @param model        the model, or {@code extractive}
 * @param costUsd      estimated from the server's configured prices
 */
public record UsageModel(String model, long asks, long inputTokens, long outputTokens, double costUsd) {}
