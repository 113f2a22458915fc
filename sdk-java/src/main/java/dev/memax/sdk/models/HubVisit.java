package dev.memax.sdk.models;

import java.time.Instant;
import java.util.UUID;

/** {@code POST /v1/hubs/{id}/visit}: the visit is recorded ({@code status} {@code ok}). */
public record HubVisit(String status, UUID hubId, Instant visitedAt) {}
