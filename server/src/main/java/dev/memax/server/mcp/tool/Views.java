package dev.memax.server.mcp.tool;

import static dev.memax.server.mcp.tool.Schema.array;
import static dev.memax.server.mcp.tool.Schema.bool;
import static dev.memax.server.mcp.tool.Schema.enumeration;
import static dev.memax.server.mcp.tool.Schema.integer;
import static dev.memax.server.mcp.tool.Schema.nullable;
import static dev.memax.server.mcp.tool.Schema.number;
import static dev.memax.server.mcp.tool.Schema.string;
import static dev.memax.server.mcp.tool.Schema.timestamp;
import static dev.memax.server.mcp.tool.Schema.uuid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.memory.Memory;
import dev.memax.server.memory.MemoryKind;
import dev.memax.server.memory.MemoryState;
import dev.memax.server.memory.Stability;
import dev.memax.server.platform.Names;
import dev.memax.server.recall.RecallResponse;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/**
 * How memories appear in tool results, sized for a model's context: a card (no content, a short
 * preview) in lists and after writes, the recalled chunk in searches, and the whole content, cut at
 * {@link McpToolSettings#maxContentChars()}, only when one memory is asked for. Values are written
 * by the API's own JSON mapper, so timestamps and enums read exactly as in the REST answers.
 */
@Singleton
final class Views {
    /** Characters of content a card previews. */
    static final int PREVIEW_CHARS = 200;

    static final List<String> KINDS = Names.wire(MemoryKind.values());
    static final List<String> STABILITIES = Names.wire(Stability.values());
    static final List<String> STATES = Names.wire(MemoryState.values());
    private final ObjectMapper json;
    private final int maxContentChars;
    private final String publicUrl;

    Views(
            ObjectMapper json,
            McpToolSettings settings,
            @Value("${memax.public-url:`http://127.0.0.1:8080`}") String publicUrl) {
        this.json = json;
        this.maxContentChars = settings.maxContentChars();
        this.publicUrl =
                publicUrl == null || publicUrl.isBlank() ? "http://127.0.0.1:8080" : publicUrl.replaceAll("/+$", "");
    }

    ObjectMapper json() {
        return json;
    }

    /** The stable link to a memory on this server (its REST resource). */
    String url(UUID memoryId) {
        return publicUrl + "/v1/memories/" + memoryId;
    }

    /** A memory's content, cut at the configured cap (never inside a surrogate pair). */
    record Cut(String text, boolean truncated, int length) {}

    Cut cut(String content) {
        if (content.length() <= maxContentChars) {
            return new Cut(content, false, content.length());
        }
        int end = maxContentChars;
        if (end > 0 && Character.isHighSurrogate(content.charAt(end - 1))) {
            end--;
        }
        return new Cut(content.substring(0, end), true, content.length());
    }

    /** A title to show: the memory's own, else the start of its text (many memories have none). */
    static String displayTitle(String title, String text) {
        if (title != null && !title.isBlank()) {
            return title;
        }
        String flat = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return flat.isEmpty() ? "Untitled memory" : flat.length() <= 80 ? flat : flat.substring(0, 79) + "…";
    }

    /** A memory without its content: what lists and writes answer. */
    ObjectNode card(Memory m) {
        ObjectNode node = common(m);
        String flat = m.content().strip().replaceAll("\\s+", " ");
        node.put("preview", flat.length() <= PREVIEW_CHARS ? flat : flat.substring(0, PREVIEW_CHARS - 1) + "…");
        return node;
    }

    static Schema.Obj cardSchema() {
        return commonSchema("A memory without its content (read it whole with the get tool).")
                .required(
                        "preview",
                        string("The start of the content, whitespace collapsed (at most " + PREVIEW_CHARS
                                + " characters)."));
    }

    /** One whole memory, its content cut at the cap. */
    ObjectNode document(Memory m) {
        ObjectNode node = common(m);
        Cut cut = cut(m.content());
        node.put("content", cut.text());
        node.put("truncated", cut.truncated());
        node.set("metadata", m.metadata() == null ? json.createObjectNode() : m.metadata());
        node.set("project_context", json.valueToTree(m.projectContext()));
        node.set("event_dates", json.valueToTree(m.eventDates()));
        return node;
    }

