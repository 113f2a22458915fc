package dev.memax.server.dream;

import static dev.memax.server.dream.DreamFixtures.axis;
import static dev.memax.server.dream.DreamFixtures.id;
import static dev.memax.server.dream.DreamFixtures.memory;
import static dev.memax.server.dream.DreamFixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.memax.server.memory.MemoryKind;
import dev.memax.server.memory.MemoryState;
import dev.memax.server.memory.Stability;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Phase 2's rules on hand-made memories: what supersedes what, and what is left alone. */
class SupersedeFinderTest {
    private final SupersedeFinder finder = new SupersedeFinder(SupersedeFinder.Settings.defaults());

    @Test
    void aNewerStatementWithChangedNumbersSupersedesTheOlder() {
        List<SupersedeFinder.Proposal> proposals = finder.find(List.of(
                memory(1, "Rotate the Stripe API key every 90 days.").on(0).build(),
                memory(2, "Rotate the Stripe API key every 30 days.")
                        .on(5)
                        .vector(vector(0, 0.95))
                        .build()));

        assertThat(proposals).singleElement().satisfies(p -> {
            assertThat(p.older()).isEqualTo(id(1));
            assertThat(p.newer()).isEqualTo(id(2));
            assertThat(p.basis()).isEqualTo(SupersedeFinder.Basis.CHANGED_FACTS);
            assertThat(p.memoryIds()).containsExactly(id(1), id(2));
            assertThat(p.score()).isBetween(0.94, 0.96);
            assertThat(p.reason()).contains("90 → 30");
        });
    }

    @Test
    void changedDatesCountAsChangedFacts() {
        assertThat(finder.find(List.of(
                        memory(1, "The quarterly review is scheduled for 2026-03-02 in the main room.")
                                .on(0)
                                .build(),
                        memory(2, "The quarterly review is scheduled for 2026-03-09 in the main room.")
                                .on(1)
                                .vector(vector(0, 0.97))
                                .build())))
                .extracting(SupersedeFinder.Proposal::older)
                .containsExactly(id(1));
    }

    @Test
    void distinctButSimilarMemoriesAreLeftAlone() {
        // Two keys' rotation rules: both true at once, however close their vectors.
        assertThat(finder.find(List.of(
                        memory(1, "Rotate the Stripe API key every 90 days.")
                                .on(0)
                                .build(),
                        memory(2, "Rotate the GitHub API key every 30 days.")
                                .on(5)
                                .vector(vector(0, 0.96))
                                .build(),
                        memory(3, "Rotate the Twilio API key every 90 days.")
                                .on(6)
                                .vector(vector(0, 0.96))
                                .build(),
                        memory(4, "Rotate the Stripe test API key every 30 days.")
                                .on(7)
                                .vector(vector(0, 0.97))
                                .build())))
                .isEmpty();
    }

    @Test
    void aNameChangeNeedsTheNewerToSayItIsAnUpdate() {
        DreamMemory old = memory(1, "The billing owner is Alice.").on(0).build();
        DreamMemory plain = memory(2, "The billing owner is Bob.")
                .on(3)
                .vector(vector(0, 0.95))
                .build();
        DreamMemory update = memory(3, "The billing owner is now Bob.")
                .on(3)
                .vector(vector(0, 0.95))
                .build();

        assertThat(finder.find(List.of(old, plain))).isEmpty();
        assertThat(finder.find(List.of(old, update))).singleElement().satisfies(p -> {
            assertThat(p.newer()).isEqualTo(id(3));
            assertThat(p.reason()).contains("alice → bob");
        });
    }

    @Test
    void lowSimilarityOrLostWordsAreNotAnUpdate() {
        DreamMemory old =
                memory(1, "Rotate the Stripe API key every 90 days.").on(0).build();
        assertThat(finder.find(List.of(
                        old,
                        memory(2, "Rotate the Stripe API key every 30 days.")
                                .on(5)
                                .vector(vector(0, 0.8))
                                .build())))
                .isEmpty();
        assertThat(finder.find(List.of(
                        old,
                        memory(3, "Revoke the Stripe API key after 30 days.")
                                .on(5)
                                .vector(vector(0, 0.95))
                                .build())))
                .isEmpty();
    }

