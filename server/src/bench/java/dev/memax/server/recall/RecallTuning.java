package dev.memax.server.recall;

import dev.memax.server.embedding.Vectors;
import dev.memax.server.embedding.EmbeddingProvider;
import dev.memax.server.platform.Now;
import io.micronaut.context.ApplicationContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bench-only access to recall's internals for tuning: the candidates of a query are fetched from
 * the database once, exactly as recall fetches them (vector top-K and BM25 top-K, both signals
 * for their union), then any
 * number of fusion settings re-rank them in memory with the server's own {@link RecallRanker}.
 * What a setting ranks here is exactly what {@code POST /v1/recall} would answer with it
 * (before the access counts the benchmark itself adds).
 */
public final class RecallTuning {
    private final RecallService service;
    private final EmbeddingProvider embeddings;
    private final RecallSettings defaults;

    public RecallTuning(ApplicationContext context) {
        this.service = context.getBean(RecallService.class);
        this.embeddings = context.getBean(EmbeddingProvider.class);
        this.defaults = context.getBean(RecallSettings.class);
    }

    public RecallSettings defaults() {
        return defaults;
    }

    /** One query's candidates and scores. */
    public record Collected(Map<UUID, Integer> vectorRanks, Map<UUID, Integer> keywordRanks,
                            List<RecallRepository.Scored> scored, Map<UUID, RecallContext.Context> contexts,
                            List<QueryDates.Period> periods, Instant now) {
    }

    public Collected collect(List<UUID> hubIds, String query) {
        return collect(hubIds, query, defaults.bm25K1(), defaults.bm25B());
    }

    /** {@link #collect(List, String)} with other BM25 parameters. */
    public Collected collect(List<UUID> hubIds, String query, double k1, double b) {
        Instant now = Now.instant();
        RecallFilters filters = new RecallFilters(hubIds, false, now, null, null, null, null, null, null);
        float[] vector = embeddings.embedQuery(query.strip());
        RecallService.Candidates candidates = service.candidates(RecallMode.HYBRID, filters, query.strip(), vector,
                defaults.candidates(), k1, b);
        return new Collected(candidates.vectorRanks(), candidates.keywordRanks(), candidates.scored(),
                candidates.contexts(), candidates.periods(), now);
    }

    /** Memory ids, best first, as recall would rank them with these settings. */
    public static List<UUID> rank(Collected collected, RecallSettings settings, RecallMode mode, int limit) {
        List<RecallRanker.Ranked> ranked = new RecallRanker(settings).rank(mode, collected.scored(),
                collected.vectorRanks(), collected.keywordRanks(), collected.contexts(), collected.periods(),
                collected.now(), null);
        List<UUID> out = new ArrayList<>();
        for (RecallRanker.Ranked r : ranked) {
            if (out.size() == limit) {
                break;
            }
            if (r.score() > 0) {
                out.add(r.memoryId());
            }
        }
        return out;
    }

    /** The defaults with the fusion knobs replaced. */
    public static RecallSettings with(RecallSettings d, String fusion, double semanticWeight, int rrfK, double saturation) {
        return with(d, fusion, semanticWeight, rrfK, saturation, d.sessionContextWeight(), d.dateWeight());
    }

    /** The defaults with the fusion knobs and the context and date lifts replaced. */
    public static RecallSettings with(RecallSettings d, String fusion, double semanticWeight, int rrfK, double saturation,
                                      double sessionContextWeight, double dateWeight) {
        return new RecallSettings(d.candidates(), d.exactScanMaxChunks(), d.efSearch(), d.maxScanTuples(), fusion,
                semanticWeight, rrfK, saturation, d.bm25K1(), d.bm25B(), d.keywordMaxMatches(), d.recencyWeight(), d.recencyHalfLifeDays(),
                d.pinnedBoost(), d.stabilityBoost(), d.accessWeight(), sessionContextWeight, d.memoryViewWeight(),
                d.titleWeight(), dateWeight, d.dateGraceDays(),
                d.activeHubBoost());
    }

    /** pgvector's text form of a vector. */
    public static String literal(float[] vector) {
        return Vectors.literal(vector);
    }

}
