package dev.memax.server.usage;

import dev.memax.server.plan.Plan;
import java.util.function.Function;

/** What a plan's monthly quotas count. */
public enum UsageMetric {
    /** Memory creates and updates (each memory of a batch counts). */
    PUSHES("pushes", Plan::monthlyPushes),
    RECALLS("recalls", Plan::monthlyRecalls),
    ASKS("asks", Plan::monthlyAsks);

    private final String wireName;
    private final Function<Plan, Long> quota;

    UsageMetric(String wireName, Function<Plan, Long> quota) {
        this.wireName = wireName;
        this.quota = quota;
    }

    public String wireName() {
        return wireName;
    }

    /** The plan's monthly quota of this metric; null is unlimited. */
    Long quotaOf(Plan plan) {
        return quota.apply(plan);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
