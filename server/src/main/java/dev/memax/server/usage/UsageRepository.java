package dev.memax.server.usage;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

@Singleton
public class UsageRepository {
    private final Db db;

    public UsageRepository(Db db) {
        this.db = db;
    }

    /** What a user owns now. */
    record Totals(long memories, long contentBytes) {}

    /** An alert threshold crossed. */
    record Alert(String metric, int threshold, long used, long quota, Instant createdAt) {}

    /**
     * Adds {@code n} to the counter unless that would pass {@code quota} (null: no quota), in one
     * statement: a concurrent charge waits for this one's row lock and then sees its count. The
     * new count, or empty when the quota would be passed (nothing is added then).
     */
    OptionalLong charge(UUID userId, LocalDate period, UsageMetric metric, long n, Long quota) {
        return db.one(
                        "INSERT INTO usage_counters AS u (user_id, period_start, metric, used) VALUES (?, ?, ?, ?) "
                                + "ON CONFLICT (user_id, period_start, metric) DO UPDATE SET used = u.used + excluded.used "
                                + "WHERE ?::bigint IS NULL OR u.used + excluded.used <= ?::bigint RETURNING used",
                        rs -> rs.getLong(1),
                        userId,
                        period,
                        metric.wireName(),
                        n,
                        quota,
                        quota)
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /** Gives back {@code n} of a charge whose work did not happen (never below zero). */
    void refund(UUID userId, LocalDate period, UsageMetric metric, long n) {
        db.update(
                "UPDATE usage_counters SET used = greatest(used - ?, 0) WHERE user_id = ? AND period_start = ? AND metric = ?",
                n,
                userId,
                period,
                metric.wireName());
    }

    /** A model's use this period. */
    record LlmUse(String model, long asks, long inputTokens, long outputTokens, long costMicroUsd) {}

    void addLlmUse(UUID userId, LocalDate period, LlmUse use) {
        db.update(
                "INSERT INTO usage_llm AS u (user_id, period_start, model, asks, input_tokens, output_tokens, cost_micro_usd) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, period_start, model) DO UPDATE SET "
                        + "asks = u.asks + excluded.asks, input_tokens = u.input_tokens + excluded.input_tokens, "
                        + "output_tokens = u.output_tokens + excluded.output_tokens, "
                        + "cost_micro_usd = u.cost_micro_usd + excluded.cost_micro_usd",
                userId,
                period,
                use.model(),
                use.asks(),
                use.inputTokens(),
                use.outputTokens(),
                use.costMicroUsd());
    }

    void addSourceUse(UUID userId, LocalDate period, UsageMetric metric, String source) {
        db.update(
                "INSERT INTO usage_sources AS u (user_id, period_start, metric, source, used) VALUES (?, ?, ?, ?, 1) "
                        + "ON CONFLICT (user_id, period_start, metric, source) DO UPDATE SET used = u.used + 1",
                userId,
                period,
                metric.wireName(),
                source);
    }

    /** metric → source → count this period, metrics and sources in name order. */
    Map<String, Map<String, Long>> sourceUse(UUID userId, LocalDate period) {
        Map<String, Map<String, Long>> out = new java.util.TreeMap<>();
        db.list(
                "SELECT metric, source, used FROM usage_sources WHERE user_id = ? AND period_start = ?",
                rs -> out.computeIfAbsent(rs.getString(1), m -> new java.util.TreeMap<>())
                        .put(rs.getString(2), rs.getLong(3)),
                userId,
                period);
        return out;
    }

    List<LlmUse> llmUse(UUID userId, LocalDate period) {
        return db.list(
                "SELECT model, asks, input_tokens, output_tokens, cost_micro_usd FROM usage_llm "
                        + "WHERE user_id = ? AND period_start = ? ORDER BY model",
                rs -> new LlmUse(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                userId,
                period);
    }

    long used(UUID userId, LocalDate period, UsageMetric metric) {
        return db.one(
                        "SELECT used FROM usage_counters WHERE user_id = ? AND period_start = ? AND metric = ?",
                        rs -> rs.getLong(1),
                        userId,
                        period,
                        metric.wireName())
                .orElse(0L);
    }

    Map<String, Long> counters(UUID userId, LocalDate period) {
        Map<String, Long> out = new HashMap<>();
        db.list(
                "SELECT metric, used FROM usage_counters WHERE user_id = ? AND period_start = ?",
                rs -> out.put(rs.getString(1), rs.getLong(2)),
                userId,
                period);
        return out;
    }

    Totals totals(UUID userId) {
        return db.one(
                        "SELECT memories, content_bytes FROM usage_totals WHERE user_id = ?",
                        rs -> new Totals(rs.getLong(1), rs.getLong(2)),
                        userId)
                .orElse(new Totals(0, 0));
    }

    /** Records a crossed threshold; false when it was recorded before in this period. */
    boolean recordAlert(
            UUID userId, LocalDate period, UsageMetric metric, int threshold, long used, long quota, Instant at) {
        return db.update(
                        "INSERT INTO usage_alerts (user_id, period_start, metric, threshold, used, quota, created_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        userId,
                        period,
                        metric.wireName(),
                        threshold,
                        used,
                        quota,
                        at)
                == 1;
    }

    List<Alert> alerts(UUID userId, LocalDate period) {
        return db.list(
                "SELECT metric, threshold, used, quota, created_at FROM usage_alerts "
                        + "WHERE user_id = ? AND period_start = ? ORDER BY created_at, metric, threshold",
                rs -> new Alert(
                        rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), Db.instant(rs, "created_at")),
                userId,
                period);
    }
}
