package dev.memax.sdk.models;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Lenient readers of one field of a JSON object, for models that keep their raw JSON: a field
 * that is absent, null or of an unexpected shape reads as null instead of failing the whole
 * answer (it is still in the raw JSON).
 */
final class JsonFields {
    private JsonFields() {}

    static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(name);
        return value == null || value.isNull() || value.isMissingNode() ? null : value;
    }

    static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        return value != null && value.isValueNode() ? value.asText() : null;
    }

    static Long longValue(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText().trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    /** {@link #longValue} when it fits an int, else null. */
    static Integer intValue(JsonNode node, String name) {
        Long value = longValue(node, name);
        return value == null || value != value.intValue() ? null : value.intValue();
    }

    static Double doubleValue(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            try {
                return Double.parseDouble(value.asText().trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    static UUID uuid(JsonNode node, String name) {
        String value = text(node, name);
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    static Instant instant(JsonNode node, String name) {
        String value = text(node, name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notInstant) {
                return null;
            }
        }
    }

    static List<String> strings(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (value == null || !value.isArray()) {
            return null;
        }
        List<String> list = new ArrayList<>();
        value.forEach(item -> {
            if (item.isValueNode() && !item.isNull()) {
                list.add(item.asText());
            }
        });
        return Collections.unmodifiableList(list);
    }
}
