package dev.memax.sdk.models;

import java.time.Instant;

/**
 * An alert threshold crossed this period (once per metric and threshold).
 *
 * @param metric    {@code pushes}, {@code recalls} or {@code asks}
 * @param threshold percent of the quota
 * @param used      the count that crossed it
 */
public record UsageAlert(String metric, int threshold, long used, long quota, Instant createdAt) {}