    @Test
    void protectedMemoriesAreNeverSuperseded() {
        String older = "Deploys happen every 2 weeks on the release train.";
        DreamMemory newer = memory(9, "Deploys happen every 1 weeks on the release train.")
                .on(10)
                .vector(vector(0, 0.96))
                .build();

        assertThat(finder.find(List.of(memory(1, older).pinned().build(), newer)))
                .isEmpty();
        assertThat(finder.find(
                        List.of(memory(1, older).stability(Stability.STABLE).build(), newer)))
                .isEmpty();
        // A protected newer memory may still supersede an unprotected older one.
        assertThat(finder.find(List.of(
                        memory(1, older).build(),
                        memory(9, "Deploys happen every 1 weeks on the release train.")
                                .on(10)
                                .pinned()
                                .vector(vector(0, 0.96))
                                .build())))
                .hasSize(1);
    }

    @Test
    void neverAcrossKindsNorBetweenEpisodesNorHubs() {
        String older = "Deploys happen every 2 weeks on the release train.";
        String newer = "Deploys happen every 1 weeks on the release train.";
        float[] close = vector(0, 0.96);

        assertThat(finder.find(List.of(
                        memory(1, older).build(),
                        memory(2, newer)
                                .on(3)
                                .kind(MemoryKind.PROCEDURAL)
                                .vector(close)
                                .build())))
                .isEmpty();
        assertThat(finder.find(List.of(
                        memory(1, older).kind(MemoryKind.EPISODIC).build(),
                        memory(2, newer)
                                .on(3)
                                .kind(MemoryKind.EPISODIC)
                                .vector(close)
                                .build())))
                .isEmpty();
        assertThat(finder.find(List.of(
                        memory(1, older).build(),
                        memory(2, newer).on(3).hub(id(99)).vector(close).build())))
                .isEmpty();
        assertThat(finder.find(List.of(
                        memory(1, older).state(MemoryState.ARCHIVED).build(),
                        memory(2, newer).on(3).vector(close).build())))
                .isEmpty();
    }

    @Test
    void sameTimeMeansNoOrderAndNoProposal() {
        assertThat(finder.find(List.of(
                        memory(1, "Deploys happen every 2 weeks.").on(2).build(),
                        memory(2, "Deploys happen every 1 weeks.")
                                .on(2)
                                .vector(vector(0, 0.96))
                                .build())))
                .isEmpty();
    }

    @Test
    void versionsOfOneDocumentSupersedeEvenWhenReworded() {
        List<SupersedeFinder.Proposal> proposals = finder.find(List.of(
                memory(1, "Pricing: the team plan costs twelve dollars a seat.")
                        .path("notes/pricing-v1.md")
                        .build(),
                memory(2, "Our pricing page now lists the team plan with annual billing only.")
                        .path("notes/pricing-v2.md")
                        .on(4)
                        .vector(vector(0, 0.7))
                        .build()));

        assertThat(proposals).singleElement().satisfies(p -> {
            assertThat(p.basis()).isEqualTo(SupersedeFinder.Basis.LINEAGE);
            assertThat(p.older()).isEqualTo(id(1));
            assertThat(p.reason()).contains("notes/pricing-v2.md replaces notes/pricing-v1.md");
        });
    }

