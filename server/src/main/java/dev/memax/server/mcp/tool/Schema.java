package dev.memax.server.mcp.tool;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Builds the JSON Schemas (2020-12) of the tools' arguments and results. Every builder answers a
 * fresh node; a nullable property allows {@code null} beside its type, as the API sends nulls.
 */
final class Schema {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Schema() {}

    /** An object schema: add properties with {@link Obj#prop} and mark the required ones. */
    static Obj object(String description) {
        return new Obj(description);
    }

    static ObjectNode string(String description) {
        return typed("string", description);
    }

    static ObjectNode integer(String description, int minimum, int maximum) {
        return typed("integer", description).put("minimum", minimum).put("maximum", maximum);
    }

    static ObjectNode integer(String description) {
        return typed("integer", description);
    }

    static ObjectNode number(String description) {
        return typed("number", description);
    }

    static ObjectNode bool(String description) {
        return typed("boolean", description);
    }

    static ObjectNode uuid(String description) {
        return string(description).put("format", "uuid");
    }

    static ObjectNode timestamp(String description) {
        return string(description).put("format", "date-time");
    }

    static ObjectNode enumeration(String description, String... values) {
        return enumeration(description, List.of(values));
    }

    static ObjectNode enumeration(String description, List<String> values) {
        ObjectNode node = string(description);
        ArrayNode allowed = node.putArray("enum");
        for (String value : values) {
            allowed.add(value);
        }
        return node;
    }

    static ObjectNode array(String description, ObjectNode items) {
        ObjectNode node = typed("array", description);
        node.set("items", items);
        return node;
    }

    /** Any JSON object (free-form metadata). */
    static ObjectNode anyObject(String description) {
        return typed("object", description);
    }

    /** The same schema, also allowing {@code null}. */
    static ObjectNode nullable(ObjectNode schema) {
        ObjectNode copy = schema.deepCopy();
        String type = copy.path("type").asText();
        copy.putArray("type").add(type).add("null");
        if (copy.has("enum")) {
            ((ArrayNode) copy.get("enum")).addNull();
        }
        return copy;
    }

    private static ObjectNode typed(String type, String description) {
        ObjectNode node = NODES.objectNode().put("type", type);
        if (description != null) {
            node.put("description", description);
        }
        return node;
    }

    /** An object schema being built. */
    static final class Obj {
        private final ObjectNode node;
        private final ObjectNode properties;
        private final ArrayNode required;

        private Obj(String description) {
            node = typed("object", description);
            properties = node.putObject("properties");
            required = NODES.arrayNode();
        }

        Obj prop(String name, ObjectNode schema) {
            properties.set(name, schema);
            return this;
        }

        Obj prop(String name, Obj schema) {
            return prop(name, schema.build());
        }

        /** A property the object always carries. */
        Obj required(String name, ObjectNode schema) {
            required.add(name);
            return prop(name, schema);
        }

        Obj required(String name, Obj schema) {
            return required(name, schema.build());
        }

        /** Results: no property beyond those listed (a client may rely on the listed shape alone). */
        Obj closed() {
            node.put("additionalProperties", false);
            return this;
        }

        ObjectNode build() {
            ObjectNode built = node.deepCopy();
            if (!required.isEmpty()) {
                built.set("required", required.deepCopy());
            }
            return built;
        }
    }
}
