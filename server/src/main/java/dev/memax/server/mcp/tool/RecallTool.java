package dev.memax.server.mcp.tool;

import static dev.memax.server.mcp.tool.Schema.array;
import static dev.memax.server.mcp.tool.Schema.bool;
import static dev.memax.server.mcp.tool.Schema.enumeration;
import static dev.memax.server.mcp.tool.Schema.integer;
import static dev.memax.server.mcp.tool.Schema.number;
import static dev.memax.server.mcp.tool.Schema.string;
import static dev.memax.server.mcp.tool.Schema.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.identity.Caller;
import dev.memax.server.mcp.McpToolResult;
import dev.memax.server.recall.RecallRequest;
import dev.memax.server.recall.RecallResponse;
import dev.memax.server.recall.RecallService;

/** {@code memax_recall} / {@code search_memories}: {@code POST /v1/recall}, each result its best chunk. */
final class RecallTool extends Tool {
    private final RecallService recall;
    private final Arguments arguments;
    private final Views views;

    RecallTool(Listing listing, RecallService recall, Arguments arguments, Views views) {
        super(listing, readOnly(), "POST /v1/recall", input(), output());
        this.recall = recall;
        this.arguments = arguments;
        this.views = views;
    }

    /** The filters {@code POST /v1/recall} and {@code POST /v1/ask} share. */
    static Schema.Obj filters(String description) {
        return Schema.object(description)
                .required(
                        "query",
                        string("What to look for, in natural language or keywords.")
                                .put("minLength", 1)
                                .put("maxLength", RecallRequest.MAX_QUERY))
                .prop(
                        "hub_ids",
                        array("Only these hubs (ids from the hubs tool); default: every hub you can read.", uuid(null))
                                .put("maxItems", 100))
                .prop("kind", enumeration("Only memories of this kind.", Views.KINDS))
                .prop("topic_id", uuid("Only memories in this topic or the topics under it."))
                .prop(
                        "tags",
                        array("Only memories carrying every one of these tags.", string(null))
                                .put("maxItems", 50))
                .prop(
                        "created_after",
                        string("Only memories created at or after this RFC 3339 timestamp or YYYY-MM-DD date."))
                .prop(
                        "created_before",
                        string("Only memories created before this RFC 3339 timestamp or YYYY-MM-DD date."))
                .prop("include_archived", bool("Also archived memories (default false)."))
                .prop(
                        "threshold",
                        number("Drop results whose relevance_score is below this (0-1).")
                                .put("minimum", 0)
                                .put("maximum", 1))
                .prop(
                        "mode",
                        enumeration(
                                "hybrid (default: meaning and keywords), semantic, or keyword.",
                                "hybrid",
                                "semantic",
                                "keyword"));
    }

    private static ObjectNode input() {
        return filters("What to recall.")
                .prop(
                        "limit",
                        integer("How many memories to return (default " + RecallRequest.DEFAULT_LIMIT + ").", 1, 100))
                .build();
    }

    private static ObjectNode output() {
        return Schema.object("The memories that matched, best first.")
                .required(
                        "memories", array("Best first.", Views.recalledSchema().build()))
                .closed()
                .build();
    }

    @Override
    public McpToolResult call(Caller caller, JsonNode args) {
        RecallResponse response = recall.recall(caller, arguments.bind(args, RecallRequest.class));
        ObjectNode result = views.json().createObjectNode();
        ArrayNode memories = result.putArray("memories");
        response.memories().forEach(m -> memories.add(views.recalled(m)));
        return new McpToolResult(result);
    }
}