    @Test
    void numberedDocumentsAreNotVersionsAndUnrelatedVersionsAreNotUpdates() {
        assertThat(finder.find(List.of(
                        memory(1, "Chapter one introduces the ledger.")
                                .path("book/chapter-1.md")
                                .build(),
                        memory(2, "Chapter two covers the ledger's reconciliation.")
                                .path("book/chapter-2.md")
                                .on(1)
                                .vector(vector(0, 0.8))
                                .build())))
                .isEmpty();
        assertThat(finder.find(List.of(
                        memory(1, "Pricing draft").path("notes/pricing-v1.md").build(),
                        memory(2, "Completely different text")
                                .path("notes/pricing-v2.md")
                                .on(1)
                                .vector(axis(3))
                                .build())))
                .isEmpty();
    }

    @Test
    void versionsWithoutVectorsAreComparedByTheirWords() {
        assertThat(finder.find(List.of(
                        memory(1, "Team plan costs twelve dollars per seat monthly.")
                                .path("pricing.md")
                                .vector(null)
                                .build(),
                        memory(2, "Team plan costs fifteen dollars per seat monthly.")
                                .path("pricing-final.md")
                                .on(1)
                                .vector(null)
                                .build())))
                .extracting(SupersedeFinder.Proposal::basis)
                .containsExactly(SupersedeFinder.Basis.LINEAGE);
    }

    @Test
    void lineageStripsVersionMarkersOnly() {
        assertThat(SupersedeFinder.lineage("Docs/Pricing (2).md")).isEqualTo("docs/pricing");
        assertThat(SupersedeFinder.lineage("docs/pricing_v2.1.txt")).isEqualTo("docs/pricing");
        assertThat(SupersedeFinder.lineage("docs/pricing-final-v3.md")).isEqualTo("docs/pricing");
        assertThat(SupersedeFinder.lineage("docs/pricing.md")).isEqualTo("docs/pricing");
        assertThat(SupersedeFinder.lineage("journal/2026-01-05.md")).isEqualTo("journal/2026-01-05");
        assertThat(SupersedeFinder.lineage("v2")).isNull();
        assertThat(SupersedeFinder.lineage(null)).isNull();
    }

    @Test
    void aChainPointsEveryOlderMemoryAtTheLatest() {
        List<SupersedeFinder.Proposal> proposals = finder.find(List.of(
                memory(1, "The standup starts at 9:00 in room Atlas.").on(0).build(),
                memory(2, "The standup starts at 9:30 in room Atlas.")
                        .on(1)
                        .vector(vector(0, 0.97))
                        .build(),
                memory(3, "The standup starts at 10:00 in room Atlas.")
                        .on(2)
                        .vector(vector(0, 0.96))
                        .build()));

        assertThat(proposals)
                .extracting(SupersedeFinder.Proposal::older, SupersedeFinder.Proposal::newer)
                .containsExactly(tuple(id(1), id(3)), tuple(id(2), id(3)));
    }

    @Test
    void theSameMemoriesInAnyOrderGiveTheSameProposals() {
        List<DreamMemory> memories = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            memories.add(memory(i, "The standup starts at " + (8 + i) + ":00 in room Atlas.")
                    .on(i)
                    .vector(vector(0, 1 - i * 0.005))
                    .build());
        }
        List<SupersedeFinder.Proposal> expected = finder.find(memories);
        Collections.shuffle(memories, new Random(42));

        assertThat(finder.find(memories)).isEqualTo(expected).hasSize(11);
    }

    @Test
    void candidatePairsFindWhatAllPairsFind() {
        List<DreamMemory> hub = DreamFixtures.plantedHub(
                new Random(11),
                2000,
                300,
                i -> "The standup of team " + i + " starts at 9:00.",
                i -> "The standup of team " + i + " starts at 10:00.");
        SupersedeFinder.Settings settings = SupersedeFinder.Settings.defaults();
        List<SupersedeFinder.Proposal> allPairs =
                new SupersedeFinder(settings, new DreamNeighbours(32, Integer.MAX_VALUE)).find(hub);
        assertThat(allPairs).hasSize(300);
        assertThat(new SupersedeFinder(settings, new DreamNeighbours(32, 0)).find(hub))
                .isEqualTo(allPairs);
    }
}
