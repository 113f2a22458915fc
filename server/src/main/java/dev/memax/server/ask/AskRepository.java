package dev.memax.server.ask;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/** SQL of ask: PostgreSQL's own English stemming and stop words, so sentences match as recall's full text does. */
@Singleton
public class AskRepository {
    private final Db db;

    public AskRepository(Db db) {
        this.db = db;
    }

    /**
     * The query's lexemes a sentence holds.
     *
     * @param queryLexemes how many distinct lexemes the query has (the same for every row)
     */
    record SentenceMatch(Set<String> matched, int queryLexemes) {}

    /** One {@link SentenceMatch} per sentence, in the sentences' order. */
    List<SentenceMatch> sentenceMatches(String query, List<String> sentences) {
        return db.list(
                "WITH q AS (SELECT coalesce(array_agg(DISTINCT l), '{}') AS lexemes "
                        + "FROM unnest(tsvector_to_array(to_tsvector('english', ?))) AS l) "
                        + "SELECT ARRAY(SELECT unnest(tsvector_to_array(to_tsvector('english', s.sentence))) "
                        + "INTERSECT SELECT unnest(q.lexemes)) AS matched, cardinality(q.lexemes) "
                        + "FROM unnest(?::text[]) WITH ORDINALITY AS s(sentence, ord), q ORDER BY s.ord",
                rs -> new SentenceMatch(Set.copyOf(Db.strings(rs, "matched")), rs.getInt(2)),
                query,
                sentences);
    }
}
