package dev.memax.server.recall;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Ranking and search knobs of recall ({@code memax.recall.*}). The defaults were chosen on
 * SciFact's train queries, LoCoMo and the agent-memory set (docs/benchmarks.md); none needs
 * changing in production.
 *
 * @param candidates         chunks taken from each signal before fusion (vector top-K, full-text top-K)
 * @param exactScanMaxChunks a search whose readable hubs hold at most this many chunks of the model
 *                           is answered by an exact scan instead of the HNSW index
 * @param efSearch           {@code hnsw.ef_search} for the ANN query (at least {@code candidates} is used)
 * @param maxScanTuples      {@code hnsw.max_scan_tuples}: how far an iterative scan may go under a filter
 * @param fusion             {@code blend} (weighted sum of cosine similarity and saturated full-text rank)
 *                           or {@code rrf} (reciprocal rank fusion)
 * @param semanticWeight     weight of the vector signal in the fusion (the full-text one gets the rest)
 * @param rrfK               the k of reciprocal rank fusion
 * @param keywordSaturation  s in bm25 / (bm25 + s): turns a BM25 score into 0-1
 * @param bm25K1             BM25's term-frequency saturation k1
 * @param bm25B              BM25's length normalization b
 * @param keywordMaxMatches  at most this many full-text matches are scored per recall: the rarest query
 *                           lexemes' matches first (see {@code Bm25#matchLexemes})
 * @param recencyWeight      boost of a memory updated just now; halves every {@code recencyHalfLifeDays}
 * @param recencyHalfLifeDays half-life of the recency boost
 * @param pinnedBoost        boost of a pinned memory
 * @param stabilityBoost     boost of a stable memory; a volatile one gets the same as a penalty
 * @param accessWeight       boost of a memory recalled often (log-scaled, full at 1,000 recalls)
 * @param sessionContextWeight how far a memory moves towards a better-scoring neighbour in its session
 *                           ({@code session_id}, {@link RecallRanker}); 0 turns it off
 * @param sessionWindow      neighbours read on each side of a memory in its session; one {@code d} places
 *                           away counts {@code 1/d} of {@code sessionContextWeight}
 * @param sessionExpansion   the session neighbours of the candidates join the ranking even when neither
 *                           search found them (scored by cosine alone, then pulled by the candidate beside them)
 * @param memoryViewWeight   share of the memory-level view in a chunk's cosine similarity ({@link RecallRanker});
 *                           0 ranks chunks alone
 * @param titleWeight        share of the title in the memory-level view (the whole memory gets the rest)
 * @param dateWeight         how far a memory is lifted towards 1 when one of its event dates falls in a
 *                           period the query names ({@link QueryDates}); 0 turns it off
 * @param dateGraceDays      event dates up to this many days after a named period still count
 * @param queryInstruction   text put before a query when it is embedded (bge's retrieval instruction, for
 *                           one); empty: the query is embedded as it is
 * @param activeHubBoost     boost of a memory in the caller's active hub ({@code hub_id} or {@code X-Hub-ID} on
 *                           recall and ask: a ranking hint, as in Memax; every readable hub is still searched)
 */
@ConfigurationProperties("memax.recall")
public record RecallSettings(
        @Bindable(defaultValue = "100") int candidates,
        @Bindable(defaultValue = "2000") int exactScanMaxChunks,
        @Bindable(defaultValue = "100") int efSearch,
        @Bindable(defaultValue = "20000") int maxScanTuples,
        @Bindable(defaultValue = "blend") String fusion,
        @Bindable(defaultValue = "0.75") double semanticWeight,
        @Bindable(defaultValue = "60") int rrfK,
        @Bindable(defaultValue = "8") double keywordSaturation,
        @Bindable(defaultValue = "1.2") double bm25K1,
        @Bindable(defaultValue = "0.3") double bm25B,
        @Bindable(defaultValue = "2000") int keywordMaxMatches,
        @Bindable(defaultValue = "0.02") double recencyWeight,
        @Bindable(defaultValue = "30") double recencyHalfLifeDays,
        @Bindable(defaultValue = "0.05") double pinnedBoost,
        @Bindable(defaultValue = "0.01") double stabilityBoost,
        @Bindable(defaultValue = "0.02") double accessWeight,
        @Bindable(defaultValue = "0.8") double sessionContextWeight,
        @Bindable(defaultValue = "2") int sessionWindow,
        @Bindable(defaultValue = "true") boolean sessionExpansion,
        @Bindable(defaultValue = "0.25") double memoryViewWeight,
        @Bindable(defaultValue = "0.25") double titleWeight,
        @Bindable(defaultValue = "0.3") double dateWeight,
        @Bindable(defaultValue = "7") int dateGraceDays,
        @Bindable(defaultValue = "0.05") double activeHubBoost,
        @Bindable(defaultValue = "") @Nullable String queryInstruction) {

    public boolean rrf() {
        return "rrf".equalsIgnoreCase(fusion);
    }

    /** What is embedded for a query: the query, after {@code queryInstruction} when there is one. */
    public String queryText(String query) {
        return queryInstruction == null || queryInstruction.isBlank() ? query : queryInstruction.strip() + " " + query;
    }
}
