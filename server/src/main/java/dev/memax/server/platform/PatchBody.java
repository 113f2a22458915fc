package dev.memax.server.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * A PATCH body as services apply it: the values decoded, and the JSON keys the client sent, so that
 * {@code null} (clear) and absent (keep) differ.
 */
public record PatchBody<T>(T values, Set<String> present) {
    public PatchBody {
        present = Set.copyOf(present);
    }

    /** {@code values} as decoded from {@code body}, the JSON object they were read from. */
    public static <T> PatchBody<T> of(T values, JsonNode body) {
        Set<String> present = new HashSet<>();
        body.fieldNames().forEachRemaining(present::add);
        return new PatchBody<>(values, present);
    }

    /** Whether the client sent this field (its wire name), null included. */
    public boolean sent(String field) {
        return present.contains(field);
    }
}
