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
 */
public record Usage(@JsonProperty("plan_details") Plan plan, Instant periodStart, Instant periodEnd,
                    Map<String, UsageMeter> usage, List<UsageAlert> alerts, List<UsageModel> models) {
    public Usage {
        usage = usage == null ? Map.of() : Map.copyOf(usage);
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
        models = models == null ? List.of() : List.copyOf(models);
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
