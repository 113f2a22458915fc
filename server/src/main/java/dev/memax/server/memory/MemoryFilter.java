package dev.memax.server.memory;

import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Timestamps;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Which memories a listing ({@code GET /v1/memories}) or a recall ({@code POST /v1/recall}, and
 * so {@code ask}) covers, and the one SQL over {@code memories m} that selects them. Every filter
 * narrows; a null (or empty) one does not filter.
 *
 * <p>Creation time is a half-open window: {@code createdAfter} is inclusive (at or after) and
 * {@code createdBefore} exclusive, so adjacent windows ({@code [a, b)}, {@code [b, c)}) neither
 * overlap nor leave a gap, and a bare date ("2026-01-01", its start in UTC) includes that day.
 *
 * @param hubIds         the hubs searched: always ones the caller reads (resolved by the service)
 * @param states         the states allowed; null for any
 * @param includeExpired also memories whose {@code expires_at} has passed
 * @param now            the instant expiry is judged at
 * @param sources        the memory's {@code source} is one of these
 * @param tags           every one of these tags (all-of)
 */
public record MemoryFilter(
        List<UUID> hubIds,
        List<MemoryState> states,
        boolean includeExpired,
        Instant now,
        MemoryKind kind,
        List<String> tags,
        UUID topicId,
        List<String> sources,
        Boolean pinned,
        Instant createdAfter,
        Instant createdBefore) {

    /** This filter over the given hubs. */
    public MemoryFilter withHubs(List<UUID> hubs) {
        return new MemoryFilter(
                hubs, states, includeExpired, now, kind, tags, topicId, sources, pinned, createdAfter, createdBefore);
    }

    /** This filter with other states allowed (null: any). */
    public MemoryFilter withStates(List<MemoryState> allowed) {
        return new MemoryFilter(
                hubIds,
                allowed,
                includeExpired,
                now,
                kind,
                tags,
                topicId,
                sources,
                pinned,
                createdAfter,
                createdBefore);
    }

    /** The WHERE condition (no leading {@code AND}); its arguments are appended to {@code args}. */
    public String where(List<Object> args) {
        StringBuilder sql = new StringBuilder("m.hub_id = ANY(?::uuid[])");
        args.add(hubIds);
        if (states != null) {
            if (states.size() == 1) {
                sql.append(" AND m.state = ?");
                args.add(states.get(0).toString());
            } else {
                sql.append(" AND m.state = ANY(?::text[])");
                args.add(states.stream().map(MemoryState::toString).toList());
            }
        }
        if (!includeExpired) {
            sql.append(" AND (m.expires_at IS NULL OR m.expires_at > ?)");
            args.add(now);
        }
        if (kind != null) {
            sql.append(" AND m.kind = ?");
            args.add(kind.toString());
        }
        if (tags != null && !tags.isEmpty()) {
            sql.append(" AND m.tags @> ?::text[]");
            args.add(tags);
        }
        if (topicId != null) {
            sql.append(" AND ").append(inTopic(topicId, args));
        }
        if (sources != null && !sources.isEmpty()) {
            sql.append(" AND m.source = ANY(?::text[])");
            args.add(sources);
        }
        if (pinned != null) {
            sql.append(" AND m.pinned = ?");
            args.add(pinned);
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

    /**
     * The condition that {@code m} sits in the topic or its subtree (docs/architecture.md §5.13): in
     * any topic linked to it, reached from the topic through children in the topic's own lifecycle
     * state (an active topic covers its active subtree, an archived one the subtree archived with it).
     */
    static String inTopic(UUID topicId, List<Object> args) {
        args.add(topicId);
        // Uncorrelated, so the subtree and its memories are read once, not per candidate row.
        return "m.id IN (SELECT tm.memory_id FROM topic_memories tm WHERE tm.topic_id IN ("
                + "WITH RECURSIVE sub(id, archived) AS ("
                + "SELECT id, archived_at IS NOT NULL FROM topics WHERE id = ? "
                + "UNION ALL SELECT t.id, sub.archived FROM topics t JOIN sub ON t.parent_id = sub.id "
                + "WHERE (t.archived_at IS NOT NULL) = sub.archived) SELECT id FROM sub))";
    }

    /** {@link #where} as a fragment to append to another condition. */
    public String and(List<Object> args) {
        return " AND " + where(args);
    }

    /** Whether anything beyond hubs, state and expiry narrows the memories. */
    public boolean narrowsMemories() {
        return kind != null
                || (tags != null && !tags.isEmpty())
                || topicId != null
                || (sources != null && !sources.isEmpty())
                || pinned != null
                || createdAfter != null
                || createdBefore != null;
    }

    /**
     * The one reader of filter values as clients send them (query parameters or JSON fields):
     * collects every invalid field, so one {@code 422 validation_failed} names them all.
     */
    public static final class Parser {
        private final Map<String, String> errors = new LinkedHashMap<>();

        public void error(String field, String reason) {
            errors.putIfAbsent(field, reason);
        }

        public Map<String, String> errors() {
            return errors;
        }

        /** {@code 422 validation_failed} naming every invalid field, when any was. */
        public void throwIfAny() {
            if (!errors.isEmpty()) {
                throw ApiException.invalidFields(errors);
            }
        }

        public MemoryKind kind(String value, String field) {
            return blank(value) ? null : oneOf(value, field, MemoryKind.values());
        }

        public MemoryState state(String value, String field) {
            return blank(value) ? null : oneOf(value, field, MemoryState.values());
        }

        public UUID uuid(String value, String field) {
            if (blank(value)) {
                return null;
            }
            try {
                return UUID.fromString(value.strip());
            } catch (IllegalArgumentException e) {
                error(field, "must be a UUID");
                return null;
            }
        }

        /** A boolean query parameter on its own: absent is false, anything but true/false is {@code 422}. */
        public static boolean flag(String value, String field) {
            Parser p = new Parser();
            Boolean result = p.bool(value, field);
            p.throwIfAny();
            return Boolean.TRUE.equals(result);
        }

        /** {@code true} or {@code false}; null when absent. */
        public Boolean bool(String value, String field) {
            if (blank(value)) {
                return null;
            }
            return switch (value.strip()) {
                case "true" -> true;
                case "false" -> false;
                default -> {
                    error(field, "must be true or false");
                    yield null;
                }
            };
        }

        /** RFC 3339 (any offset) or a date (its start, UTC), years 0001-9999 ({@link Timestamps}). */
        public Instant time(String value, String field) {
            if (blank(value)) {
                return null;
            }
            try {
                return Timestamps.parse(value);
            } catch (DateTimeParseException e) {
                error(field, "must be " + Timestamps.EXPECTED);
                return null;
            }
        }

        /** A JSON list of words: each stripped, none blank ({@code field[i]}), repeats dropped; null when absent. */
        public List<String> words(List<String> values, String field) {
            if (values == null) {
                return null;
            }
            List<String> words = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                String word = values.get(i) == null ? "" : values.get(i).strip();
                if (word.isEmpty()) {
                    error(field + "[" + i + "]", "must not be blank");
                } else if (!words.contains(word)) {
                    words.add(word);
                }
            }
            return words;
        }

        /** A repeatable query parameter whose values may each be a comma list ({@code tags=a,b&tags=c}). */
        public List<String> commaWords(List<String> values) {
            List<String> words = new ArrayList<>();
            if (values != null) {
                for (String value : values) {
                    for (String word : dev.memax.server.platform.CommaList.items(value)) {
                        if (!words.contains(word)) {
                            words.add(word);
                        }
                    }
                }
            }
            return words;
        }

        private <E extends Enum<E>> E oneOf(String value, String field, E[] values) {
            String wanted = value.strip().toLowerCase(Locale.ROOT);
            for (E e : values) {
                if (e.toString().equals(wanted)) {
                    return e;
                }
            }
            error(
                    field,
                    "must be one of: "
                            + String.join(
                                    ", ",
                                    java.util.Arrays.stream(values)
                                            .map(Object::toString)
                                            .toList()));
            return null;
        }

        static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }
}
