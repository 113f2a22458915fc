package dev.memax.server.mcp.tool;

import static dev.memax.server.mcp.tool.Schema.array;
import static dev.memax.server.mcp.tool.Schema.enumeration;
import static dev.memax.server.mcp.tool.Schema.integer;
import static dev.memax.server.mcp.tool.Schema.nullable;
import static dev.memax.server.mcp.tool.Schema.string;
import static dev.memax.server.mcp.tool.Schema.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.hub.HubService;
import dev.memax.server.identity.Caller;
import dev.memax.server.identity.Hub;
import dev.memax.server.identity.HubEntry;
import dev.memax.server.mcp.McpToolResult;

/** {@code memax_hubs} / {@code list_hubs}: {@code GET /v1/hubs}, the hubs the caller belongs to, with its role and counts. */
final class HubsTool extends Tool {
    private final HubService hubs;
    private final Views views;

    HubsTool(Listing listing, HubService hubs, Views views) {
        super(
                listing,
                readOnly(),
                "GET /v1/hubs",
                Schema.object("No arguments.").build(),
                output());
        this.hubs = hubs;
        this.views = views;
    }

    private static ObjectNode output() {
        return Schema.object("Your hubs.")
                .required(
                        "hubs",
                        array(
                                "Your personal hub first, then team hubs.",
                                Schema.object(null)
                                        .required("id", uuid("Pass it as hub_id / hub_ids to other tools."))
                                        .required("name", string(null))
                                        .required("slug", string(null))
                                        .required(
                                                "hub_type",
                                                enumeration(
                                                        "personal (only you) or team (shared).", "personal", "team"))
                                        .required("description", nullable(string(null)))
                                        .required(
                                                "role",
                                                enumeration(
                                                        "Your role: viewers read; contributors also write; admins and "
                                                                + "owners also manage.",
                                                        "owner",
                                                        "admin",
                                                        "contributor",
                                                        "viewer"))
                                        .required("memory_count", integer("Memories it holds."))
                                        .closed()
                                        .build()))
                .closed()
                .build();
    }

    @Override
    public McpToolResult call(Caller caller, JsonNode args) {
        ObjectNode result = views.json().createObjectNode();
        ArrayNode list = result.putArray("hubs");
        for (HubEntry entry : hubs.list(caller)) {
            Hub hub = entry.hub();
            ObjectNode node = list.addObject();
            node.put("id", hub.id().toString());
            node.put("name", hub.name());
            node.put("slug", hub.slug());
            node.set("hub_type", views.json().valueToTree(hub.hubType()));
            node.put("description", hub.description());
            node.set("role", views.json().valueToTree(entry.role()));
            node.put("memory_count", entry.memoryCount());
        }
        return new McpToolResult(result);
    }
}
