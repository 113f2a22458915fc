package dev.memax.server.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.platform.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Memax clients send kinds and stabilities this server does not know (the SDK's {@code
 * "reference"}); Memax stores them as the default ({@code semantic}, {@code evolving}) and says so
 * in an {@code X-Memax-Warning} header, so a push never fails over a label (docs/architecture.md §5.12). Done on
 * the raw body, before it is bound, so that the rest of the memory code sees only known values.
 */
final class UnknownEnums {
    static final String WARNING_HEADER = "X-Memax-Warning";
    private static final int MAX_ECHOED = 40;

    private UnknownEnums() {}

    /**
     * Replaces an unknown {@code kind} / {@code stability} string in a memory's body by the default (a
     * known one is taken in any case); answers one warning per replacement ({@code prefix} locates the
     * memory in a batch).
     */
    static List<String> normalise(JsonNode memory, String prefix) {
        List<String> warnings = new ArrayList<>();
        if (memory instanceof ObjectNode object) {
            replace(object, "kind", Names.wire(MemoryKind.values()), MemoryKind.SEMANTIC.toString(), prefix, warnings);
            replace(
                    object,
                    "stability",
                    Names.wire(Stability.values()),
                    Stability.EVOLVING.toString(),
                    prefix,
                    warnings);
        }
        return warnings;
    }

    /** The same for every memory of a batch body ({@code {memories: […]}}). */
    static List<String> normaliseBatch(JsonNode body) {
        List<String> warnings = new ArrayList<>();
        JsonNode memories = body == null ? null : body.get("memories");
        if (memories != null && memories.isArray()) {
            for (int i = 0; i < memories.size(); i++) {
                warnings.addAll(normalise(memories.get(i), "memories[" + i + "]."));
            }
        }
        return warnings;
    }

    /** The header value: the warnings joined, printable ASCII only. */
    static String header(List<String> warnings) {
        return String.join("; ", warnings);
    }

    private static void replace(
            ObjectNode object,
            String field,
            List<String> known,
            String fallback,
            String prefix,
            List<String> warnings) {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            return;
        }
        String normal = value.asText().strip().toLowerCase(Locale.ROOT);
        if (known.contains(normal)) {
            object.put(field, normal);
            return;
        }
        object.put(field, fallback);
        warnings.add(prefix + field + " \"" + echo(value.asText()) + "\" is not one of " + String.join("|", known)
                + ": stored as \"" + fallback + "\"");
    }

    /** The client's value as it may appear in a header: printable ASCII, no quotes, cut short. */
    private static String echo(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?").replace('"', '\'');
        return printable.length() > MAX_ECHOED ? printable.substring(0, MAX_ECHOED) + "..." : printable;
    }
}
