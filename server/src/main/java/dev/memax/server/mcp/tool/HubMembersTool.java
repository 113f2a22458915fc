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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.hub.MemberService;
import dev.memax.server.identity.Caller;
import dev.memax.server.identity.Member;
import dev.memax.server.mcp.McpToolResult;
import dev.memax.server.platform.Page;
import dev.memax.server.platform.PageRequest;
import io.micronaut.core.annotation.Introspected;

/** {@code list_hub_members}: {@code GET /v1/hubs/{id}/members}, one page of a hub's members. */
final class HubMembersTool extends Tool {
    private final MemberService members;
    private final Arguments arguments;
    private final Views views;

    @Introspected
    record PageArguments(Integer limit, String cursor) {}

    HubMembersTool(Listing listing, MemberService members, Arguments arguments, Views views) {
        super(listing, readOnly(), "GET /v1/hubs/{id}/members", input(), output());
        this.members = members;
        this.arguments = arguments;
        this.views = views;
    }

    private static ObjectNode input() {
        return Schema.object("Which hub, and which page.")
                .required("hub_id", uuid("The hub's id (from list_hubs)."))
                .prop(
                        "limit",
                        integer(
                                "Members per page (default " + PageRequest.DEFAULT_LIMIT + ").",
                                1,
                                PageRequest.MAX_LIMIT))
                .prop("cursor", string("next_cursor of the previous page, to read the next one."))
                .build();
    }

    private static ObjectNode output() {
        return Schema.object("One page of the hub's members.")
                .required(
                        "members",
                        array(
                                "This page.",
                                Schema.object(null)
                                        .required("user_id", uuid(null))
                                        .required("email", string(null))
                                        .required("name", nullable(string(null)))
                                        .required("role", enumeration(null, "owner", "admin", "contributor", "viewer"))
                                        .required("joined_at", timestamp(null))
                                        .closed()
                                        .build()))
                .required("next_cursor", string("Pass it as cursor for the next page; empty on the last page."))
                .required("has_more", bool("Whether another page follows."))
                .closed()
                .build();
    }

    @Override
    public McpToolResult call(Caller caller, JsonNode args) {
        String hubId = arguments.requiredText(args, "hub_id");
        PageArguments page = arguments.bind(args, PageArguments.class);
        Page<Member> found = members.list(caller, hubId, PageRequest.of(page.limit(), page.cursor()));
        ObjectNode result = views.json().createObjectNode();
        ArrayNode list = result.putArray("members");
        for (Member m : found.items()) {
            ObjectNode node = list.addObject();
            node.put("user_id", m.userId().toString());
            node.put("email", m.email());
            node.put("name", m.name());
            node.set("role", views.json().valueToTree(m.role()));
            node.set("joined_at", views.json().valueToTree(m.joinedAt()));
        }
        result.put("next_cursor", found.nextCursor() == null ? "" : found.nextCursor());
        result.put("has_more", found.hasMore());
        return new McpToolResult(result);
    }
}