    static Schema.Obj documentSchema() {
        return commonSchema("One memory with its content.")
                .required("content", string("The content; cut when longer than the server's cap (see truncated)."))
                .required("truncated", bool("True when content was cut: content_length is the full length."))
                .required("metadata", Schema.anyObject("Free-form metadata the writer attached."))
                .required(
                        "project_context",
                        nullable(Schema.object("Where the memory was made.")
                                .required("repo", nullable(string(null)))
                                .required("project", nullable(string(null)))
                                .required("branch", nullable(string(null)))
                                .closed()
                                .build()))
                .required("event_dates", array("Dates the memory is about.", timestamp(null)));
    }

    private ObjectNode common(Memory m) {
        ObjectNode node = json.createObjectNode();
        node.put("id", m.id().toString());
        node.put("hub_id", m.hubId().toString());
        node.put("title", m.title());
        node.put("summary", m.summary());
        node.set("kind", json.valueToTree(m.kind()));
        node.set("stability", json.valueToTree(m.stability()));
        node.set("tags", json.valueToTree(m.tags()));
        node.put("source", m.source());
        node.put("source_agent", m.sourceAgent());
        node.put("source_path", m.sourcePath());
        node.put("session_id", m.sessionId());
        node.put("pinned", m.pinned());
        node.set("state", json.valueToTree(m.state()));
        node.put("version", m.version());
        node.put("content_length", m.content().length());
        node.set("created_at", json.valueToTree(m.createdAt()));
        node.set("updated_at", json.valueToTree(m.updatedAt()));
        node.set("expires_at", json.valueToTree(m.expiresAt()));
        return node;
    }

    private static Schema.Obj commonSchema(String description) {
        return Schema.object(description)
                .required("id", uuid("The memory's id."))
                .required("hub_id", uuid("The hub that holds it."))
                .required("title", string("Its title (may be empty)."))
                .required("summary", nullable(string("A short summary, when one was written.")))
                .required("kind", enumeration("What sort of memory it is.", KINDS))
                .required("stability", enumeration("How likely it is to change.", STABILITIES))
                .required("tags", array("Its tags.", string(null)))
                .required("source", nullable(string("Where it came from (an app, a tool).")))
                .required("source_agent", nullable(string("The agent that wrote it.")))
                .required("source_path", nullable(string("The file or path it mirrors, unique in its hub.")))
                .required("session_id", nullable(string("The session or conversation it was recorded in.")))
                .required("pinned", bool("Pinned memories rank higher in recall."))
                .required("state", enumeration("active, archived, or processing.", STATES))
                .required("version", integer("Its version: 1 when created, one more for each change."))
                .required("content_length", integer("Characters in its whole content."))
                .required("created_at", timestamp(null))
                .required("updated_at", timestamp(null))
                .required("expires_at", nullable(timestamp("When it expires, if ever.")))
                .closed();
    }

    /** A recalled memory: its best-matching chunk, never the whole content. */
    ObjectNode recalled(RecallResponse.Memory r) {
        ObjectNode node = json.createObjectNode();
        node.put("id", r.id().toString());
        node.put("hub_id", r.hubId().toString());
        node.put("title", r.title());
        node.put("summary", r.summary());
        node.put("chunk_content", r.chunkContent());
        node.set("heading_chain", json.valueToTree(r.headingChain()));
        node.put("relevance_score", r.relevanceScore());
        node.put("age", r.age());
        node.put("kind", r.kind());
        node.set("tags", json.valueToTree(r.tags()));
        node.put("source", r.source());
        node.put("source_path", r.sourcePath());
        node.put("pinned", r.pinned());
        node.set("created_at", json.valueToTree(r.createdAt()));
        return node;
    }

    static Schema.Obj recalledSchema() {
        return Schema.object("A memory that matched, with the chunk of it that matched best.")
                .required("id", uuid("The memory's id (read it whole with the get tool)."))
                .required("hub_id", uuid("The hub that holds it."))
                .required("title", string("Its title (may be empty)."))
                .required("summary", nullable(string("A short summary, when one was written.")))
                .required("chunk_content", nullable(string("The passage of the memory that matched best.")))
                .required("heading_chain", nullable(array("The headings above that passage.", string(null))))
                .required("relevance_score", number("0-1; results come best first."))
                .required("age", string("How long ago it was written, e.g. \"3 days ago\"."))
                .required("kind", enumeration("What sort of memory it is.", KINDS))
                .required("tags", array("Its tags.", string(null)))
                .required("source", nullable(string("Where it came from.")))
                .required("source_path", nullable(string("The file or path it mirrors.")))
                .required("pinned", bool("Whether it is pinned."))
                .required("created_at", timestamp(null))
                .closed();
    }
}
