package dev.memax.server.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The fields of a memory a client can change, already validated: what a create starts from,
 * and what an update changes. {@link #diff} gives the history's {@code {field: {from, to}}}.
 */
final class MemoryFields {
    String title = "";
    String content;
    String summary = "";
    MemoryKind kind = MemoryKind.SEMANTIC;
    Stability stability = Stability.EVOLVING;
    List<String> tags = List.of();
    String source;
    String sourceAgent;
    String sourcePath;
    /** The session the memory was recorded in: {@code session_id}, else {@code metadata.session_id} (see {@link MemoryInput}). */
    String sessionId;

    JsonNode metadata;
    ProjectContext projectContext;
    List<Instant> eventDates = List.of();
    boolean pinned;
    MemoryState state = MemoryState.ACTIVE;
    UUID topicId;
    Instant expiresAt;

    static MemoryFields of(Memory memory) {
        MemoryFields f = new MemoryFields();
        f.title = memory.title();
        f.content = memory.content();
        f.summary = memory.summary();
        f.kind = memory.kind();
        f.stability = memory.stability();
        f.tags = memory.tags();
        f.source = memory.source();
        f.sourceAgent = memory.sourceAgent();
        f.sourcePath = memory.sourcePath();
        f.sessionId = memory.sessionId();
        f.metadata = memory.metadata();
        f.projectContext = memory.projectContext();
        f.eventDates = memory.eventDates();
        f.pinned = memory.pinned();
        f.state = memory.state();
        f.topicId = memory.topicId();
        f.expiresAt = memory.expiresAt();
        return f;
    }

    MemoryFields copy() {
        MemoryFields f = new MemoryFields();
        f.title = title;
        f.content = content;
        f.summary = summary;
        f.kind = kind;
        f.stability = stability;
        f.tags = tags;
        f.source = source;
        f.sourceAgent = sourceAgent;
        f.sourcePath = sourcePath;
        f.sessionId = sessionId;
        f.metadata = metadata;
        f.projectContext = projectContext;
        f.eventDates = eventDates;
        f.pinned = pinned;
        f.state = state;
        f.topicId = topicId;
        f.expiresAt = expiresAt;
        return f;
    }

    /** Whether the chunks (and so the vectors) depend on a field that differs: content and title. */
    boolean needsReembedding(MemoryFields before) {
        return !Objects.equals(content, before.content) || !Objects.equals(title, before.title);
    }

    /** {@code {field: {from, to}}} for every field that differs from {@code before}, in wire names. */
    ObjectNode diff(MemoryFields before, ObjectMapper json) {
        ObjectNode changes = json.createObjectNode();
        change(changes, json, "title", before.title, title);
        change(changes, json, "content", before.content, content);
        change(changes, json, "summary", before.summary, summary);
        change(changes, json, "kind", before.kind, kind);
        change(changes, json, "stability", before.stability, stability);
        change(changes, json, "tags", before.tags, tags);
        change(changes, json, "source", before.source, source);
        change(changes, json, "source_agent", before.sourceAgent, sourceAgent);
        change(changes, json, "source_path", before.sourcePath, sourcePath);
        change(changes, json, "session_id", before.sessionId, sessionId);
        change(changes, json, "metadata", before.metadata, metadata);
        change(changes, json, "project_context", before.projectContext, projectContext);
        change(changes, json, "event_dates", before.eventDates, eventDates);
        change(changes, json, "pinned", before.pinned, pinned);
        change(changes, json, "state", before.state, state);
        change(changes, json, "topic_id", before.topicId, topicId);
        change(changes, json, "expires_at", before.expiresAt, expiresAt);
        return changes;
    }

    private static void change(ObjectNode changes, ObjectMapper json, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            ObjectNode change = changes.putObject(field);
            change.set("from", json.valueToTree(from));
            change.set("to", json.valueToTree(to));
        }
    }
}
