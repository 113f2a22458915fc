package dev.memax.server.recall;

import dev.memax.server.platform.Db;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The SQL of recall. Vectors: cosine distance on {@code embedding::vector(N)} with {@code model = ?},
 * the exact expression and predicate of the embedding package's per-model partial HNSW indexes
 * ({@code … USING hnsw ((embedding::vector(N)) vector_cosine_ops) WHERE model = '<id>'}), so the
 * planner can use them. Full text: the chunks' {@code tsv} column (GIN), ranked by BM25.
 */
@Singleton
public class RecallRepository {
    /** Websearch syntax the caller meant: a quoted phrase, an explicit OR, or an excluded -term. */
    private static final Pattern WEBSEARCH = Pattern.compile("\"|\\sOR\\s|(^|\\s)-\\w");
    private final Db db;

    public RecallRepository(Db db) {
        this.db = db;
    }

    /** One candidate chunk from one signal; {@code rank} is its 1-based place in that signal's order (0: unranked). */
    public record Hit(UUID chunkId, UUID memoryId, double score, int rank) {
    }

    /** A candidate chunk with every signal the mode uses (keywordRank: its BM25 score) and the memory's boost inputs. */
    public record Scored(UUID chunkId, UUID memoryId, Double similarity, Double keywordRank, boolean pinned,
                         String stability, Instant updatedAt, long accessCount) {
    }

    /** What a result shows of its memory and best chunk. */
    public record Detail(UUID chunkId, UUID memoryId, UUID hubId, String title, String summary, String chunkContent,
                         List<String> headingChain, String kind, String stability, String state, String source,
                         String sourceAgent, String sourcePath, List<String> tags, boolean pinned, UUID topicId,
                         List<Instant> eventDates, Instant createdAt, Instant updatedAt) {
    }

    /**
     * How many chunks of the model the hubs hold, counted no further than {@code cap} (an
     * index-only scan of at most {@code cap} entries), to choose between an exact scan and HNSW.
     */
    public long chunksUpTo(List<UUID> hubIds, String model, int cap) {
        return db.count("SELECT count(*) FROM (SELECT 1 FROM memory_chunks WHERE hub_id = ANY(?::uuid[]) AND model = ? "
                + "LIMIT ?) t", hubIds, model, cap);
    }

