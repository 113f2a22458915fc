package dev.memax.sdk.models;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One version of a memory, from its history.
 *
 * @param version   the version number (1 = created)
 * @param changedBy the user who made it, or null (the server's own work)
 * @param changedAt when
 * @param change    what kind of change: {@code created}, {@code updated}, {@code moved}, …
 * @param changes   for every field it changed (by wire name, e.g. {@code source_path}), its old and new value
 */
public record MemoryVersion(
        int version, UUID changedBy, Instant changedAt, String change, Map<String, FieldChange> changes) {
    public MemoryVersion {
        changes = changes == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(changes));
    }

    /**
     * A field's value before and after a change, as JSON values (String, Number, Boolean, List,
     * Map or null; timestamps and ids as strings).
     *
     * @param from the value before
     * @param to   the value after
     */
    public record FieldChange(Object from, Object to) {}
}
