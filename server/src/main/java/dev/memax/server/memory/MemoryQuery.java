package dev.memax.server.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The filters and order of {@code GET /v1/memories}, turned into SQL over {@code memories m}.
 * The filters are the {@link MemoryFilter} recall uses too; the order, the keyset and {@code actor} are the listing's.
 */
record MemoryQuery(MemoryFilter filter, MemorySort sort, String actor) {
    /** The {@code actor} of memories written without an agent. */
    static final String HUMAN = "human";
    /** A memory's actor: its agent's slug, or {@link #HUMAN}. */
    static final String ACTOR = "coalesce(memax_agent_slug(m.source_agent), '" + HUMAN + "')";

    record Sql(String where, String orderBy, Object[] args) {}

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
            return new Sql(
                    where.toString(),
                    "m.pinned DESC, m.access_count DESC, m.created_at DESC, m.id DESC",
                    args.toArray());
        }
        String column = sort == MemorySort.UPDATED ? "m.updated_at" : "m.created_at";
        String direction = sort == MemorySort.OLDEST ? "ASC" : "DESC";
        if (after != null) {
            where.append(" AND (")
                    .append(column)
                    .append(", m.id) ")
                    .append(sort == MemorySort.OLDEST ? ">" : "<")
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
            return List.of(
                    Boolean.toString(memory.pinned()),
                    Long.toString(memory.accessCount()),
                    memory.createdAt().toString(),
                    memory.id().toString());
        }
        Instant at = sort == MemorySort.UPDATED ? memory.updatedAt() : memory.createdAt();
        return List.of(at.toString(), memory.id().toString());
    }

    private String filters(List<Object> args, boolean byActor) {
        StringBuilder where = new StringBuilder(filter.where(args));
        if (byActor && actor != null) {
            where.append(" AND ").append(ACTOR).append(" = ?");
            args.add(actor);
        }
        return where.toString();
    }
}
