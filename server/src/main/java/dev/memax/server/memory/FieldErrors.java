package dev.memax.server.memory;

import dev.memax.server.platform.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Collects every invalid field of a request, so one answer names them all. */
final class FieldErrors {
    private final Map<String, String> fields = new LinkedHashMap<>();

    void add(String field, String reason) {
        fields.putIfAbsent(field, reason);
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }

    /** {@code 422 validation_failed} with {@code details.fields}, when anything was invalid. */
    void throwIfAny() {
        if (!fields.isEmpty()) {
            throw ApiException.invalidFields(fields);
        }
    }
}
