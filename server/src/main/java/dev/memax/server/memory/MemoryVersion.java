package dev.memax.server.memory;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * One version of a memory, as {@code GET /v1/memories/{id}/history} answers it.
 *
 * @param change  what made it: {@code created}, {@code updated}, {@code moved} (dreams add their own)
 * @param changes {@code {field: {from, to}}} for every field the change touched ({@code {}} for created)
 */
public record MemoryVersion(int version, UUID changedBy, Instant changedAt, String change, JsonNode changes) {}
