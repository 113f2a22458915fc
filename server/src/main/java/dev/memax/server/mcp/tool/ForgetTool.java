package dev.memax.server.mcp.tool;

import static dev.memax.server.mcp.tool.Schema.bool;
import static dev.memax.server.mcp.tool.Schema.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.identity.Caller;
import dev.memax.server.mcp.McpToolResult;
import dev.memax.server.memory.MemoryService;

/**
 * {@code memax_forget} / {@code forget_memory}: {@code DELETE /v1/memories/{id}}, the memory with its
 * chunks and history: destructive. Idempotent: forgetting it again changes nothing more (it answers
 * {@code not_found}).
 */
final class ForgetTool extends Tool {
    private final MemoryService memories;
    private final Arguments arguments;
    private final Views views;

    ForgetTool(Listing listing, MemoryService memories, Arguments arguments, Views views) {
        super(listing, new Annotations(false, true, true), "DELETE /v1/memories/{id}", GetTool.input(), output());
        this.memories = memories;
        this.arguments = arguments;
        this.views = views;
    }

    private static ObjectNode output() {
        return Schema.object("What was forgotten.")
                .required("id", uuid("The memory's id."))
                .required("deleted", bool("True: the memory, its chunks and its history are gone."))
                .closed()
                .build();
    }

    @Override
    public McpToolResult call(Caller caller, JsonNode args) {
        MemoryService.Deleted deleted = memories.delete(caller, arguments.requiredText(args, "id"));
        ObjectNode result = views.json().createObjectNode();
        result.put("id", deleted.id().toString());
        result.put("deleted", deleted.deleted());
        return new McpToolResult(result);
    }
}
