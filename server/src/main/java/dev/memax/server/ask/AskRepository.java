package dev.memax.server.ask;

import dev.memax.server.platform.Db;
import jakarta.inject.Singleton;

import java.util.List;

/** SQL of ask: PostgreSQL's own English stemming and stop words, so sentences match as recall's full text does. */
@Singleton
public class AskRepository {
    private final Db db;

    public AskRepository(Db db) {
        this.db = db;
    }

    /**
     * How many of the query's distinct lexemes each sentence holds.
     *
     * @param queryLexemes the query's distinct lexemes (the same for every row)
     */
    record SentenceMatch(int matches, int queryLexemes) {
    }

    /** One {@link SentenceMatch} per sentence, in the sentences' order. */
    List<SentenceMatch> sentenceMatches(String query, List<String> sentences) {
        return db.list("WITH q AS (SELECT coalesce(array_agg(DISTINCT l), '{}') AS lexemes "
                        + "FROM unnest(tsvector_to_array(to_tsvector('english', ?))) AS l) "
                        + "SELECT cardinality(ARRAY(SELECT unnest(tsvector_to_array(to_tsvector('english', s.sentence))) "
                        + "INTERSECT SELECT unnest(q.lexemes))), cardinality(q.lexemes) "
                        + "FROM unnest(?::text[]) WITH ORDINALITY AS s(sentence, ord), q ORDER BY s.ord",
                rs -> new SentenceMatch(rs.getInt(1), rs.getInt(2)), query, sentences);
    }
}
