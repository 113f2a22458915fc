package dev.memax.server.recall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a recall may return, as SQL over {@code memories m}: the readable (and requested) hubs,
 * active memories (archived ones too on request), never expired ones, and the optional filters.
 *
 * @param createdAfter  inclusive
 * @param createdBefore exclusive
 */
public record RecallFilters(List<UUID> hubIds, boolean includeArchived, Instant now, String kind, List<String> tags,
                            UUID topicId, List<String> sources, Instant createdAfter, Instant createdBefore) {

    /** A WHERE fragment (starting with {@code AND}) and its arguments, appended to {@code args}. */
    String sql(List<Object> args) {
        StringBuilder sql = new StringBuilder(" AND m.hub_id = ANY(?::uuid[])");
        args.add(hubIds);
        sql.append(includeArchived ? " AND m.state IN ('active', 'archived')" : " AND m.state = 'active'");
        sql.append(" AND (m.expires_at IS NULL OR m.expires_at > ?)");
        args.add(now);
        if (kind != null) {
            sql.append(" AND m.kind = ?");
            args.add(kind);
        }
        if (tags != null && !tags.isEmpty()) {
            sql.append(" AND m.tags @> ?::text[]");
            args.add(tags);
        }
        if (topicId != null) {
            sql.append(" AND m.topic_id = ?");
            args.add(topicId);
        }
        if (sources != null && !sources.isEmpty()) {
            sql.append(" AND m.source = ANY(?::text[])");
            args.add(sources);
        }
        if (createdAfter != null) {
            sql.append(" AND m.created_at >= ?");
            args.add(createdAfter);
        }
        if (createdBefore != null) {
            sql.append(" AND m.created_at < ?");
            args.add(createdBefore);
        }
        return sql.toString();
    }

    /** Whether anything beyond hubs, state and expiry narrows the search. */
    boolean narrowsMemories() {
        return kind != null || (tags != null && !tags.isEmpty()) || topicId != null
                || (sources != null && !sources.isEmpty())
                || createdAfter != null || createdBefore != null;
    }

    static List<Object> newArgs() {
        return new ArrayList<>();
    }
}
