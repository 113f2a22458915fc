package dev.memax.server.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The memory view, the session-context and date lifts of the ranker, on hand-made candidates. */
class RecallRankerTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final RecallSettings settings = new RecallSettings(
            100, 2000, 100, 20000, "blend", 0.75, 60, 8, 1.2, 0.3, 2000, 0, 30, 0.05, 0.01, 0.02, 0.7, 2, true, 0, 0.5,
            0.3, 7, 0.05, "");
    private final RecallRanker ranker = new RecallRanker(settings);

    private static RecallRepository.Scored chunk(UUID memory, double similarity) {
        return new RecallRepository.Scored(
                UUID.randomUUID(), memory, similarity, null, null, 0.0, false, "evolving", null, 0, null);
    }

    @Test
    void aMemoryMovesTowardsABetterNeighbourInItsSessionButNeverPastIt() {
        UUID answer = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID question = UUID.randomUUID();
        List<RecallRepository.Scored> candidates = List.of(chunk(answer, 0.50), chunk(other, 0.55));
        // the answer's previous turn (not a candidate) matches the query well: its cosine term alone lifts it
        Map<UUID, RecallContext.Context> contexts = Map.of(
                answer,
                new RecallContext.Context(
                        List.of(), List.of(new RecallContext.Neighbor(question, UUID.randomUUID(), 0.9, 1))));
        List<RecallRanker.Ranked> ranked =
                ranker.rank(RecallMode.HYBRID, candidates, Map.of(), Map.of(), contexts, List.of(), NOW, null);
        assertThat(ranked.get(0).memoryId()).isEqualTo(answer);
        double base = 0.75 * 0.50;
        double neighbour = 0.75 * 0.9;
        assertThat(ranked.get(0).score()).isCloseTo(base + 0.7 * (neighbour - base), offset(1e-9));
        assertThat(ranked.get(1).score()).isCloseTo(0.75 * 0.55, offset(1e-9));
    }

    @Test
    void aFartherNeighbourPullsLessAndOneBeyondTheWindowNotAtAll() {
        UUID answer = UUID.randomUUID();
        Map<UUID, RecallContext.Context> contexts = Map.of(
                answer,
                new RecallContext.Context(
                        List.of(),
                        List.of(
                                new RecallContext.Neighbor(UUID.randomUUID(), UUID.randomUUID(), 0.9, 2),
                                new RecallContext.Neighbor(UUID.randomUUID(), UUID.randomUUID(), 1.0, 3))));
        List<RecallRanker.Ranked> ranked = ranker.rank(
                RecallMode.HYBRID, List.of(chunk(answer, 0.5)), Map.of(), Map.of(), contexts, List.of(), NOW, null);
        double base = 0.75 * 0.5;
        assertThat(ranked.get(0).score()).isCloseTo(base + 0.7 * (0.75 * 0.9 - base) / 2, offset(1e-9));
    }

    @Test
    void aWorseNeighbourPullsNothingDown() {
        UUID answer = UUID.randomUUID();
        Map<UUID, RecallContext.Context> contexts = Map.of(
                answer,
                new RecallContext.Context(
                        List.of(), List.of(new RecallContext.Neighbor(UUID.randomUUID(), UUID.randomUUID(), 0.1, 1))));
        List<RecallRanker.Ranked> ranked = ranker.rank(
                RecallMode.HYBRID, List.of(chunk(answer, 0.6)), Map.of(), Map.of(), contexts, List.of(), NOW, null);
        assertThat(ranked.get(0).score()).isCloseTo(0.75 * 0.6, offset(1e-9));
    }

    @Test
    void aLaterChunkIsSeenWithItsMemoryAndTitle() {
        RecallRanker viewed = new RecallRanker(new RecallSettings(
                100, 2000, 100, 20000, "blend", 0.75, 60, 8, 1.2, 0.3, 2000, 0, 30, 0.05, 0.01, 0.02, 0, 1, true, 0.5,
                0.4, 0, 7, 0.05, ""));
        UUID onTopic = UUID.randomUUID();
        UUID stray = UUID.randomUUID();
        // a later chunk of an unrelated memory matches a little better than the on-topic memory's chunk
        List<RecallRepository.Scored> candidates = List.of(
                new RecallRepository.Scored(
                        UUID.randomUUID(), onTopic, 0.70, 0.80, 0.90, 0.0, false, "evolving", null, 0, null),
                new RecallRepository.Scored(
                        UUID.randomUUID(), stray, 0.74, 0.40, 0.30, 0.0, false, "evolving", null, 0, null),
                // a one-chunk memory without a title: its view is the chunk itself
                chunk(UUID.randomUUID(), 0.50));
        List<RecallRanker.Ranked> ranked =
                viewed.rank(RecallMode.SEMANTIC, candidates, Map.of(), Map.of(), Map.of(), List.of(), NOW, null);
        assertThat(ranked.get(0).memoryId()).isEqualTo(onTopic);
        assertThat(ranked.get(0).score()).isCloseTo(0.5 * 0.70 + 0.5 * (0.6 * 0.80 + 0.4 * 0.90), offset(1e-9));
        assertThat(ranked.get(1).score()).isCloseTo(0.5 * 0.74 + 0.5 * (0.6 * 0.40 + 0.4 * 0.30), offset(1e-9));
        assertThat(ranked.get(2).score()).isCloseTo(0.50, offset(1e-9));
    }

    @Test
    void aMemoryDatedInTheNamedPeriodOrJustAfterIsLifted() {
        UUID inJuly = UUID.randomUUID();
        UUID weekAfter = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        Map<UUID, RecallContext.Context> contexts = Map.of(
                inJuly, new RecallContext.Context(List.of(Instant.parse("2022-07-20T10:00:00Z")), List.of()),
                weekAfter, new RecallContext.Context(List.of(Instant.parse("2022-08-07T10:00:00Z")), List.of()),
                later, new RecallContext.Context(List.of(Instant.parse("2022-08-09T10:00:00Z")), List.of()));
        List<RecallRanker.Ranked> ranked = ranker.rank(
                RecallMode.HYBRID,
                List.of(chunk(inJuly, 0.4), chunk(weekAfter, 0.4), chunk(later, 0.5)),
                Map.of(),
                Map.of(),
                contexts,
                QueryDates.in("Where did Joanna travel to in July 2022?"),
                NOW,
                null);
        assertThat(ranked)
                .extracting(RecallRanker.Ranked::memoryId)
                .containsExactlyInAnyOrder(inJuly, weekAfter, later);
        assertThat(ranked.get(2).memoryId()).isEqualTo(later);
        assertThat(ranked.get(0).score()).isCloseTo(0.3 + 0.3 * (1 - 0.3), offset(1e-9));
    }

    @Test
    void theActiveHubWinsTiesAndLosesNothing() {
        UUID inActive = UUID.randomUUID();
        UUID elsewhere = UUID.randomUUID();
        UUID activeHub = UUID.randomUUID();
        List<RecallRepository.Scored> candidates = List.of(
                new RecallRepository.Scored(
                        UUID.randomUUID(),
                        elsewhere,
                        0.6,
                        null,
                        null,
                        0.0,
                        false,
                        "evolving",
                        null,
                        0,
                        UUID.randomUUID()),
                new RecallRepository.Scored(
                        UUID.randomUUID(), inActive, 0.6, null, null, 0.0, false, "evolving", null, 0, activeHub));
        List<RecallRanker.Ranked> ranked =
                ranker.rank(RecallMode.HYBRID, candidates, Map.of(), Map.of(), Map.of(), List.of(), NOW, activeHub);
        assertThat(ranked).extracting(RecallRanker.Ranked::memoryId).containsExactly(inActive, elsewhere);
        assertThat(ranked.get(0).score()).isCloseTo(0.75 * 0.6 * 1.05, offset(1e-9));
        // a clearly better match elsewhere still comes first
        List<RecallRanker.Ranked> better = ranker.rank(
                RecallMode.HYBRID,
                List.of(
                        new RecallRepository.Scored(
                                UUID.randomUUID(),
                                elsewhere,
                                0.8,
                                null,
                                null,
                                0.0,
                                false,
                                "evolving",
                                null,
                                0,
                                UUID.randomUUID()),
                        new RecallRepository.Scored(
                                UUID.randomUUID(),
                                inActive,
                                0.6,
                                null,
                                null,
                                0.0,
                                false,
                                "evolving",
                                null,
                                0,
                                activeHub)),
                Map.of(),
                Map.of(),
                Map.of(),
                List.of(),
                NOW,
                activeHub);
        assertThat(better.get(0).memoryId()).isEqualTo(elsewhere);
    }
}
