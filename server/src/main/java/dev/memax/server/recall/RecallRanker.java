package dev.memax.server.recall;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * similarity (0-1) of the chunk seen with its memory, {@code (1-v)·chunk + v·view}, the view being
 * the memory as a whole ({@code (1-t)·memory + t·title}: the whole memory as the model windows it,
 * and its title; v {@code memoryViewWeight}, t {@code titleWeight}), so that a later chunk,
 * which carries no title, does not win a place on its own; and r is the chunk's BM25 score. Both are absolute (no
 * per-query min-max), so a threshold means the same from one query to the next. {@code rrf}: reciprocal rank fusion
 * {@code w/(k+rank_v) + (1-w)/(k+rank_t)}, scaled so that first in both lists is 1.
 * Single-signal modes use that signal alone (cos, or r/(r+s)).
 *
 * <p>Two lifts follow, each keeping the score in 0-1:
 * <ul>
 * <li>session context: a memory whose neighbour in its session (the memory of the same
 * {@code session_id} created just before or after it, see {@link RecallContext}) scores better
 * moves towards it, {@code base + c·max(0, n - base)}, n the best neighbour's own base score (its
 * fused score when it is a candidate, else its cosine term alone), c {@code sessionContextWeight}:
 * a neighbour can pull a memory up to its own level, never past it;</li>
 * <li>dates: when the query names a day, a month or a year ({@link QueryDates}), a memory with an
 * event date in that period, or up to {@code dateGraceDays} after it (events are often recorded
 * a little after they happen), moves towards 1: {@code base + dateWeight·(1 - base)}.</li>
 * </ul>
 * Memories outside sessions and without event dates keep their fused score.
 *
 * <p>Boosts multiply: {@code score·(1 + recency + pinned ± stability + access + active hub)}, each a few
 * percent at most (see {@link RecallSettings}), and the result is capped at 1. They reorder
 * close results, never lift an unrelated one above a clearly relevant one.
 */
public final class RecallRanker {
    private final RecallSettings settings;

    public RecallRanker(RecallSettings settings) {
        this.settings = settings;
    }

    /** A memory's place in the answer: its best chunk and final score. */
    public record Ranked(UUID memoryId, UUID chunkId, double score, double sortKey) {}

    /**
     * @param vectorRanks  chunk → 1-based rank in the vector list (for rrf)
     * @param keywordRanks chunk → 1-based rank in the full-text list (for rrf)
     * @param contexts     candidate memory → its event dates and session neighbours ({@link RecallContext})
     * @param periods      the periods the query names ({@link QueryDates})
     * @param activeHub    the caller's active hub (a ranking hint), or null
     */
    public List<Ranked> rank(
            RecallMode mode,
            List<RecallRepository.Scored> candidates,
            Map<UUID, Integer> vectorRanks,
            Map<UUID, Integer> keywordRanks,
            Map<UUID, RecallContext.Context> contexts,
            List<QueryDates.Period> periods,
            Instant now,
            UUID activeHub) {
        Map<UUID, Double> bases = new HashMap<>();
        Map<UUID, Double> memoryBases = new HashMap<>();
        for (RecallRepository.Scored chunk : candidates) {
            double base = base(mode, chunk, vectorRanks.get(chunk.chunkId()), keywordRanks.get(chunk.chunkId()));
            bases.put(chunk.chunkId(), base);
            memoryBases.merge(chunk.memoryId(), base, Math::max);
        }
        Map<UUID, Ranked> best = new HashMap<>();
        for (RecallRepository.Scored chunk : candidates) {
            double base = bases.get(chunk.chunkId());
            RecallContext.Context context = contexts.getOrDefault(chunk.memoryId(), RecallContext.Context.NONE);
            base += settings.sessionContextWeight() * neighborPull(mode, base, context.neighbors(), memoryBases);
            if (inPeriod(context.eventDates(), periods)) {
                base += settings.dateWeight() * (1 - base);
            }
            double boosted = base * (1 + boost(chunk, now, activeHub));
            Ranked ranked = new Ranked(chunk.memoryId(), chunk.chunkId(), Math.min(1, boosted), boosted);
            best.merge(
                    chunk.memoryId(),
                    ranked,
                    (a, b) -> b.sortKey() > a.sortKey()
                                    || (b.sortKey() == a.sortKey()
                                            && b.chunkId().compareTo(a.chunkId()) < 0)
                            ? b
                            : a);
        }
        List<Ranked> out = new ArrayList<>(best.values());
        out.sort(Comparator.comparingDouble(Ranked::sortKey).reversed().thenComparing(Ranked::memoryId));
        return out;
    }

