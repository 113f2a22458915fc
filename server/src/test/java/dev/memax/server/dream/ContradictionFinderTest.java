package dev.memax.server.dream;

import static dev.memax.server.dream.DreamFixtures.axis;
import static dev.memax.server.dream.DreamFixtures.id;
import static dev.memax.server.dream.DreamFixtures.memory;
import static dev.memax.server.dream.DreamFixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.memax.server.memory.MemoryKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Phase 3's heuristics on hand-made memories: which pairs are flagged, and the many left alone. */
class ContradictionFinderTest {
    private final ContradictionFinder finder = new ContradictionFinder(ContradictionFinder.Settings.defaults());

    @Test
    void aNegatedStatementContradictsItsAffirmation() {
        List<ContradictionFinder.Proposal> proposals = finder.find(List.of(
                memory(1, "Backups.\nThe staging database is backed up nightly. Keep the logs for a week.")
                        .build(),
                memory(2, "The staging database isn't backed up nightly.")
                        .on(2)
                        .vector(vector(0, 0.9))
                        .build()));

        assertThat(proposals).singleElement().satisfies(p -> {
            assertThat(p.cue()).isEqualTo(ContradictionFinder.Cue.NEGATION);
            assertThat(p.memoryIds()).containsExactly(id(1), id(2));
            assertThat(p.firstStatement()).isEqualTo("The staging database is backed up nightly.");
            assertThat(p.secondStatement()).isEqualTo("The staging database isn't backed up nightly.");
            assertThat(p.score()).isBetween(0.5, 1.0);
            assertThat(p.reason()).contains("denies");
        });
    }

    @Test
    void differentNumbersOrDatesForTheSamePredicateConflict() {
        assertThat(finder.find(List.of(
                        memory(1, "The API rate limit is 100 requests per minute.")
                                .build(),
                        memory(2, "The API rate limit is 500 requests per minute.")
                                .on(1)
                                .vector(vector(0, 0.92))
                                .build())))
                .extracting(ContradictionFinder.Proposal::cue)
                .containsExactly(ContradictionFinder.Cue.NUMBER);
        assertThat(finder.find(List.of(
                        memory(1, "The public launch is planned for 2026-03-01.")
                                .build(),
                        memory(2, "The public launch is planned for 2026-04-15.")
                                .on(1)
                                .vector(vector(0, 0.92))
                                .build())))
                .extracting(ContradictionFinder.Proposal::cue)
                .containsExactly(ContradictionFinder.Cue.DATE);
    }

    @Test
    void distinctButSimilarStatementsAreNotContradictions() {
        assertThat(finder.find(List.of(
                        memory(1, "Rotate the Stripe API key every 90 days.").build(),
                        memory(2, "Rotate the GitHub API key every 30 days.")
                                .on(1)
                                .vector(vector(0, 0.96))
                                .build(),
                        // More words on one side: a refinement, not a conflict.
                        memory(3, "The staging database is backed up nightly to S3 in Frankfurt.")
                                .on(2)
                                .vector(vector(0, 0.9))
                                .build(),
                        memory(4, "The production database is not backed up to tape.")
                                .on(3)
                                .vector(vector(0, 0.9))
                                .build(),
                        // An added number is not a changed one.
                        memory(5, "Rotate the Stripe API key every 90 days, 2 people approve.")
                                .on(4)
                                .vector(vector(0, 0.96))
                                .build())))
                .isEmpty();
    }

    @Test
    void differentSubjectsKindsEpisodesAndSettledMemoriesAreSkipped() {
        DreamMemory affirms =
                memory(1, "The staging database is backed up nightly.").build();
        String denial = "The staging database is not backed up nightly.";

        assertThat(finder.find(
                        List.of(affirms, memory(2, denial).on(1).vector(axis(3)).build())))
                .isEmpty();
        assertThat(finder.find(List.of(
                        affirms,
                        memory(2, denial).on(1).kind(MemoryKind.PROCEDURAL).build())))
                .isEmpty();
        assertThat(finder.find(List.of(
                        memory(1, "I went to the gym in the morning.")
                                .kind(MemoryKind.EPISODIC)
                                .build(),
                        memory(2, "I did not go to the gym in the morning.")
                                .kind(MemoryKind.EPISODIC)
                                .on(1)
                                .build())))
                .isEmpty();
        assertThat(finder.find(List.of(affirms, memory(2, denial).on(1).build()), Set.of(id(1))))
                .isEmpty();
        assertThat(finder.find(
                        List.of(affirms, memory(2, denial).on(1).vector(null).build())))
                .isEmpty();
    }

    @Test
    void onePairGivesOneProposalAndAnyOrderTheSameOnes() {
        List<DreamMemory> memories = new ArrayList<>();
        memories.add(memory(1, "The API rate limit is 100 requests. The reporting API is not public.")
                .build());
        memories.add(memory(2, "The API rate limit is 500 requests. The reporting API is public.")
                .on(1)
                .build());
        memories.add(memory(3, "Invoices are sent on the 1st of each month.")
                .on(2)
                .vector(axis(4))
                .build());
        memories.add(memory(4, "Invoices are sent on the 15th of each month.")
                .on(3)
                .vector(axis(4))
                .build());
        List<ContradictionFinder.Proposal> expected = finder.find(memories);
        Collections.shuffle(memories, new Random(7));

        assertThat(expected)
                .extracting(ContradictionFinder.Proposal::first, ContradictionFinder.Proposal::cue)
                .containsExactly(
                        tuple(id(1), ContradictionFinder.Cue.NEGATION), tuple(id(3), ContradictionFinder.Cue.NUMBER));
        assertThat(finder.find(memories)).isEqualTo(expected);
    }

    @Test
    void candidatePairsFindWhatAllPairsFind() {
        List<DreamMemory> hub = DreamFixtures.plantedHub(
                new Random(13),
                2000,
                300,
                i -> "The staging database of team " + i + " is backed up nightly.",
                i -> "The staging database of team " + i + " is not backed up nightly.");
        ContradictionFinder.Settings settings = ContradictionFinder.Settings.defaults();
        List<ContradictionFinder.Proposal> allPairs =
                new ContradictionFinder(settings, new DreamNeighbours(32, Integer.MAX_VALUE)).find(hub);
        assertThat(allPairs).hasSize(300);
        assertThat(new ContradictionFinder(settings, new DreamNeighbours(32, 0)).find(hub))
                .isEqualTo(allPairs);
    }
}
