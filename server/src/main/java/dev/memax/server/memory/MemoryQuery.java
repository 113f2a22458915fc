package dev.memax.server.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The filters and order of {@code GET /v1/memories}, turned into SQL over {@code memories m}.
 * Every filter narrows; {@code hubIds} is always the caller's readable hubs (or one of them).
 */
record MemoryQuery(List<UUID> hubIds, MemoryKind kind, UUID topicId, List<String> tags, String source,
                   MemoryState state, Boolean pinned, Instant createdAfter, Instant createdBefore,
                   boolean includeExpired, Instant now, MemorySort sort, String actor) {
    /** The {@code actor} of memories written without an agent. */
    static final String HUMAN = "human";
    /** A memory's actor: its agent's slug, or {@link #HUMAN}. */
    static final String ACTOR = "coalesce(memax_agent_slug(m.source_agent), '" + HUMAN + "')";

    record Sql(String where, String orderBy, Object[] args) {
    }

    Sql count() {
        List<Object> args = new ArrayList<>();
        return new Sql(filters(args, true), "", args.toArray());
    }

    /** Every filter but {@code actor}: what the per-actor counts of a listing are taken over. */
    Sql actorCounts() {
        List<Object> args = new ArrayList<>();
        return new Sql(filters(args, false), "", args.toArray());
    }

    /**
     * The page after the keyset position {@code after} ([timestamp, id], or for {@code relevant}
     * [pinned, access_count, created_at, id]; null from the start).
     */
    Sql page(List<String> after, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(filters(args, true));
        if (sort == MemorySort.RELEVANT) {
            if (after != null) {
                where.append(" AND (m.pinned, m.access_count, m.created_at, m.id) < (?, ?, ?, ?)");
                args.add(Boolean.parseBoolean(after.get(0)));
                args.add(Long.parseLong(after.get(1)));
                args.add(Instant.parse(after.get(2)));
                args.add(UUID.fromString(after.get(3)));
            }
            args.add(limit);
            return new Sql(where.toString(), "m.pinned DESC, m.access_count DESC, m.created_at DESC, m.id DESC",
                    args.toArray());
        }
        String column = sort == MemorySort.UPDATED ? "m.updated_at" : "m.created_at";
        String direction = sort == MemorySort.OLDEST ? "ASC" : "DESC";
        if (after != null) {
            where.append(" AND (").append(column).append(", m.id) ").append(sort == MemorySort.OLDEST ? ">" : "<")
                    .append(" (?, ?)");
            args.add(Instant.parse(after.get(0)));
            args.add(UUID.fromString(after.get(1)));
        }
        args.add(limit);
        return new Sql(where.toString(), column + " " + direction + ", m.id " + direction, args.toArray());
    }

    /** The keyset position of a row in this order. */
    List<String> position(Memory memory) {
        if (sort == MemorySort.RELEVANT) {
            return List.of(Boolean.toString(memory.pinned()), Long.toString(memory.accessCount()),
                    memory.createdAt().toString(), memory.id().toString());
        }
        Instant at = sort == MemorySort.UPDATED ? memory.updatedAt() : memory.createdAt();
        return List.of(at.toString(), memory.id().toString());
    }

    private String filters(List<Object> args, boolean byActor) {
        StringBuilder where = new StringBuilder("m.hub_id = ANY(?::uuid[])");
        args.add(hubIds);
        if (kind != null) {
            where.append(" AND m.kind = ?");
            args.add(kind);
        }
        if (topicId != null) {
            where.append(" AND m.topic_id = ?");
            args.add(topicId);
        }
        if (tags != null && !tags.isEmpty()) {
            where.append(" AND m.tags @> ?::text[]");
            args.add(tags);
        }
        if (source != null) {
            where.append(" AND m.source = ?");
            args.add(source);
        }
        if (state != null) {
            where.append(" AND m.state = ?");
            args.add(state);
        }
        if (pinned != null) {
            where.append(" AND m.pinned = ?");
            args.add(pinned);
        }
        if (createdAfter != null) {
            where.append(" AND m.created_at > ?");
            args.add(createdAfter);
        }
        if (createdBefore != null) {
            where.append(" AND m.created_at < ?");
            args.add(createdBefore);
        }
        if (byActor && actor != null) {
            where.append(" AND ").append(ACTOR).append(" = ?");
            args.add(actor);
        }
        if (!includeExpired) {
            where.append(" AND (m.expires_at IS NULL OR m.expires_at > ?)");
            args.add(now);
        }
        return where.toString();
    }
}
