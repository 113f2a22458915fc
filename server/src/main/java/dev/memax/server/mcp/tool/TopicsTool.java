package dev.memax.server.mcp.tool;

import static dev.memax.server.mcp.tool.Schema.array;
import static dev.memax.server.mcp.tool.Schema.integer;
import static dev.memax.server.mcp.tool.Schema.nullable;
import static dev.memax.server.mcp.tool.Schema.string;
import static dev.memax.server.mcp.tool.Schema.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.identity.Caller;
import dev.memax.server.mcp.McpToolResult;
import dev.memax.server.topic.TopicService;
import dev.memax.server.topic.TopicTree;
import io.micronaut.core.annotation.Introspected;
import java.util.List;

/**
 * {@code memax_topics}: {@code GET /v1/topics}, a hub's topic tree flattened depth-first (each topic
 * after its parent, with its depth), so a model reads it as an outline.
 */
final class TopicsTool extends Tool {
    private final TopicService topics;
    private final Arguments arguments;
    private final Views views;

    @Introspected
    record HubArgument(String hubId) {}

    TopicsTool(Listing listing, TopicService topics, Arguments arguments, Views views) {
        super(listing, readOnly(), "GET /v1/topics", input(), output());
        this.topics = topics;
        this.arguments = arguments;
        this.views = views;
    }

    private static ObjectNode input() {
        return Schema.object("Which hub.")
                .prop("hub_id", uuid("The hub's id (from memax_hubs); the personal hub when absent."))
                .build();
    }

    private static ObjectNode output() {
        return Schema.object("The hub's topics.")
                .required(
                        "topics",
                        array(
                                "Depth-first: each topic follows its parent, siblings in their order.",
                                Schema.object(null)
                                        .required("id", uuid("Pass it as topic_id to memax_recall or memax_list."))
                                        .required("name", string(null))
                                        .required("description", string(null))
                                        .required("parent_id", nullable(uuid(null)))
                                        .required("depth", integer("0 for a top-level topic.", 0, 4))
                                        .required("memory_count", integer("Memories placed in this topic itself."))
                                        .required(
                                                "total_memory_count",
                                                integer("Memories in this topic and the topics under it."))
                                        .closed()
                                        .build()))
                .required("unassigned_count", integer("Memories of the hub in no topic."))
                .closed()
                .build();
    }

    @Override
    public McpToolResult call(Caller caller, JsonNode args) {
        HubArgument hub = arguments.bind(args, HubArgument.class);
        TopicTree.Listing tree = topics.tree(caller, hub.hubId());
        ObjectNode result = views.json().createObjectNode();
        outline(result.putArray("topics"), tree.topics(), 0);
        result.put("unassigned_count", tree.unassignedCount());
        return new McpToolResult(result);
    }

    private static void outline(ArrayNode out, List<TopicTree> level, int depth) {
        for (TopicTree t : level) {
            ObjectNode node = out.addObject();
            node.put("id", t.topic().id().toString());
            node.put("name", t.topic().name());
            node.put("description", t.topic().description());
            node.put(
                    "parent_id",
                    t.topic().parentId() == null ? null : t.topic().parentId().toString());
            node.put("depth", depth);
            node.put("memory_count", t.memoryCount());
            node.put("total_memory_count", t.totalMemoryCount());
            outline(out, t.children(), depth + 1);
        }
    }
}
