package dev.memax.server.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The ranker's fusion of the vector and full-text signals, its choice of each memory's best chunk,
 * its tie-breaks and its boosts, on hand-made candidates (no database, no server).
 */
class RecallFusionTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final double EPS = 1e-12;

    /** Settings with every lift and boost off unless given: fusion, semantic weight 0.75, rrf k 60, saturation 8. */
    private static RecallSettings settings(
            String fusion,
            double recency,
            double pinned,
            double stability,
            double access,
            double sessionContext,
            double date,
            double activeHub) {
        return new RecallSettings(
                100,
                2000,
                100,
                20000,
                fusion,
                0.75,
                60,
                8,
                1.2,
                0.3,
                2000,
                recency,
                30,
                pinned,
                stability,
                access,
                sessionContext,
                2,
                true,
                0,
                0,
                date,
                7,
                activeHub,
                "");
    }

    private static RecallRanker plain(String fusion) {
        return new RecallRanker(settings(fusion, 0, 0, 0, 0, 0, 0, 0));
    }

    private static RecallRepository.Scored chunk(UUID chunk, UUID memory, Double similarity, Double keyword) {
        return new RecallRepository.Scored(
                chunk, memory, similarity, null, null, keyword, false, "evolving", null, 0, null);
    }

    private static RecallRepository.Scored chunk(UUID memory, Double similarity, Double keyword) {
        return chunk(UUID.randomUUID(), memory, similarity, keyword);
    }

    private static RecallRepository.Scored boosted(
            double similarity, boolean pinned, String stability, Instant updatedAt, long accessCount) {
        return new RecallRepository.Scored(
                UUID.randomUUID(),
                UUID.randomUUID(),
                similarity,
                null,
                null,
                0.0,
                pinned,
                stability,
                updatedAt,
                accessCount,
                null);
    }

    private static List<RecallRanker.Ranked> rank(
            RecallRanker ranker,
            RecallMode mode,
            List<RecallRepository.Scored> chunks,
            Map<UUID, Integer> vectorRanks,
            Map<UUID, Integer> keywordRanks) {
        return ranker.rank(mode, chunks, vectorRanks, keywordRanks, Map.of(), List.of(), NOW, null);
    }

    @Test
    void blendWeighsCosineAgainstTheSaturatedBm25Score() {
        UUID memory = UUID.randomUUID();
        List<RecallRanker.Ranked> ranked =
                rank(plain("blend"), RecallMode.HYBRID, List.of(chunk(memory, 0.8, 8.0)), Map.of(), Map.of());
        // 0.75 · 0.8 + 0.25 · 8 / (8 + 8)
        assertThat(ranked.get(0).score()).isCloseTo(0.75 * 0.8 + 0.25 * 0.5, offset(EPS));
    }

    @Test
    void theKeywordScoreSaturatesTowardsOneAndIsZeroWithoutAMatch() {
        RecallRanker ranker = plain("blend");
        assertThat(ranker.keywordScore(null)).isZero();
        assertThat(ranker.keywordScore(0.0)).isZero();
        assertThat(ranker.keywordScore(-3.0)).isZero();
        assertThat(ranker.keywordScore(8.0)).isCloseTo(0.5, offset(EPS));
        assertThat(ranker.keywordScore(24.0)).isCloseTo(0.75, offset(EPS));
        assertThat(ranker.keywordScore(1e9)).isLessThan(1).isGreaterThan(0.999);
    }

    @Test
    void eachSingleSignalModeReadsOnlyItsSignal() {
        RecallRanker ranker = plain("blend");
        UUID lexical = UUID.randomUUID();
        UUID semantic = UUID.randomUUID();
        List<RecallRepository.Scored> chunks = List.of(chunk(lexical, 0.2, 40.0), chunk(semantic, 0.9, null));
        List<RecallRanker.Ranked> byMeaning = rank(ranker, RecallMode.SEMANTIC, chunks, Map.of(), Map.of());
        assertThat(byMeaning).extracting(RecallRanker.Ranked::memoryId).containsExactly(semantic, lexical);
        assertThat(byMeaning.get(0).score()).isCloseTo(0.9, offset(EPS));
        assertThat(byMeaning.get(1).score()).isCloseTo(0.2, offset(EPS));
        List<RecallRanker.Ranked> byWords = rank(ranker, RecallMode.KEYWORD, chunks, Map.of(), Map.of());
        assertThat(byWords).extracting(RecallRanker.Ranked::memoryId).containsExactly(lexical, semantic);
        assertThat(byWords.get(0).score()).isCloseTo(40.0 / 48, offset(EPS));
        assertThat(byWords.get(1).score()).isZero();
    }

    @Test
    void aChunkWithoutAVectorHasNoSimilarity() {
        UUID memory = UUID.randomUUID();
        List<RecallRanker.Ranked> ranked =
                rank(plain("blend"), RecallMode.HYBRID, List.of(chunk(memory, null, 8.0)), Map.of(), Map.of());
        assertThat(ranked.get(0).score()).isCloseTo(0.25 * 0.5, offset(EPS));
    }

    @Test
    void rrfScoresFirstInBothListsAsOneAndReadsOnlyRanks() {
        RecallRanker ranker = plain("rrf");
        UUID both = UUID.randomUUID();
        UUID vectorOnly = UUID.randomUUID();
        UUID keywordOnly = UUID.randomUUID();
        UUID neither = UUID.randomUUID();
        UUID c1 = UUID.randomUUID();
        UUID c2 = UUID.randomUUID();
        UUID c3 = UUID.randomUUID();
        UUID c4 = UUID.randomUUID();
        // the scores say the opposite of the ranks: rrf must ignore them
        List<RecallRepository.Scored> chunks = List.of(
                chunk(c1, both, 0.1, 0.1),
                chunk(c2, vectorOnly, 0.99, 99.0),
                chunk(c3, keywordOnly, 0.99, 99.0),
                chunk(c4, neither, 0.99, 99.0));
        List<RecallRanker.Ranked> ranked =
                rank(ranker, RecallMode.HYBRID, chunks, Map.of(c1, 1, c2, 2), Map.of(c1, 1, c3, 1));
        assertThat(ranked)
                .extracting(RecallRanker.Ranked::memoryId)
                .containsExactly(both, vectorOnly, keywordOnly, neither);
        assertThat(ranked.get(0).score()).isCloseTo(1.0, offset(EPS));
        assertThat(ranked.get(1).score()).isCloseTo(0.75 * 61 / 62, offset(EPS));
        assertThat(ranked.get(2).score()).isCloseTo(0.25, offset(EPS));
        assertThat(ranked.get(3).score()).isZero();
    }

    @Test
    void theFusionSettingIsReadWithoutRegardToCase() {
        assertThat(settings("RRF", 0, 0, 0, 0, 0, 0, 0).rrf()).isTrue();
        assertThat(settings("blend", 0, 0, 0, 0, 0, 0, 0).rrf()).isFalse();
        assertThat(settings("anything else", 0, 0, 0, 0, 0, 0, 0).rrf()).isFalse();
    }

    @Test
    void aMemoryAppearsOnceWithItsBestChunk() {
        UUID memory = UUID.randomUUID();
        UUID weak = UUID.randomUUID();
        UUID strong = UUID.randomUUID();
        List<RecallRanker.Ranked> ranked = rank(
                plain("blend"),
                RecallMode.SEMANTIC,
                List.of(chunk(weak, memory, 0.3, null), chunk(strong, memory, 0.7, null), chunk(memory, 0.5, null)),
                Map.of(),
                Map.of());
        assertThat(ranked).hasSize(1);
        assertThat(ranked.get(0).chunkId()).isEqualTo(strong);
        assertThat(ranked.get(0).score()).isCloseTo(0.7, offset(EPS));
    }

    @Test
    void tiesAreBrokenByIdSoTheOrderIsStable() {
        UUID memory = UUID.randomUUID();
        UUID low = new UUID(0, 1);
        UUID high = new UUID(0, 2);
        for (List<RecallRepository.Scored> order : List.of(
                List.of(chunk(high, memory, 0.5, null), chunk(low, memory, 0.5, null)),
                List.of(chunk(low, memory, 0.5, null), chunk(high, memory, 0.5, null)))) {
            assertThat(rank(plain("blend"), RecallMode.SEMANTIC, order, Map.of(), Map.of())
                            .get(0)
                            .chunkId())
                    .isEqualTo(low);
        }
        UUID first = new UUID(0, 10);
        UUID second = new UUID(0, 20);
        UUID third = new UUID(0, 30);
        List<RecallRanker.Ranked> ranked = rank(
                plain("blend"),
                RecallMode.SEMANTIC,
                List.of(chunk(third, 0.5, null), chunk(first, 0.5, null), chunk(second, 0.5, null)),
                Map.of(),
                Map.of());
        assertThat(ranked).extracting(RecallRanker.Ranked::memoryId).containsExactly(first, second, third);
    }

    @Test
    void recencyHalvesEveryHalfLifeAndAFutureUpdateCountsAsNow() {
        RecallRanker ranker = new RecallRanker(settings("blend", 0.02, 0, 0, 0, 0, 0, 0));
        assertThat(ranker.boost(boosted(0.5, false, "evolving", NOW, 0), NOW, null))
                .isCloseTo(0.02, offset(EPS));
        assertThat(ranker.boost(boosted(0.5, false, "evolving", NOW.minus(Duration.ofDays(30)), 0), NOW, null))
                .isCloseTo(0.01, offset(EPS));
        assertThat(ranker.boost(boosted(0.5, false, "evolving", NOW.minus(Duration.ofDays(60)), 0), NOW, null))
                .isCloseTo(0.005, offset(EPS));
        assertThat(ranker.boost(boosted(0.5, false, "evolving", NOW.plus(Duration.ofDays(3)), 0), NOW, null))
                .isCloseTo(0.02, offset(EPS));
        assertThat(ranker.boost(boosted(0.5, false, "evolving", null, 0), NOW, null))
                .isZero();
    }

    @Test
    void pinnedAndStableLiftAndVolatileLowers() {
        RecallRanker ranker = new RecallRanker(settings("blend", 0, 0.05, 0.01, 0, 0, 0, 0));
        assertThat(ranker.boost(boosted(0.5, true, "evolving", null, 0), NOW, null))
                .isCloseTo(0.05, offset(EPS));
        assertThat(ranker.boost(boosted(0.5, false, "stable", null, 0), NOW, null))
                .isCloseTo(0.01, offset(EPS));
        assertThat(ranker.boost(boosted(0.5, false, "volatile", null, 0), NOW, null))
                .isCloseTo(-0.01, offset(EPS));
        assertThat(ranker.boost(boosted(0.5, false, "evolving", null, 0), NOW, null))
                .isZero();
        assertThat(ranker.boost(boosted(0.5, true, "stable", null, 0), NOW, null))
                .isCloseTo(0.06, offset(EPS));
    }

    @Test
    void theAccessBoostGrowsLogarithmicallyAndIsFullAtAThousandRecalls() {
        RecallRanker ranker = new RecallRanker(settings("blend", 0, 0, 0, 0.02, 0, 0, 0));
        assertThat(ranker.boost(boosted(0.5, false, "evolving", null, 0), NOW, null))
                .isZero();
        assertThat(ranker.boost(boosted(0.5, false, "evolving", null, 9), NOW, null))
                .isCloseTo(0.02 / 3, offset(EPS));
        assertThat(ranker.boost(boosted(0.5, false, "evolving", null, 999), NOW, null))
                .isCloseTo(0.02, offset(EPS));
        assertThat(ranker.boost(boosted(0.5, false, "evolving", null, 1_000_000), NOW, null))
                .isCloseTo(0.02, offset(EPS));
    }

    @Test
    void boostsMultiplyTheScoreWhichIsCappedAtOneWhileTheOrderStillSeesThem() {
        RecallRanker ranker = new RecallRanker(settings("blend", 0, 0.05, 0.01, 0, 0, 0, 0));
        RecallRepository.Scored pinnedStable = boosted(0.99, true, "stable", null, 0);
        RecallRepository.Scored pinned = boosted(0.99, true, "evolving", null, 0);
        RecallRepository.Scored plainHalf = boosted(0.5, true, "volatile", null, 0);
        List<RecallRanker.Ranked> ranked =
                rank(ranker, RecallMode.SEMANTIC, List.of(pinned, plainHalf, pinnedStable), Map.of(), Map.of());
        assertThat(ranked)
                .extracting(RecallRanker.Ranked::memoryId)
                .containsExactly(pinnedStable.memoryId(), pinned.memoryId(), plainHalf.memoryId());
        assertThat(ranked.get(0).score()).isEqualTo(1.0);
        assertThat(ranked.get(0).sortKey()).isCloseTo(0.99 * 1.06, offset(EPS));
        assertThat(ranked.get(1).score()).isEqualTo(1.0);
        assertThat(ranked.get(2).score()).isCloseTo(0.5 * 1.04, offset(EPS));
    }

    @Test
    void everyBoostAtOnceDoesNotLiftAWeakMatchOverAClearlyBetterOne() {
        RecallRanker ranker = new RecallRanker(new RecallSettings(
                100, 2000, 100, 20000, "blend", 0.75, 60, 8, 1.2, 0.3, 2000, 0.02, 30, 0.05, 0.01, 0.02, 0, 2, true, 0,
                0, 0, 7, 0.05, ""));
        UUID hub = UUID.randomUUID();
        RecallRepository.Scored favoured = new RecallRepository.Scored(
                UUID.randomUUID(), UUID.randomUUID(), 0.5, null, null, 0.0, true, "stable", NOW, 5000, hub);
        RecallRepository.Scored relevant = new RecallRepository.Scored(
                UUID.randomUUID(),
                UUID.randomUUID(),
                0.7,
                null,
                null,
                0.0,
                false,
                "volatile",
                NOW.minus(Duration.ofDays(3650)),
                0,
                UUID.randomUUID());
        List<RecallRanker.Ranked> ranked = ranker.rank(
                RecallMode.SEMANTIC, List.of(favoured, relevant), Map.of(), Map.of(), Map.of(), List.of(), NOW, hub);
        assertThat(ranked.get(0).memoryId()).isEqualTo(relevant.memoryId());
        assertThat(ranked.get(1).score()).isCloseTo(0.5 * 1.15, offset(1e-9));
    }

    @Test
    void aNeighbourThatIsACandidatePullsWithItsFusedScoreNotItsCosineAlone() {
        RecallRanker ranker = new RecallRanker(settings("blend", 0, 0, 0, 0, 1.0, 0, 0));
        UUID turn = UUID.randomUUID();
        UUID neighbour = UUID.randomUUID();
        // the neighbour's cosine alone would be 0.75 · 0.6 = 0.45; with its full-text match it scores 0.7
        List<RecallRepository.Scored> chunks = List.of(chunk(turn, 0.2, null), chunk(neighbour, 0.6, 40.0));
        Map<UUID, RecallContext.Context> contexts = Map.of(
                turn,
                new RecallContext.Context(
                        List.of(), List.of(new RecallContext.Neighbor(neighbour, UUID.randomUUID(), 0.6, 1))));
        List<RecallRanker.Ranked> ranked =
                ranker.rank(RecallMode.HYBRID, chunks, Map.of(), Map.of(), contexts, List.of(), NOW, null);
        double neighbourScore = 0.75 * 0.6 + 0.25 * 40.0 / 48;
        assertThat(ranked)
                .extracting(RecallRanker.Ranked::score)
                .allSatisfy(s -> assertThat(s).isCloseTo(neighbourScore, offset(EPS)));
    }

    @Test
    void sessionContextOffOrANeighbourWithoutAVectorLeavesTheScore() {
        UUID turn = UUID.randomUUID();
        Map<UUID, RecallContext.Context> contexts = Map.of(
                turn,
                new RecallContext.Context(
                        List.of(), List.of(new RecallContext.Neighbor(UUID.randomUUID(), UUID.randomUUID(), 0.95, 1))));
        List<RecallRanker.Ranked> off = plain("blend")
                .rank(
                        RecallMode.SEMANTIC,
                        List.of(chunk(turn, 0.3, null)),
                        Map.of(),
                        Map.of(),
                        contexts,
                        List.of(),
                        NOW,
                        null);
        assertThat(off.get(0).score()).isCloseTo(0.3, offset(EPS));
        RecallRanker on = new RecallRanker(settings("blend", 0, 0, 0, 0, 0.8, 0, 0));
        Map<UUID, RecallContext.Context> noVector = Map.of(
                turn,
                new RecallContext.Context(
                        List.of(), List.of(new RecallContext.Neighbor(UUID.randomUUID(), UUID.randomUUID(), null, 1))));
        assertThat(on.rank(
                                RecallMode.SEMANTIC,
                                List.of(chunk(turn, 0.3, null)),
                                Map.of(),
                                Map.of(),
                                noVector,
                                List.of(),
                                NOW,
                                null)
                        .get(0)
                        .score())
                .isCloseTo(0.3, offset(EPS));
    }

    @Test
    void theDateWindowIsTheNamedPeriodPlusTheGraceDaysInUtc() {
        RecallRanker ranker = new RecallRanker(settings("blend", 0, 0, 0, 0, 0, 0.3, 0));
        List<QueryDates.Period> july = QueryDates.in("in July 2022");
        assertThat(ranker.inPeriod(List.of(Instant.parse("2022-07-01T00:00:00Z")), july))
                .isTrue();
        assertThat(ranker.inPeriod(List.of(Instant.parse("2022-06-30T23:59:59Z")), july))
                .isFalse();
        assertThat(ranker.inPeriod(List.of(Instant.parse("2022-08-07T23:59:59Z")), july))
                .isTrue();
        assertThat(ranker.inPeriod(List.of(Instant.parse("2022-08-08T00:00:00Z")), july))
                .isFalse();
        assertThat(ranker.inPeriod(
                        List.of(Instant.parse("2021-01-01T00:00:00Z"), Instant.parse("2022-07-15T12:00:00Z")), july))
                .isTrue();
        assertThat(ranker.inPeriod(List.of(), july)).isFalse();
        assertThat(ranker.inPeriod(List.of(Instant.parse("2022-07-15T12:00:00Z")), List.of()))
                .isFalse();
    }

    @Test
    void severalDatesInThePeriodLiftAMemoryOnce() {
        RecallRanker ranker = new RecallRanker(settings("blend", 0, 0, 0, 0, 0, 0.3, 0));
        UUID memory = UUID.randomUUID();
        Map<UUID, RecallContext.Context> contexts = Map.of(
                memory,
                new RecallContext.Context(
                        List.of(Instant.parse("2022-07-02T00:00:00Z"), Instant.parse("2022-07-03T00:00:00Z")),
                        List.of()));
        List<RecallRanker.Ranked> ranked = ranker.rank(
                RecallMode.SEMANTIC,
                List.of(chunk(memory, 0.4, null)),
                Map.of(),
                Map.of(),
                contexts,
                QueryDates.in("July 2022"),
                NOW,
                null);
        assertThat(ranked.get(0).score()).isCloseTo(0.4 + 0.3 * 0.6, offset(EPS));
    }
}
