package dev.memax.sdk.models;

import java.time.Instant;
import java.util.UUID;

/**
 * A hub's dreams this period (Memax's {@code DreamUsage}).
 *
 * @param scope     {@code personal} or {@code hub}
 * @param limit     {@code -1} unlimited, {@code 0} dreams not in the plan
 * @param remaining null when unlimited
 * @param allowed   whether a trigger by the caller would start a run now
 */
public record DreamUsage(
        String scope,
        UUID hubId,
        String tier,
        String mode,
        long limit,
        long used,
        Long remaining,
        boolean allowed,
        Instant periodStart,
        Instant periodEnd,
        String quotaSource) {}
