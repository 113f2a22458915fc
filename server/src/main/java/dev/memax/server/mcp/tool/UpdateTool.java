package dev.memax.server.mcp.tool;

import static dev.memax.server.mcp.tool.Schema.enumeration;
import static dev.memax.server.mcp.tool.Schema.nullable;
import static dev.memax.server.mcp.tool.Schema.string;
import static dev.memax.server.mcp.tool.Schema.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.identity.Caller;
import dev.memax.server.mcp.McpToolResult;
import dev.memax.server.memory.Memory;
import dev.memax.server.memory.MemoryRequests;
import dev.memax.server.memory.MemoryService;
import dev.memax.server.platform.PatchBody;
import java.util.List;

/**
 * {@code memax_update}: {@code PATCH /v1/memories/{id}} with every argument but {@code id} as the
 * body: fields sent replace the memory's, {@code null} clears the clearable ones. Not destructive
 * (the previous version stays in the history) and idempotent (the same change again changes nothing).
 */
final class UpdateTool extends Tool {
    /** Fields {@code null} clears (the others cannot be null). */
    private static final List<String> CLEARABLE = List.of(
            "summary",
            "source",
            "source_agent",
            "source_path",
            "session_id",
            "project_context",
            "expires_at",
            "expires_in");

    private final MemoryService memories;
    private final Arguments arguments;
    private final Views views;

    UpdateTool(Listing listing, MemoryService memories, Arguments arguments, Views views) {
        super(listing, new Annotations(false, false, true), "PATCH /v1/memories/{id}", input(), output());
        this.memories = memories;
        this.arguments = arguments;
        this.views = views;
    }

    private static ObjectNode input() {
        ObjectNode schema = PushTool.fields(Schema.object("The memory and the fields to change; fields not sent stay.")
                        .required("id", uuid("The memory's id.")))
                .prop(
                        "content",
                        string("New content (at most 1 MB); the memory is re-indexed.")
                                .put("minLength", 1))
                .prop(
                        "state",
                        enumeration(
                                "archived hides it from recall unless asked for; active brings it back.",
                                "active",
                                "archived"))
                .build();
        ObjectNode properties = (ObjectNode) schema.get("properties");
        for (String field : CLEARABLE) {
            ObjectNode property = nullable((ObjectNode) properties.get(field));
            property.put("description", property.path("description").asText() + " null clears it.");
            properties.set(field, property);
        }
        return schema;
    }

    private static ObjectNode output() {
        return Schema.object("The memory as it is now.")
                .required("memory", Views.cardSchema())
                .closed()
                .build();
    }

    @Override
    public McpToolResult call(Caller caller, JsonNode args) {
        String id = arguments.requiredText(args, "id");
        ObjectNode body = arguments.object(args).deepCopy();
        body.remove("id");
        Memory memory = memories.update(
                caller, id, PatchBody.of(arguments.bind(body, MemoryRequests.UpdateMemory.class), body));
        ObjectNode result = views.json().createObjectNode();
        result.set("memory", views.card(memory));
        return new McpToolResult(result);
    }
}
