package dev.memax.server.recall;

import dev.memax.server.embedding.Vectors;
import dev.memax.server.memory.Memory;
import dev.memax.server.memory.MemoryFilter;
import dev.memax.server.memory.MemoryState;
import dev.memax.server.platform.Db;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The SQL of recall. Vectors: cosine distance on {@code embedding::vector(N)} with {@code model = ?},
 * the exact expression and predicate of the embedding package's per-model partial HNSW indexes
 * ({@code … USING hnsw ((embedding::vector(N)) vector_cosine_ops) WHERE model = '<id>'}), so the
 * planner can use them. Full text: the chunks' {@code tsv} column (GIN), ranked by BM25 ({@link Bm25}) from
 * the per-hub statistics the database keeps (migration V4).
 *
 * <p>In default recall (active memories only) a memory a dream merged away (archived with
 * {@code merged_into}, V20) still matches for its survivor: the candidate searches take its chunks
 * too ({@link #searched}), and {@link #score} and {@link #details} count each chunk for the memory
 * it stands for ({@link #STANDS_FOR}), which must pass the filters itself. So a survivor ranks
 * where its best duplicate would have, and the archived row never appears. With archived memories
 * included, every memory stands for itself.
 */
@Singleton
public class RecallRepository {
    /** Websearch syntax the caller meant: a quoted phrase, an explicit OR, or an excluded -term. */
    private static final Pattern WEBSEARCH = Pattern.compile("\"|\\sOR\\s|(^|\\s)-\\w");

    /** The memory chunk row {@code d}'s matches count for: its survivor when a dream merged it away. */
    private static final String STANDS_FOR =
            "CASE WHEN d.state = 'archived' AND d.merged_into IS NOT NULL THEN d.merged_into ELSE d.id END";

    private final Db db;

    public RecallRepository(Db db) {
        this.db = db;
    }

    /** One candidate chunk from one signal; {@code rank} is its 1-based place in that signal's order (0: unranked). */
    public record Hit(UUID chunkId, UUID memoryId, double score, int rank) {}

    /**
     * A candidate chunk with every signal the mode uses and the memory's boost inputs: the chunk's
     * cosine similarity, its memory's views' (the whole memory as the model windows it, and its
     * title; null where the memory has none or no vector is used), and keywordRank, its BM25 score.
     */
    public record Scored(
            UUID chunkId,
            UUID memoryId,
            Double similarity,
            Double memorySimilarity,
            Double titleSimilarity,
            Double keywordRank,
            boolean pinned,
            String stability,
            Instant updatedAt,
            long accessCount,
            UUID hubId) {}

    /** What a result shows of its memory and best chunk. */
    public record Detail(
            UUID chunkId,
            UUID memoryId,
            UUID hubId,
            String title,
            String summary,
            String chunkContent,
            List<String> headingChain,
            String kind,
            String stability,
            String state,
            String source,
            String sourceAgent,
            String sourcePath,
            List<String> tags,
            boolean pinned,
            UUID topicId,
            List<Instant> eventDates,
            Instant createdAt,
            Instant updatedAt,
            List<UUID> derivedFrom) {}

    /**
     * How many chunks of the model the hubs hold, counted no further than {@code cap} (an
     * index-only scan of at most {@code cap} entries), to choose between an exact scan and HNSW.
     */
    public long chunksUpTo(List<UUID> hubIds, String model, int cap) {
        return db.count(
                "SELECT count(*) FROM (SELECT 1 FROM memory_chunks WHERE hub_id = ANY(?::uuid[]) AND model = ? "
                        + "LIMIT ?) t",
                hubIds,
                model,
                cap);
    }

    /**
     * The nearest chunks by cosine distance through the model's HNSW index. Filters are applied
     * while the index is walked; pgvector 0.8's iterative scan keeps walking (up to
     * {@code maxScanTuples}) until {@code k} rows pass them, so a selective filter still gets
     * results. {@code relaxed_order} may return rows slightly out of order: callers re-sort.
     */
    @Transactional
    public List<Hit> nearest(
            MemoryFilter filters,
            String model,
            int dimensions,
            float[] vector,
            int k,
            int efSearch,
            int maxScanTuples) {
        db.one(
                "SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true), "
                        + "set_config('hnsw.ef_search', ?, true), set_config('hnsw.max_scan_tuples', ?, true), "
                        + "set_config('plan_cache_mode', 'force_custom_plan', true)",
                rs -> 1,
                Integer.toString(Math.max(efSearch, k)),
                Integer.toString(maxScanTuples));
        List<Object> args = new java.util.ArrayList<>();
        String literal = Vectors.literal(vector);
        args.add(literal);
        args.add(model);
        String where = searched(filters, args);
        args.add(k);
        String vectorType = "vector(" + dimensions + ")";
        return db.list(
                "SELECT c.id, c.memory_id, c.embedding::" + vectorType + " <=> ?::" + vectorType + " AS distance "
                        + "FROM memory_chunks c JOIN memories m ON m.id = c.memory_id "
                        + "WHERE c.model = ?" + where + " ORDER BY distance LIMIT ?",
                rs -> new Hit(Db.uuid(rs, "id"), Db.uuid(rs, "memory_id"), similarity(rs.getDouble("distance")), 0),
                args.toArray());
    }

    /**
     * The nearest chunks by an exact scan of every chunk that passes the filters: the distance
     * expression deliberately differs from the index's, so the planner reaches the rows through
     * the hub (and tag) indexes instead. Right when the filtered set is small.
     */
    public List<Hit> nearestExact(MemoryFilter filters, String model, float[] vector, int k) {
        List<Object> args = new java.util.ArrayList<>();
        args.add(Vectors.literal(vector));
        args.add(model);
        String where = searched(filters, args);
        args.add(k);
        return db.list(
                "SELECT c.id, c.memory_id, c.embedding <=> ?::vector AS distance "
                        + "FROM memory_chunks c JOIN memories m ON m.id = c.memory_id "
                        + "WHERE c.model = ?" + where + " ORDER BY distance, c.id LIMIT ?",
                rs -> new Hit(Db.uuid(rs, "id"), Db.uuid(rs, "memory_id"), similarity(rs.getDouble("distance")), 0),
                args.toArray());
    }

    /** Folds committed full-text statistics changes into the per-hub tables (migration V4); the change rows folded. */
    @Transactional
    public long foldTextChanges() {
        return db.one("SELECT memax_fold_text_changes()", rs -> rs.getLong(1)).orElse(0L);
    }

    /** A chunk's full-text counts for BM25: its length in lexemes and how often it holds each query lexeme. */
    public record TermCounts(UUID chunkId, UUID memoryId, int length, Map<String, Integer> frequencies) {}

    /**
     * BM25's statistics of the hubs for the query's lexemes: what is folded into
     * {@code hub_lexemes} / {@code hub_text_stats} plus the committed changes not folded yet
     * ({@code hub_text_changes}), so they are exact as of this statement whatever the fold job's pace.
     */
    public Bm25 textStats(List<UUID> hubIds, String query, double k1, double b) {
        Map<String, Long> frequencies = new HashMap<>();
        long[] totals = new long[2];
        db.list(
                "WITH q AS (SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('english', ?))) AS lexeme) "
                        + "SELECT q.lexeme, coalesce((SELECT sum(h.df) FROM hub_lexemes h "
                        + "WHERE h.hub_id = ANY(?::uuid[]) AND h.lexeme = q.lexeme), 0) "
                        + "+ coalesce((SELECT sum(c.df) FROM hub_text_changes c "
                        + "WHERE c.hub_id = ANY(?::uuid[]) AND c.lexeme = q.lexeme), 0) AS df, 0 AS lexemes FROM q "
                        + "UNION ALL SELECT NULL, coalesce((SELECT sum(s.chunks) FROM hub_text_stats s "
                        + "WHERE s.hub_id = ANY(?::uuid[])), 0) + coalesce((SELECT sum(c.df) FROM hub_text_changes c "
                        + "WHERE c.hub_id = ANY(?::uuid[]) AND c.lexeme IS NULL), 0), "
                        + "coalesce((SELECT sum(s.lexemes) FROM hub_text_stats s WHERE s.hub_id = ANY(?::uuid[])), 0) "
                        + "+ coalesce((SELECT sum(c.lexemes) FROM hub_text_changes c "
                        + "WHERE c.hub_id = ANY(?::uuid[]) AND c.lexeme IS NULL), 0)",
                rs -> {
                    String lexeme = rs.getString(1);
                    if (lexeme == null) {
                        totals[0] = rs.getLong(2);
                        totals[1] = rs.getLong(3);
                    } else {
                        frequencies.put(lexeme, rs.getLong(2));
                    }
                    return null;
                },
                query,
                hubIds,
                hubIds,
                hubIds,
                hubIds,
                hubIds,
                hubIds);
        return new Bm25(totals[0], totals[1], frequencies, k1, b);
    }

    /**
     * Up to {@code cap} chunks of the searched hubs that hold any of {@code matchLexemes} (null:
     * that match the query as written, for websearch syntax), with their counts of {@code lexemes}.
     * Term frequencies come from the chunk's tsvector reduced to those lexemes (setweight +
     * ts_filter, in C, instead of unnesting whole vectors).
     *
     * <p>Only filters that narrow the memories are checked here (each match then costs a look-up
     * of its memory); state and expiry are left to {@link #score}, which sees only the few chunks
     * that made a candidate list: archived and expired memories are rare, and probing the memory
     * of every match would cost more than the rest of the search.
     */
    public List<TermCounts> termCounts(
            MemoryFilter filters, String query, Collection<String> lexemes, List<String> matchLexemes, int cap) {
        List<Object> args = new java.util.ArrayList<>();
        args.add(lexemes);
        String match;
        if (matchLexemes == null) {
            match = tsquery(query);
            args.add(query);
        } else {
            match = "?::tsquery";
            args.add(anyOf(matchLexemes));
        }
        String where;
        String from = TERM_COUNTS_FROM;
        if (filters.narrowsMemories()) {
            from += " JOIN memories m ON m.id = c.memory_id";
            where = searched(filters, args);
        } else {
            where = " AND c.hub_id = ANY(?::uuid[])";
            args.add(filters.hubIds());
        }
        args.add(cap);
        return db.list(
                TERM_COUNTS + from + TERM_COUNTS_LATERAL + "c.tsv @@ " + match + where + " LIMIT ?",
                RecallRepository::termCounts,
                args.toArray());
    }

    /** {@link #termCounts} of the given chunks (the vector candidates) that match the query at all. */
    public List<TermCounts> termCountsOf(
            MemoryFilter filters, String query, Collection<String> lexemes, Collection<UUID> chunkIds) {
        List<Object> args = new java.util.ArrayList<>();
        args.add(lexemes);
        args.add(chunkIds);
        args.add(query);
        String where = searched(filters, args);
        return db.list(
                TERM_COUNTS + TERM_COUNTS_FROM + " JOIN memories m ON m.id = c.memory_id" + TERM_COUNTS_LATERAL
                        + "c.id = ANY(?::uuid[]) AND c.tsv @@ " + tsquery(query) + where,
                RecallRepository::termCounts,
                args.toArray());
    }

    private static final String TERM_COUNTS = "SELECT c.id, c.memory_id, length(c.tsv) AS len, f.lexemes, f.tfs ";
    private static final String TERM_COUNTS_FROM = "FROM memory_chunks c";
    private static final String TERM_COUNTS_LATERAL = " CROSS JOIN LATERAL "
            + "(SELECT array_agg(u.lexeme) AS lexemes, array_agg(coalesce(array_length(u.positions, 1), 1)) AS tfs "
            + "FROM unnest(ts_filter(setweight(setweight(c.tsv, 'D'), 'A', ?::text[]), '{a}')) u) f WHERE ";

    private static TermCounts termCounts(ResultSet rs) throws SQLException {
        Map<String, Integer> frequencies = new HashMap<>();
        Array lexemes = rs.getArray("lexemes");
        Array tfs = rs.getArray("tfs");
        if (lexemes != null && tfs != null) {
            Object[] names = (Object[]) lexemes.getArray();
            Object[] counts = (Object[]) tfs.getArray();
            for (int i = 0; i < names.length; i++) {
                frequencies.put((String) names[i], ((Number) counts[i]).intValue());
            }
        }
        return new TermCounts(Db.uuid(rs, "id"), Db.uuid(rs, "memory_id"), rs.getInt("len"), frequencies);
    }

    /** A tsquery matching any of these lexemes (already normalized: the text is cast, not parsed by a configuration). */
    static String anyOf(List<String> lexemes) {
        StringBuilder out = new StringBuilder();
        for (String lexeme : lexemes) {
            if (!out.isEmpty()) {
                out.append(" | ");
            }
            out.append('\'')
                    .append(lexeme.replace("\\", "\\\\").replace("'", "''"))
                    .append('\'');
        }
        return out.toString();
    }

    /** Whether merged-away memories match for their survivors: default recall, active memories only. */
    public static boolean survivorsMatch(MemoryFilter filters) {
        return List.of(MemoryState.ACTIVE).equals(filters.states());
    }

    /**
     * The filters as the candidate searches apply them: in default recall they also take the
     * memories a dream merged away (the other filters checked on that row; {@link #score} checks
     * them all on its survivor).
     */
    private static String searched(MemoryFilter filters, List<Object> args) {
        if (!survivorsMatch(filters)) {
            return filters.and(args);
        }
        return filters.withStates(null).and(args)
                + " AND (m.state = 'active' OR (m.state = 'archived' AND m.merged_into IS NOT NULL))";
    }

    private static String standsFor(MemoryFilter filters) {
        return survivorsMatch(filters) ? STANDS_FOR : "d.id";
    }

    /**
     * The cosine similarity of each given chunk (the union of both candidate lists) when the
     * vector signal is used, the full-text scores already known, and what the boosts need; only
     * chunks that pass the filters (full-text candidates have not had state and expiry checked).
     * A chunk is reported for the memory it stands for ({@link #STANDS_FOR}) with its own
     * memory's views, the match that memory had.
     */
    public List<Scored> score(
            MemoryFilter filters,
            Collection<UUID> chunkIds,
            String model,
            float[] vector,
            Map<UUID, Double> keywordScores) {
        List<Object> args = new ArrayList<>();
        String similarities =
                "NULL::float8 AS similarity, NULL::float8 AS memory_similarity, " + "NULL::float8 AS title_similarity ";
        String views = "";
        if (vector != null) {
            // The memory's views live on its first chunk; a one-chunk memory's view is that chunk. The
            // query vector is sent and parsed once, for the three distances.
            similarities = "CASE WHEN c.model = ? THEN 1 - (c.embedding <=> q.v) END AS similarity, "
                    + "1 - (coalesce(f.memory_embedding, f.embedding) <=> q.v) AS memory_similarity, "
                    + "1 - (f.title_embedding <=> q.v) AS title_similarity ";
            views = "CROSS JOIN (SELECT ?::vector AS v) q "
                    + "LEFT JOIN memory_chunks f ON f.memory_id = c.memory_id AND f.ordinal = 0 AND f.model = ? ";
            args.addAll(List.of(model, Vectors.literal(vector), model));
        }
        args.add(chunkIds);
        String where = filters.and(args);
        return db.list(
                "SELECT c.id, m.id AS memory_id, " + similarities
                        + ", m.pinned, m.stability, m.updated_at, m.access_count, m.hub_id "
                        + "FROM memory_chunks c JOIN memories d ON d.id = c.memory_id JOIN memories m ON m.id = "
                        + standsFor(filters) + " " + views + "WHERE c.id = ANY(?::uuid[])" + where,
                rs -> {
                    UUID id = Db.uuid(rs, "id");
                    return new Scored(
                            id,
                            Db.uuid(rs, "memory_id"),
                            similarity(rs, "similarity"),
                            similarity(rs, "memory_similarity"),
                            similarity(rs, "title_similarity"),
                            keywordScores == null ? null : keywordScores.getOrDefault(id, 0.0),
                            rs.getBoolean("pinned"),
                            rs.getString("stability"),
                            Db.instant(rs, "updated_at"),
                            rs.getLong("access_count"),
                            Db.uuid(rs, "hub_id"));
                },
                args.toArray());
    }

    /** The values of {@code metadata.derived_from} (a dream's summary's sources), read by {@link Memory#citedMemories}. */
    private static final String DERIVED_FROM = "ARRAY(SELECT d FROM jsonb_array_elements_text(CASE WHEN "
            + "jsonb_typeof(m.metadata->'derived_from') = 'array' THEN m.metadata->'derived_from' ELSE '[]' END) d "
            + "WHERE d IS NOT NULL) AS derived_from";

    /**
     * What the results of these chunks show: the memory each stands for under {@code filters}
     * ({@link #score}) and, for a chunk of a merged-away memory, the survivor's first chunk, so no
     * archived text is shown.
     */
    public List<Detail> details(MemoryFilter filters, Collection<UUID> chunkIds) {
        return db.list(
                "SELECT c.id AS chunk_id, coalesce(s.content, c.content) AS chunk_content, "
                        + "CASE WHEN s.id IS NULL THEN c.heading_chain ELSE s.heading_chain END AS heading_chain, "
                        + "m.id, m.hub_id, m.title, m.summary, m.kind, m.stability, m.state, m.source, "
                        + "m.source_agent, m.source_path, m.tags, m.pinned, m.topic_id, m.event_dates, m.created_at, "
                        + "m.updated_at, " + DERIVED_FROM
                        + " FROM memory_chunks c JOIN memories d ON d.id = c.memory_id JOIN memories m ON m.id = "
                        + standsFor(filters)
                        + " LEFT JOIN memory_chunks s ON m.id <> d.id AND s.memory_id = m.id AND s.ordinal = 0"
                        + " WHERE c.id = ANY(?::uuid[])",
                rs -> new Detail(
                        Db.uuid(rs, "chunk_id"),
                        Db.uuid(rs, "id"),
                        Db.uuid(rs, "hub_id"),
                        rs.getString("title"),
                        rs.getString("summary"),
                        rs.getString("chunk_content"),
                        Db.strings(rs, "heading_chain"),
                        rs.getString("kind"),
                        rs.getString("stability"),
                        rs.getString("state"),
                        rs.getString("source"),
                        rs.getString("source_agent"),
                        rs.getString("source_path"),
                        Db.strings(rs, "tags"),
                        rs.getBoolean("pinned"),
                        Db.uuid(rs, "topic_id"),
                        Db.instants(rs, "event_dates"),
                        Db.instant(rs, "created_at"),
                        Db.instant(rs, "updated_at"),
                        Memory.citedMemories(Db.strings(rs, "derived_from"))),
                chunkIds);
    }

    /**
     * Adds recall counts to memories in one statement ({@code access_count += n}, {@code accessed_at}
     * moved forward), ids sorted so concurrent flushes lock rows in the same order.
     */
    public void addAccesses(List<UUID> ids, List<Long> counts, Instant at) {
        db.update(
                "UPDATE memories m SET access_count = m.access_count + u.n, "
                        + "accessed_at = greatest(coalesce(m.accessed_at, ?), ?) "
                        + "FROM unnest(?::uuid[], ?::bigint[]) AS u(id, n) WHERE m.id = u.id",
                at,
                at,
                ids,
                counts.stream().map(String::valueOf).toList());
    }

    /**
     * The tsquery of a recall query. Plain words are OR-ed (any word may match, BM25 rewards
     * the chunks that hold more of the rarer ones), which suits questions and claims; a query written in
     * websearch syntax (a quoted phrase, OR, -term) is taken as the caller wrote it.
     */
    static String tsquery(String query) {
        return websearch(query)
                ? "websearch_to_tsquery('english', ?)"
                : "replace(plainto_tsquery('english', ?)::text, ' & ', ' | ')::tsquery";
    }

    /** Whether the query is written in websearch syntax (a quoted phrase, OR, -term). */
    static boolean websearch(String query) {
        return WEBSEARCH.matcher(query).find();
    }

    /** Cosine similarity from cosine distance, in 0-1 (a zero vector's NaN counts as nothing in common). */
    static double similarity(double distance) {
        double similarity = 1 - distance;
        return Double.isNaN(similarity) ? 0 : Math.max(0, Math.min(1, similarity));
    }

    /** A cosine similarity column, clamped to 0-1 (NaN: a zero vector), or null. */
    private static Double similarity(ResultSet rs, String column) throws SQLException {
        Double value = nullableDouble(rs, column);
        return value == null ? null : (Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value)));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
