package dev.memax.server.recall;

import dev.memax.server.embedding.EmbeddingProvider;
import dev.memax.server.platform.Now;
import io.micronaut.context.ApplicationContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Bench-only access to recall's internals for tuning: the candidates of a query are fetched from
 * the database once (vector top-K and BM25 top-K, both signals for their union), then any
 * number of fusion settings re-rank them in memory with the server's own {@link RecallRanker}.
 * What a setting ranks here is exactly what {@code POST /v1/recall} would answer with it
 * (before the access counts the benchmark itself adds).
 */
public final class RecallTuning {
    private final RecallRepository repository;
    private final EmbeddingProvider embeddings;
    private final RecallSettings defaults;

    public RecallTuning(ApplicationContext context) {
        this.repository = context.getBean(RecallRepository.class);
        this.embeddings = context.getBean(EmbeddingProvider.class);
        this.defaults = context.getBean(RecallSettings.class);
    }

    public RecallSettings defaults() {
        return defaults;
    }

    /** One query's candidates and scores. */
    public record Collected(Map<UUID, Integer> vectorRanks, Map<UUID, Integer> keywordRanks,
                            List<RecallRepository.Scored> scored, Instant now) {
    }

    public Collected collect(List<UUID> hubIds, String query) {
        return collect(hubIds, query, defaults.bm25K1(), defaults.bm25B());
    }

    /** {@link #collect(List, String)} with other BM25 parameters. */
    public Collected collect(List<UUID> hubIds, String query, double k1, double b) {
        Instant now = Now.instant();
        RecallFilters filters = new RecallFilters(hubIds, false, now, null, null, null, null, null, null);
        float[] vector = embeddings.embedQuery(query.strip());
        String model = embeddings.modelId();
        int k = defaults.candidates();
        List<RecallRepository.Hit> vectorHits;
        if (repository.chunksUpTo(hubIds, model, defaults.exactScanMaxChunks() + 1) <= defaults.exactScanMaxChunks()) {
            vectorHits = repository.nearestExact(filters, model, vector, k);
        } else {
            vectorHits = repository.nearest(filters, model, embeddings.dimensions(), vector, k, defaults.efSearch(),
                    defaults.maxScanTuples());
            if (vectorHits.size() < k) {
                vectorHits = repository.nearestExact(filters, model, vector, k);
            }
        }
        List<RecallRepository.Hit> sorted = new ArrayList<>(vectorHits);
        sorted.sort((x, y) -> Double.compare(y.score(), x.score()));
        Map<UUID, Integer> vectorRanks = new LinkedHashMap<>();
        for (RecallRepository.Hit hit : sorted) {
            vectorRanks.putIfAbsent(hit.chunkId(), vectorRanks.size() + 1);
        }
        long corpus = repository.chunkCounts(hubIds).values().stream().mapToLong(Long::longValue).sum();
        Map<UUID, Integer> keywordRanks = new LinkedHashMap<>();
        Map<UUID, Double> keywordScores = new java.util.HashMap<>();
        for (RecallRepository.Hit hit : repository.keyword(filters, query.strip(), k, vectorRanks.keySet(), corpus, k1, b)) {
            keywordScores.put(hit.chunkId(), hit.score());
            if (hit.rank() <= k) {
                keywordRanks.put(hit.chunkId(), hit.rank());
            }
        }
        Set<UUID> union = new LinkedHashSet<>(vectorRanks.keySet());
        union.addAll(keywordRanks.keySet());
        List<RecallRepository.Scored> scored = union.isEmpty() ? List.of()
                : repository.score(union, model, vector, keywordScores);
        return new Collected(vectorRanks, keywordRanks, scored, now);
    }

    /** Memory ids, best first, as recall would rank them with these settings. */
    public static List<UUID> rank(Collected collected, RecallSettings settings, RecallMode mode, int limit) {
        List<RecallRanker.Ranked> ranked = new RecallRanker(settings).rank(mode, collected.scored(),
                collected.vectorRanks(), collected.keywordRanks(), collected.now());
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
        return new RecallSettings(d.candidates(), d.exactScanMaxChunks(), d.efSearch(), d.maxScanTuples(), fusion,
                semanticWeight, rrfK, saturation, d.bm25K1(), d.bm25B(), d.recencyWeight(), d.recencyHalfLifeDays(),
                d.pinnedBoost(), d.stabilityBoost(), d.accessWeight());
    }

    /** pgvector's text form of a vector. */
    public static String literal(float[] vector) {
        return RecallRepository.literal(vector);
    }

}
