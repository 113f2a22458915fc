package dev.memax.server.recall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns the candidate chunks into ranked memories: fuse the two signals per chunk, boost by the
 * memory's recency, stability, pinning and recall count, keep each memory's best chunk.
 *
 * <p>Fusion, {@code blend} (default): {@code w·cos + (1-w)·r/(r+s)}, where cos is the cosine
 * similarity of the chunk to the query (0-1) and r its BM25 score; both are absolute (no
 * per-query min-max), so a threshold means the same from one query to the next. {@code rrf}: reciprocal rank fusion
 * {@code w/(k+rank_v) + (1-w)/(k+rank_t)}, scaled so that first in both lists is 1.
 * Single-signal modes use that signal alone (cos, or r/(r+s)).
 *
 * <p>Boosts multiply: {@code score·(1 + recency + pinned ± stability + access)}, each a few
 * percent at most (see {@link RecallSettings}), and the result is capped at 1. They reorder
 * close results, never lift an unrelated one above a clearly relevant one.
 */
public final class RecallRanker {
    private final RecallSettings settings;

    public RecallRanker(RecallSettings settings) {
        this.settings = settings;
    }

    /** A memory's place in the answer: its best chunk and final score. */
    public record Ranked(UUID memoryId, UUID chunkId, double score, double sortKey) {
    }

    /**
     * @param vectorRanks  chunk → 1-based rank in the vector list (for rrf)
     * @param keywordRanks chunk → 1-based rank in the full-text list (for rrf)
     */
    public List<Ranked> rank(RecallMode mode, List<RecallRepository.Scored> candidates, Map<UUID, Integer> vectorRanks,
                             Map<UUID, Integer> keywordRanks, Instant now) {
        Map<UUID, Ranked> best = new HashMap<>();
        for (RecallRepository.Scored chunk : candidates) {
            double base = base(mode, chunk, vectorRanks.get(chunk.chunkId()), keywordRanks.get(chunk.chunkId()));
            double boosted = base * (1 + boost(chunk, now));
            Ranked ranked = new Ranked(chunk.memoryId(), chunk.chunkId(), Math.min(1, boosted), boosted);
            best.merge(chunk.memoryId(), ranked, (a, b) -> b.sortKey() > a.sortKey()
                    || (b.sortKey() == a.sortKey() && b.chunkId().compareTo(a.chunkId()) < 0) ? b : a);
        }
        List<Ranked> out = new ArrayList<>(best.values());
        out.sort(Comparator.comparingDouble(Ranked::sortKey).reversed().thenComparing(Ranked::memoryId));
        return out;
    }

    double base(RecallMode mode, RecallRepository.Scored chunk, Integer vectorRank, Integer keywordRank) {
        double similarity = chunk.similarity() == null ? 0 : chunk.similarity();
        double keyword = keywordScore(chunk.keywordRank());
        return switch (mode) {
            case SEMANTIC -> similarity;
            case KEYWORD -> keyword;
            case HYBRID -> settings.rrf() ? rrf(vectorRank, keywordRank)
                    : settings.semanticWeight() * similarity + (1 - settings.semanticWeight()) * keyword;
        };
    }

    double keywordScore(Double rank) {
        if (rank == null || rank <= 0) {
            return 0;
        }
        return rank / (rank + settings.keywordSaturation());
    }

    private double rrf(Integer vectorRank, Integer keywordRank) {
        double k = settings.rrfK();
        double w = settings.semanticWeight();
        double score = (vectorRank == null ? 0 : w / (k + vectorRank)) + (keywordRank == null ? 0 : (1 - w) / (k + keywordRank));
        return score / (1 / (k + 1));
    }

    /** The sum of the boosts for the chunk's memory (a volatile memory's stability term is negative). */
    double boost(RecallRepository.Scored chunk, Instant now) {
        double boost = 0;
        if (chunk.updatedAt() != null && settings.recencyWeight() > 0) {
            double ageDays = Math.max(0, Duration.between(chunk.updatedAt(), now).toMillis() / 86_400_000.0);
            boost += settings.recencyWeight() * Math.pow(0.5, ageDays / settings.recencyHalfLifeDays());
        }
        if (chunk.pinned()) {
            boost += settings.pinnedBoost();
        }
        if ("stable".equals(chunk.stability())) {
            boost += settings.stabilityBoost();
        } else if ("volatile".equals(chunk.stability())) {
            boost -= settings.stabilityBoost();
        }
        if (chunk.accessCount() > 0) {
            boost += settings.accessWeight() * Math.min(1, Math.log10(1 + chunk.accessCount()) / 3);
        }
        return boost;
    }
}
