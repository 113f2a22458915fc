package dev.memax.server.mcp.tool;

import static dev.memax.server.mcp.tool.Schema.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.identity.Caller;
import dev.memax.server.mcp.McpToolResult;
import dev.memax.server.memory.MemoryService;

/**
 * {@code memax_get} / {@code get_memory}: {@code GET /v1/memories/{id}}, the whole memory with its
 * content cut at the configured cap. A memory the caller cannot read is {@code not_found}.
 */
final class GetTool extends Tool {
    private final MemoryService memories;
    private final Arguments arguments;
    private final Views views;

    GetTool(Listing listing, MemoryService memories, Arguments arguments, Views views) {
        super(
                listing,
                readOnly(),
                "GET /v1/memories/{id}",
                input(),
                Views.documentSchema().build());
        this.memories = memories;
        this.arguments = arguments;
        this.views = views;
    }

    static ObjectNode input() {
        return Schema.object("Which memory.")
                .required("id", uuid("The memory's id, as recall, search or list gave it."))
                .build();
    }

    @Override
    public McpToolResult call(Caller caller, JsonNode args) {
        return new McpToolResult(views.document(memories.get(caller, arguments.requiredText(args, "id"), false)));
    }
}
