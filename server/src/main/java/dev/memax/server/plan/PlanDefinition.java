package dev.memax.server.plan;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A plan as {@code GET /v1/plans} lists it: this server's fields ({@link Plan}: a null limit is
 * unlimited) and, beside them, those of Memax's {@code PlanDefinition} that this server has a
 * value for (docs/architecture.md §5.12), where {@code -1} is unlimited, Memax's convention. {@code memory_limit}
 * is both sides' name: it keeps this server's null. Plans are personal; every listed plan is active.
 *
 * @param tierOrder the plan's place in the list, cheapest first (also its {@code entitlement_rank})
 */
public record PlanDefinition(
        @JsonUnwrapped Plan plan,
        String scope,
        String displayName,
        int tierOrder,
        int entitlementRank,
        long pushLimit,
        long recallLimit,
        long askLimit,
        long storageBytesLimit,
        long maxAttachmentBytes,
        boolean dreamsEnabled,
        boolean reviewInbox,
        int rateLimitRpm,
        int rateLimitHeavyRpm,
        int rateLimitLightRpm,
        boolean active) {
    private static final long UNLIMITED = -1;

    public static PlanDefinition of(Plan plan, int tierOrder) {
        // The review inbox comes with dreams, as in GET /v1/usage's limits.
        return new PlanDefinition(
                plan,
                "personal",
                plan.name(),
                tierOrder,
                tierOrder,
                or(plan.monthlyPushes()),
                or(plan.monthlyRecalls()),
                or(plan.monthlyAsks()),
                or(plan.storageBytes()),
                or(plan.maxUploadBytes()),
                plan.dreams(),
                plan.dreams(),
                plan.regularPerMinute(),
                plan.heavyPerMinute(),
                plan.lightPerMinute(),
                true);
    }

    private static long or(Long limit) {
        return limit == null ? UNLIMITED : limit;
    }
}
