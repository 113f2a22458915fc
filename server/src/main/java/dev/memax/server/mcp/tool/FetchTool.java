package dev.memax.server.mcp.tool;

import static dev.memax.server.mcp.tool.Schema.array;
import static dev.memax.server.mcp.tool.Schema.bool;
import static dev.memax.server.mcp.tool.Schema.enumeration;
import static dev.memax.server.mcp.tool.Schema.integer;
import static dev.memax.server.mcp.tool.Schema.nullable;
import static dev.memax.server.mcp.tool.Schema.string;
import static dev.memax.server.mcp.tool.Schema.timestamp;
import static dev.memax.server.mcp.tool.Schema.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.identity.Caller;
import dev.memax.server.mcp.McpToolResult;
import dev.memax.server.memory.Memory;
import dev.memax.server.memory.MemoryService;

/**
 * ChatGPT's {@code fetch}: one memory as {@code {id, title, text, url, metadata}}, the shape
 * ChatGPT connectors and deep research require. The text is cut at the configured cap; the cut is
 * said both in {@code metadata} and at the end of the text, where a model reading it will see it.
 */
final class FetchTool extends Tool {
    private final MemoryService memories;
    private final Arguments arguments;
    private final Views views;

    FetchTool(Listing listing, MemoryService memories, Arguments arguments, Views views) {
        super(listing, readOnly(), "GET /v1/memories/{id}", input(), output());
        this.memories = memories;
        this.arguments = arguments;
        this.views = views;
    }

    private static ObjectNode input() {
        return Schema.object("Which memory.")
                .required("id", string("The id search returned."))
                .build();
    }

    private static ObjectNode output() {
        return Schema.object("The memory.")
                .required("id", string(null))
                .required("title", string("The memory's title, or the start of its text."))
                .required("text", string("The memory's content (cut when longer than the server's cap; see metadata)."))
                .required("url", string("A stable link to the memory.").put("format", "uri"))
                .required(
                        "metadata",
                        Schema.object("About the memory.")
                                .required("hub_id", uuid(null))
                                .required("kind", enumeration(null, Views.KINDS))
                                .required("tags", array(null, string(null)))
                                .required("source", nullable(string(null)))
                                .required("source_path", nullable(string(null)))
                                .required("created_at", timestamp(null))
                                .required("updated_at", timestamp(null))
                                .required("version", integer(null))
                                .required("content_length", integer("Characters in the whole content."))
                                .required("truncated", bool("True when text holds only the start of the content."))
                                .closed())
                .closed()
                .build();
    }

    @Override
    public McpToolResult call(Caller caller, JsonNode args) {
        Memory m = memories.get(caller, arguments.requiredText(args, "id"), false);
        Views.Cut cut = views.cut(m.content());
        String text = cut.truncated()
                ? cut.text() + "\n\n[truncated: the first " + cut.text().length() + " of " + cut.length()
                        + " characters]"
                : cut.text();
        ObjectNode result = views.json().createObjectNode();
        result.put("id", m.id().toString());
        result.put("title", Views.displayTitle(m.title(), m.content()));
        result.put("text", text);
        result.put("url", views.url(m.id()));
        ObjectNode metadata = result.putObject("metadata");
        metadata.put("hub_id", m.hubId().toString());
        metadata.set("kind", views.json().valueToTree(m.kind()));
        metadata.set("tags", views.json().valueToTree(m.tags()));
        metadata.put("source", m.source());
        metadata.put("source_path", m.sourcePath());
        metadata.set("created_at", views.json().valueToTree(m.createdAt()));
        metadata.set("updated_at", views.json().valueToTree(m.updatedAt()));
        metadata.put("version", m.version());
        metadata.put("content_length", cut.length());
        metadata.put("truncated", cut.truncated());
        return new McpToolResult(result);
    }
}
