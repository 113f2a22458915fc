package dev.memax.server.mcp.tool;

import static dev.memax.server.mcp.tool.Schema.array;
import static dev.memax.server.mcp.tool.Schema.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.identity.Caller;
import dev.memax.server.mcp.McpToolResult;
import dev.memax.server.recall.RecallRequest;
import dev.memax.server.recall.RecallResponse;
import dev.memax.server.recall.RecallService;

/**
 * ChatGPT's {@code search}: a recall over every hub the caller can read, answered in the shape
 * ChatGPT connectors and deep research require, {@code {"results": [{id, title, url}]}}; the ids
 * are what {@code fetch} takes.
 */
final class SearchTool extends Tool {
    private final RecallService recall;
    private final Arguments arguments;
    private final Views views;

    SearchTool(Listing listing, RecallService recall, Arguments arguments, Views views) {
        super(listing, readOnly(), "POST /v1/recall", input(), output());
        this.recall = recall;
        this.arguments = arguments;
        this.views = views;
    }

    private static ObjectNode input() {
        return Schema.object("A search.")
                .required(
                        "query",
                        string("What to look for, in natural language or keywords.")
                                .put("minLength", 1)
                                .put("maxLength", RecallRequest.MAX_QUERY))
                .build();
    }

    private static ObjectNode output() {
        return Schema.object("Matching memories, best first.")
                .required(
                        "results",
                        array(
                                "Best first.",
                                Schema.object("A matching memory.")
                                        .required("id", string("Pass it to fetch to read the memory."))
                                        .required("title", string("The memory's title, or the start of its text."))
                                        .required(
                                                "url",
                                                string("A stable link to the memory.")
                                                        .put("format", "uri"))
                                        .closed()
                                        .build()))
                .closed()
                .build();
    }

    @Override
    public McpToolResult call(Caller caller, JsonNode args) {
        // search takes only a query: other arguments a client adds do not narrow it.
        ObjectNode query = views.json().createObjectNode();
        query.set("query", arguments.object(args).get("query"));
        RecallResponse response = recall.recall(caller, arguments.bind(query, RecallRequest.class));
        ObjectNode result = views.json().createObjectNode();
        ArrayNode results = result.putArray("results");
        for (RecallResponse.Memory m : response.memories()) {
            results.addObject()
                    .put("id", m.id().toString())
                    .put("title", Views.displayTitle(m.title(), m.chunkContent()))
                    .put("url", views.url(m.id()));
        }
        return new McpToolResult(result);
    }
}