    double base(RecallMode mode, RecallRepository.Scored chunk, Integer vectorRank, Integer keywordRank) {
        double similarity = similarity(chunk);
        double keyword = keywordScore(chunk.keywordRank());
        return switch (mode) {
            case SEMANTIC -> similarity;
            case KEYWORD -> keyword;
            case HYBRID ->
                settings.rrf()
                        ? rrf(vectorRank, keywordRank)
                        : settings.semanticWeight() * similarity + (1 - settings.semanticWeight()) * keyword;
        };
    }

    /** The chunk's cosine similarity seen with its memory: {@code (1-v)·chunk + v·view} (0 without a vector). */
    double similarity(RecallRepository.Scored chunk) {
        if (chunk.similarity() == null) {
            return 0;
        }
        double chunkSimilarity = chunk.similarity();
        double view = chunk.memorySimilarity() == null ? chunkSimilarity : chunk.memorySimilarity();
        if (chunk.titleSimilarity() != null) {
            view = (1 - settings.titleWeight()) * view + settings.titleWeight() * chunk.titleSimilarity();
        }
        return (1 - settings.memoryViewWeight()) * chunkSimilarity + settings.memoryViewWeight() * view;
    }

    /**
     * How far the session's neighbours pull a memory scoring {@code base}: the largest
     * {@code max(0, n - base) / d} over its neighbours, n a neighbour's base score (as a candidate if it
     * is one, else by its cosine alone) and d how many places away it was recorded.
     */
    double neighborPull(
            RecallMode mode, double base, List<RecallContext.Neighbor> neighbors, Map<UUID, Double> memoryBases) {
        double pull = 0;
        for (RecallContext.Neighbor neighbor : neighbors) {
            if (neighbor.distance() > settings.sessionWindow()) {
                continue; // loaded for a wider window than these settings read (the bench compares windows)
            }
            Double known = memoryBases.get(neighbor.memoryId());
            double score = known != null
                    ? known
                    : base(
                            mode,
                            new RecallRepository.Scored(
                                    neighbor.chunkId(),
                                    neighbor.memoryId(),
                                    neighbor.similarity(),
                                    null,
                                    null,
                                    null,
                                    false,
                                    null,
                                    null,
                                    0,
                                    null),
                            null,
                            null);
            pull = Math.max(pull, Math.max(0, score - base) / neighbor.distance());
        }
        return pull;
    }

    /** Whether an event date falls in one of the periods (or within the grace days after its end), in UTC days. */
    boolean inPeriod(List<Instant> eventDates, List<QueryDates.Period> periods) {
        for (Instant date : eventDates) {
            LocalDate day = date.atZone(ZoneOffset.UTC).toLocalDate();
            for (QueryDates.Period period : periods) {
                if (!day.isBefore(period.first()) && !day.isAfter(period.last().plusDays(settings.dateGraceDays()))) {
                    return true;
                }
            }
        }
        return false;
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
        double score = (vectorRank == null ? 0 : w / (k + vectorRank))
                + (keywordRank == null ? 0 : (1 - w) / (k + keywordRank));
        return score / (1 / (k + 1));
    }

    /** The sum of the boosts for the chunk's memory (a volatile memory's stability term is negative). */
    double boost(RecallRepository.Scored chunk, Instant now, UUID activeHub) {
        double boost = 0;
        if (activeHub != null && activeHub.equals(chunk.hubId())) {
            boost += settings.activeHubBoost();
        }
        if (chunk.updatedAt() != null && settings.recencyWeight() > 0) {
            double ageDays =
                    Math.max(0, Duration.between(chunk.updatedAt(), now).toMillis() / 86_400_000.0);
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