    /**
     * The nearest chunks by cosine distance through the model's HNSW index. Filters are applied
     * while the index is walked; pgvector 0.8's iterative scan keeps walking (up to
     * {@code maxScanTuples}) until {@code k} rows pass them, so a selective filter still gets
     * results. {@code relaxed_order} may return rows slightly out of order: callers re-sort.
     */
    @Transactional
    public List<Hit> nearest(RecallFilters filters, String model, int dimensions, float[] vector, int k,
                             int efSearch, int maxScanTuples) {
        db.one("SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true), "
                        + "set_config('hnsw.ef_search', ?, true), set_config('hnsw.max_scan_tuples', ?, true), "
                        + "set_config('plan_cache_mode', 'force_custom_plan', true)",
                rs -> 1, Integer.toString(Math.max(efSearch, k)), Integer.toString(maxScanTuples));
        List<Object> args = RecallFilters.newArgs();
        String literal = literal(vector);
        args.add(literal);
        args.add(model);
        String where = filters.sql(args);
        args.add(k);
        String vectorType = "vector(" + dimensions + ")";
        return db.list("SELECT c.id, c.memory_id, c.embedding::" + vectorType + " <=> ?::" + vectorType + " AS distance "
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
    public List<Hit> nearestExact(RecallFilters filters, String model, float[] vector, int k) {
        List<Object> args = RecallFilters.newArgs();
        args.add(literal(vector));
        args.add(model);
        String where = filters.sql(args);
        args.add(k);
        return db.list("SELECT c.id, c.memory_id, c.embedding <=> ?::vector AS distance "
                        + "FROM memory_chunks c JOIN memories m ON m.id = c.memory_id "
                        + "WHERE c.model = ?" + where + " ORDER BY distance, c.id LIMIT ?",
                rs -> new Hit(Db.uuid(rs, "id"), Db.uuid(rs, "memory_id"), similarity(rs.getDouble("distance")), 0),
                args.toArray());
    }

    /**
     * The best chunks by BM25 over full text (any model: the text is the same whatever embedded
     * it), plus the BM25 score of each chunk in {@code alsoScore} that matches at all (the vector
     * candidates, so fusion knows their full-text score too). Returned rows carry their rank in
     * the full-text order; rows beyond {@code k} are only the requested extra ones.
     *
     * <p>PostgreSQL's own ts_rank_cd has no inverse document frequency, which makes common words
     * dominate (nDCG@10 0.30 on SciFact against BM25's 0.66). BM25 needs each query lexeme's
     * document frequency: the OR-query's match set holds every searched chunk containing any
     * query lexeme, so counting within it is exact. Term frequencies come from the chunk's
     * tsvector reduced to the query's lexemes (setweight + ts_filter, in C, instead of unnesting
     * whole vectors); document length is its number of distinct lexemes. {@code corpusSize} is the
     * number of chunks searched (N of the IDF), at least the number matched.
     */
    public List<Hit> keyword(RecallFilters filters, String query, int k, Collection<UUID> alsoScore, long corpusSize,
                             double k1, double b) {
        List<Object> args = RecallFilters.newArgs();
        args.add(query);
        args.add(query);
        String where = filters.sql(args);
        args.add((double) corpusSize);
        args.add(k1);
        args.add(k1);
        args.add(b);
        args.add(b);
        args.add(k);
        args.add(alsoScore);
        return db.list("WITH q AS (SELECT " + tsquery(query) + " AS query, "
                        + "tsvector_to_array(to_tsvector('english', ?)) AS lexemes), "
                        + "matches AS (SELECT c.id, c.memory_id, c.tsv FROM memory_chunks c "
                        + "JOIN memories m ON m.id = c.memory_id, q WHERE c.tsv @@ q.query" + where + "), "
                        + "tf AS (SELECT x.id, x.memory_id, u.lexeme, coalesce(array_length(u.positions, 1), 1) AS tf, "
                        + "length(x.tsv) AS len FROM matches x, q, "
                        + "unnest(ts_filter(setweight(setweight(x.tsv, 'D'), 'A', q.lexemes), '{a}')) u), "
                        + "df AS (SELECT lexeme, count(*) AS df FROM tf GROUP BY lexeme), "
                        + "stats AS (SELECT greatest(?::float8, count(*)) AS n, greatest(avg(length(tsv)), 1) AS avglen "
                        + "FROM matches), "
                        + "scored AS (SELECT tf.id, tf.memory_id, sum(ln(1 + (stats.n - df.df + 0.5) / (df.df + 0.5)) "
                        + "* tf.tf * (?::float8 + 1) / (tf.tf + ?::float8 * (1 - ?::float8 + ?::float8 * tf.len / stats.avglen))) "
                        + "AS score FROM tf JOIN df USING (lexeme), stats GROUP BY tf.id, tf.memory_id), "
                        + "ranked AS (SELECT id, memory_id, score, row_number() OVER (ORDER BY score DESC, id) AS rank "
                        + "FROM scored) "
                        + "SELECT id, memory_id, score, rank FROM ranked WHERE rank <= ? OR id = ANY(?::uuid[])",
                rs -> new Hit(Db.uuid(rs, "id"), Db.uuid(rs, "memory_id"), rs.getDouble("score"), rs.getInt("rank")),
                args.toArray());
    }

    /**
     * The cosine similarity of each given chunk (the union of both candidate lists) when the
     * vector signal is used, the full-text scores already known, and what the boosts need.
     */
    public List<Scored> score(Collection<UUID> chunkIds, String model, float[] vector, Map<UUID, Double> keywordScores) {
        List<Object> args = new ArrayList<>();
        String similarity = "NULL::float8";
        if (vector != null) {
            similarity = "CASE WHEN c.model = ? THEN 1 - (c.embedding <=> ?::vector) END";
            args.add(model);
            args.add(literal(vector));
        }
        args.add(chunkIds);
        return db.list("SELECT c.id, c.memory_id, " + similarity + " AS similarity, "
                        + "m.pinned, m.stability, m.updated_at, m.access_count "
                        + "FROM memory_chunks c JOIN memories m ON m.id = c.memory_id WHERE c.id = ANY(?::uuid[])",
                rs -> {
                    UUID id = Db.uuid(rs, "id");
                    return new Scored(id, Db.uuid(rs, "memory_id"), nullableSimilarity(rs),
                            keywordScores == null ? null : keywordScores.getOrDefault(id, 0.0), rs.getBoolean("pinned"),
                            rs.getString("stability"), Db.instant(rs, "updated_at"), rs.getLong("access_count"));
                },
                args.toArray());
    }

    /** Chunks in each of the hubs (any model), for BM25's N. */
    public Map<UUID, Long> chunkCounts(Collection<UUID> hubIds) {
        Map<UUID, Long> counts = new java.util.HashMap<>();
        db.list("SELECT hub_id, count(*) FROM memory_chunks WHERE hub_id = ANY(?::uuid[]) GROUP BY hub_id",
                rs -> counts.put(Db.uuid(rs, "hub_id"), rs.getLong(2)), hubIds);
        return counts;
    }

    public List<Detail> details(Collection<UUID> chunkIds) {
        return db.list("SELECT c.id AS chunk_id, c.content AS chunk_content, c.heading_chain, m.id, m.hub_id, m.title, "
                        + "m.summary, m.kind, m.stability, m.state, m.source, m.source_agent, m.source_path, m.tags, "
                        + "m.pinned, m.topic_id, m.event_dates, m.created_at, m.updated_at "
                        + "FROM memory_chunks c JOIN memories m ON m.id = c.memory_id WHERE c.id = ANY(?::uuid[])",
                rs -> new Detail(Db.uuid(rs, "chunk_id"), Db.uuid(rs, "id"), Db.uuid(rs, "hub_id"), rs.getString("title"),
                        rs.getString("summary"), rs.getString("chunk_content"), Db.strings(rs, "heading_chain"),
                        rs.getString("kind"), rs.getString("stability"), rs.getString("state"), rs.getString("source"),
                        rs.getString("source_agent"), rs.getString("source_path"), Db.strings(rs, "tags"),
                        rs.getBoolean("pinned"), Db.uuid(rs, "topic_id"), instants(rs, "event_dates"),
                        Db.instant(rs, "created_at"), Db.instant(rs, "updated_at")),
                chunkIds);
    }

    /**
     * Adds recall counts to memories in one statement ({@code access_count += n}, {@code accessed_at}
     * moved forward), ids sorted so concurrent flushes lock rows in the same order.
     */
    public void addAccesses(List<UUID> ids, List<Long> counts, Instant at) {
        db.update("UPDATE memories m SET access_count = m.access_count + u.n, "
                        + "accessed_at = greatest(coalesce(m.accessed_at, ?), ?) "
                        + "FROM unnest(?::uuid[], ?::bigint[]) AS u(id, n) WHERE m.id = u.id",
                at, at, ids, counts.stream().map(String::valueOf).toList());
    }

    /**
     * The tsquery of a recall query. Plain words are OR-ed (any word may match, BM25 rewards
     * the chunks that hold more of the rarer ones), which suits questions and claims; a query written in
     * websearch syntax (a quoted phrase, OR, -term) is taken as the caller wrote it.
     */
    static String tsquery(String query) {
        return WEBSEARCH.matcher(query).find()
                ? "websearch_to_tsquery('english', ?)"
                : "replace(plainto_tsquery('english', ?)::text, ' & ', ' | ')::tsquery";
    }

    /** pgvector's text form, e.g. {@code [0.1,-0.2]}. */
    static String literal(float[] vector) {
        StringBuilder out = new StringBuilder(vector.length * 11 + 2).append('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(vector[i]);
        }
        return out.append(']').toString();
    }

    /** Cosine similarity from cosine distance, in 0-1 (a zero vector's NaN counts as nothing in common). */
    static double similarity(double distance) {
        double similarity = 1 - distance;
        return Double.isNaN(similarity) ? 0 : Math.max(0, Math.min(1, similarity));
    }

    private static Double nullableSimilarity(ResultSet rs) throws SQLException {
        Double value = nullableDouble(rs, "similarity");
        return value == null ? null : (Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value)));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static List<Instant> instants(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        List<Instant> out = new ArrayList<>();
        for (Object value : (Object[]) array.getArray()) {
            if (value instanceof Timestamp timestamp) {
                out.add(timestamp.toInstant());
            } else if (value instanceof java.time.OffsetDateTime odt) {
                out.add(odt.toInstant());
            }
        }
        return out;
    }
}
