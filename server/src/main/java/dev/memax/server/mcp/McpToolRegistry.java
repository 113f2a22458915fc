package dev.memax.server.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.ratelimit.RouteLimits;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link McpTool} beans of each endpoint, in name order (the revision asks for a deterministic
 * {@code tools/list}, which also keeps clients' prompt caches warm), with their {@code tools/list}
 * entries built once and the rate-limit buckets of the REST routes they stand for.
 */
@Singleton
class McpToolRegistry {
    private final Map<McpEndpoint, List<Entry>> byEndpoint = new EnumMap<>(McpEndpoint.class);
    private final Map<McpEndpoint, Map<String, Entry>> byName = new EnumMap<>(McpEndpoint.class);

    /**
     * @param definition the tool as {@code tools/list} describes it
     * @param limit      what a call draws from: the buckets of {@link McpTool#restRoute()}
     */
    record Entry(McpTool tool, ObjectNode definition, RouteLimits.RouteLimit limit) {}

    McpToolRegistry(List<McpTool> tools, ObjectMapper json) {
        for (McpEndpoint endpoint : McpEndpoint.values()) {
            byEndpoint.put(endpoint, new ArrayList<>());
            byName.put(endpoint, new LinkedHashMap<>());
        }
        tools.stream().sorted(Comparator.comparing(McpTool::name)).forEach(tool -> {
            Entry entry = new Entry(tool, definition(tool, json), limitOf(tool));
            if (byName.get(tool.endpoint()).putIfAbsent(tool.name(), entry) != null) {
                throw new IllegalStateException("Two MCP tools named " + tool.name() + " on "
                        + tool.endpoint().path());
            }
            byEndpoint.get(tool.endpoint()).add(entry);
        });
    }

    List<Entry> list(McpEndpoint endpoint) {
        return byEndpoint.get(endpoint);
    }

    Optional<Entry> find(McpEndpoint endpoint, String name) {
        return Optional.ofNullable(byName.get(endpoint).get(name));
    }

    private static ObjectNode definition(McpTool tool, ObjectMapper json) {
        ObjectNode definition = json.createObjectNode();
        definition.put("name", tool.name());
        definition.put("title", tool.title());
        definition.put("description", tool.description());
        definition.set("inputSchema", tool.inputSchema());
        definition.set("outputSchema", tool.outputSchema());
        McpTool.Annotations hints = tool.annotations();
        ObjectNode annotations = definition.putObject("annotations");
        annotations.put("title", tool.title());
        annotations.put("readOnlyHint", hints.readOnly());
        annotations.put("destructiveHint", hints.destructive());
        annotations.put("idempotentHint", hints.idempotent());
        annotations.put("openWorldHint", false);
        return definition;
    }

    private static RouteLimits.RouteLimit limitOf(McpTool tool) {
        String[] route = tool.restRoute().trim().split("\\s+", 2);
        if (route.length != 2) {
            throw new IllegalStateException(
                    "MCP tool " + tool.name() + ": restRoute must be 'METHOD /path', not '" + tool.restRoute() + "'");
        }
        return RouteLimits.of(route[0], route[1]).orElse(RouteLimits.MCP_MESSAGE);
    }
}
