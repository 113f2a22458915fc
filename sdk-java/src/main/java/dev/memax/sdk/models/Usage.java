package dev.memax.sdk.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The caller's usage this period (the calendar month, UTC) against the plan.
 *
 * @param plan   the plan and its limits (the server's {@code plan_details}; {@code plan} on the wire is the plan's
 *               id, as Memax clients read it, since server 0.2)
 * @param usage  by limit: {@code memories} and {@code storage_bytes} owned now, this period's
 *               {@code pushes}, {@code recalls} and {@code asks}
 * @param alerts alert thresholds crossed this period
 * @param models ask's use of each model this period ({@code extractive} included)
 * @param bySource this period's {@code recalls} and {@code asks} by the {@code source} each request named (since 0.2)
 */
public record Usage(
        @JsonProperty("plan_details") Plan plan,
        Instant periodStart,
        Instant periodEnd,
        Map<String, UsageMeter> usage,
        List<UsageAlert> alerts,
        List<UsageModel> models,
        Map<String, Map<String, Long>> bySource) {
    public Usage {
        bySource = bySource == null ? Map.of() : Map.copyOf(bySource);
        usage = usage == null ? Map.of() : Map.copyOf(usage);
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
        models = models == null ? List.of() : List.copyOf(models);
    }

    /** The 0.1 form, without {@code bySource}. */
    public Usage(
            Plan plan,
            Instant periodStart,
            Instant periodEnd,
            Map<String, UsageMeter> usage,
            List<UsageAlert> alerts,
            List<UsageModel> models) {
        this(plan, periodStart, periodEnd, usage, alerts, models, null);
    }

    public UsageMeter memories() {
        return usage.get("memories");
    }

    public UsageMeter storageBytes() {
        return usage.get("storage_bytes");
    }

    public UsageMeter pushes() {
        return usage.get("pushes");
    }

    public UsageMeter recalls() {
        return usage.get("recalls");
    }

    public UsageMeter asks() {
        return usage.get("asks");
    }
}
