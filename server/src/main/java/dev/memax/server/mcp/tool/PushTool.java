package dev.memax.server.mcp.tool;

import static dev.memax.server.mcp.tool.Schema.array;
import static dev.memax.server.mcp.tool.Schema.bool;
import static dev.memax.server.mcp.tool.Schema.enumeration;
import static dev.memax.server.mcp.tool.Schema.string;
import static dev.memax.server.mcp.tool.Schema.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.identity.Caller;
import dev.memax.server.mcp.McpToolResult;
import dev.memax.server.memory.MemoryLimits;
import dev.memax.server.memory.MemoryRequests;
import dev.memax.server.memory.MemoryUpserts;

/**
 * {@code memax_push} / {@code save_memory}: {@code POST /v1/memories}. With a {@code source_path}
 * the hub already holds, the memory there is updated in place (or left as it is when the content
 * is unchanged), so a repeated push of the same file is idempotent; without one, every call makes a
 * new memory. Not destructive: an update in place keeps the previous version in the history.
 */
final class PushTool extends Tool {
    private final MemoryUpserts memories;
    private final Arguments arguments;
    private final Views views;

    PushTool(Listing listing, MemoryUpserts memories, Arguments arguments, Views views) {
        super(listing, new Annotations(false, false, false), "POST /v1/memories", input(), output());
        this.memories = memories;
        this.arguments = arguments;
        this.views = views;
    }

    /** The fields a memory is written with: what push takes, and what update may change. */
    static Schema.Obj fields(Schema.Obj schema) {
        return schema.prop("title", string("A short title.").put("maxLength", MemoryLimits.TITLE_CHARS))
                .prop("summary", string("A one- or two-sentence summary.").put("maxLength", MemoryLimits.SUMMARY_CHARS))
                .prop(
                        "kind",
                        enumeration(
                                "episodic (something that happened), semantic (a fact), procedural "
                                        + "(how to do something) or rationale (why something was decided).",
                                Views.KINDS))
                .prop("stability", enumeration("How likely it is to change.", Views.STABILITIES))
                .prop(
                        "tags",
                        array("Tags to find it by.", string(null).put("maxLength", MemoryLimits.TAG_CHARS))
                                .put("maxItems", MemoryLimits.TAGS))
                .prop(
                        "source",
                        string("Where it came from (an app or tool name).")
                                .put("maxLength", MemoryLimits.SHORT_TEXT_CHARS))
                .prop(
                        "source_agent",
                        string("The agent writing it, e.g. \"claude-code\".")
                                .put("maxLength", MemoryLimits.SHORT_TEXT_CHARS))
                .prop(
                        "source_path",
                        string("The file or path this memory mirrors: unique in its hub, a push to a path "
                                        + "the hub holds updates that memory.")
                                .put("maxLength", MemoryLimits.SOURCE_PATH_CHARS))
                .prop(
                        "session_id",
                        string("The session or conversation this memory was recorded in (your own id for "
                                        + "it): recall reads memories of one session as context for each other.")
                                .put("maxLength", MemoryLimits.SHORT_TEXT_CHARS))
                .prop("metadata", Schema.anyObject("Free-form JSON (at most 16 KB)."))
                .prop(
                        "project_context",
                        Schema.object("Where it was made.")
                                .prop("repo", string(null).put("maxLength", MemoryLimits.SHORT_TEXT_CHARS))
                                .prop("project", string(null).put("maxLength", MemoryLimits.SHORT_TEXT_CHARS))
                                .prop("branch", string(null).put("maxLength", MemoryLimits.SHORT_TEXT_CHARS)))
                .prop(
                        "event_dates",
                        array("Dates it is about (RFC 3339 timestamps or YYYY-MM-DD).", string(null))
                                .put("maxItems", MemoryLimits.EVENT_DATES))
                .prop("pinned", bool("Pinned memories rank higher in recall."))
                .prop("expires_at", string("When it expires (RFC 3339); or expires_in, not both."))
                .prop(
                        "expires_in",
                        string("Expire after this long: 30m, 12h, 7d, 2w (at most 3650d).")
                                .put("pattern", "^[0-9]{1,7}[smhdw]$"));
    }

    private static ObjectNode input() {
        return fields(Schema.object("The memory to save.")
                        .required(
                                "content",
                                string("The text to remember (at most 1 MB).").put("minLength", 1)))
                .prop("hub_id", uuid("The hub to save it in (ids from the hubs tool); default: your personal hub."))
                .build();
    }

    private static ObjectNode output() {
        return Schema.object("What the push did.")
                .required(
                        "created",
                        Schema.bool("True for a new memory; false when a memory at the same "
                                + "source_path was updated in place or was already identical."))
                .required("memory", Views.cardSchema())
                .closed()
                .build();
    }

    @Override
    public McpToolResult call(Caller caller, JsonNode args) {
        MemoryUpserts.Pushed pushed =
                memories.create(caller, arguments.bind(args, MemoryRequests.CreateMemory.class), null);
        ObjectNode result = views.json().createObjectNode();
        result.put("created", pushed.created());
        result.set("memory", views.card(pushed.memory()));
        return new McpToolResult(result);
    }
}
