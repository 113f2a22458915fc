package dev.memax.sdk.models;

import java.time.Instant;
import java.util.UUID;

/** {@code POST /v1/topics/{id}/visit}: the visit is recorded ({@code status} {@code ok}). */
public record TopicVisit(String status, UUID topicId, Instant visitedAt) {}
