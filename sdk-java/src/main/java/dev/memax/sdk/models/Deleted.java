package dev.memax.sdk.models;

import java.util.UUID;

/**
 * The answer of a delete: the id of what was deleted.
 *
 * @param id      the deleted object's id
 * @param deleted {@code true}
 */
public record Deleted(UUID id, boolean deleted) {}
