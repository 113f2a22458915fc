package dev.memax.server.mcp.tool;

import static dev.memax.server.mcp.tool.Schema.array;
import static dev.memax.server.mcp.tool.Schema.bool;
import static dev.memax.server.mcp.tool.Schema.enumeration;
import static dev.memax.server.mcp.tool.Schema.integer;
import static dev.memax.server.mcp.tool.Schema.string;
import static dev.memax.server.mcp.tool.Schema.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.identity.Caller;
import dev.memax.server.mcp.McpToolResult;
import dev.memax.server.memory.Memory;
import dev.memax.server.memory.MemoryListRequest;
import dev.memax.server.memory.MemoryListings;
import dev.memax.server.platform.Page;
import dev.memax.server.platform.PageRequest;
import io.micronaut.core.annotation.Introspected;
import java.util.List;

/** {@code memax_list}: {@code GET /v1/memories}, one page of memory cards (no content), newest first by default. */
final class ListTool extends Tool {
    private final MemoryListings memories;
    private final Arguments arguments;
    private final Views views;

    /** The query parameters of {@code GET /v1/memories}, as arguments (typed: a wrong type is the REST 400). */
    @Introspected
    record ListArguments(
            String hubId,
            String kind,
            String topicId,
            List<String> tags,
            String source,
            String state,
            Boolean pinned,
            String createdAfter,
            String createdBefore,
            String sort,
            Integer limit,
            String cursor) {}

    ListTool(Listing listing, MemoryListings memories, Arguments arguments, Views views) {
        super(listing, readOnly(), "GET /v1/memories", input(), output());
        this.memories = memories;
        this.arguments = arguments;
        this.views = views;
    }

    private static ObjectNode input() {
        return Schema.object("Which memories, and which page.")
                .prop("hub_id", uuid("Only this hub (ids from the hubs tool); default: every hub you can read."))
                .prop("kind", enumeration("Only this kind.", Views.KINDS))
                .prop("topic_id", uuid("Only memories in this topic or the topics under it."))
                .prop("tags", array("Only memories carrying every one of these tags.", string(null)))
                .prop("source", string("Only memories from this source."))
                .prop("state", enumeration("Only memories in this state.", Views.STATES))
                .prop("pinned", bool("Only pinned (true) or unpinned (false) memories."))
                .prop("created_after", string("Only memories created at or after this RFC 3339 timestamp."))
                .prop("created_before", string("Only memories created before this RFC 3339 timestamp."))
                .prop(
                        "sort",
                        enumeration(
                                "newest (default), oldest, or updated (recently changed first).",
                                "newest",
                                "oldest",
                                "updated"))
                .prop(
                        "limit",
                        integer(
                                "Memories per page (default " + PageRequest.DEFAULT_LIMIT + ").",
                                1,
                                PageRequest.MAX_LIMIT))
                .prop("cursor", string("next_cursor of the previous page, to read the next one."))
                .build();
    }

    private static ObjectNode output() {
        return Schema.object("One page of memories.")
                .required("memories", array("This page.", Views.cardSchema().build()))
                .required("next_cursor", string("Pass it as cursor for the next page; empty on the last page."))
                .required("has_more", bool("Whether another page follows."))
                .required("total", integer("How many memories match, on every page."))
                .closed()
                .build();
    }

    @Override
    public McpToolResult call(Caller caller, JsonNode args) {
        ListArguments a = arguments.bind(args, ListArguments.class);
        MemoryListRequest request = MemoryListRequest.parse(
                a.hubId(),
                a.kind(),
                a.topicId(),
                a.tags(),
                a.source(),
                a.state(),
                a.pinned() == null ? null : a.pinned().toString(),
                a.createdAfter(),
                a.createdBefore(),
                null,
                a.sort(),
                null);
        Page<Memory> page = memories.list(caller, request, PageRequest.of(a.limit(), a.cursor()));
        ObjectNode result = views.json().createObjectNode();
        ArrayNode items = result.putArray("memories");
        page.items().forEach(m -> items.add(views.card(m)));
        result.put("next_cursor", page.nextCursor() == null ? "" : page.nextCursor());
        result.put("has_more", page.hasMore());
        result.put("total", page.total());
        return new McpToolResult(result);
    }
}
