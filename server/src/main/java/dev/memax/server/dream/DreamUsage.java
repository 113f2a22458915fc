package dev.memax.server.dream;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code GET /v1/usage/dreams}: Memax's {@code DreamUsage} for one hub. Dreams are a plan
 * feature without a monthly cap here: {@code limit} is {@code -1} when the hub owner's plan
 * includes them and {@code 0} when not; {@code used} counts the hub's runs this period.
 *
 * @param scope     {@code personal} or {@code hub} (a team hub)
 * @param tier      {@code lucid} with dreams, {@code basic} without
 * @param remaining absent when unlimited, {@code 0} when dreams are off
 * @param allowed   whether a trigger by this caller would start a run now
 */
public record DreamUsage(
        String scope,
        UUID hubId,
        String tier,
        String mode,
        long limit,
        long used,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long remaining,
        boolean allowed,
        Instant periodStart,
        Instant periodEnd,
        String quotaSource) {}
