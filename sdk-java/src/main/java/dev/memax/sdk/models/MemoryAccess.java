package dev.memax.sdk.models;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer of recording a deliberate open of a memory ({@code POST /v1/memories/{id}/access}).
 *
 * @param accessCount the memory's opens so far, this one included
 * @param accessedAt  when this one was recorded
 */
public record MemoryAccess(UUID id, long accessCount, Instant accessedAt) {}
