package dev.memax.server.dream;

import static dev.memax.server.dream.DreamFixtures.day;
import static dev.memax.server.dream.DreamFixtures.id;
import static dev.memax.server.dream.DreamFixtures.memory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.memory.MemoryKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Phase 6's extractive summaries: which sessions get one, what it says, and its bounds. */
class EpisodeSynthesizerTest {
    private final EpisodeSynthesizer synthesizer = new EpisodeSynthesizer(EpisodeSynthesizer.Settings.defaults());

    private static DreamFixtures.Builder turn(int n, String content, int eventDay) {
        return memory(n, content)
                .kind(MemoryKind.EPISODIC)
                .session("s-1")
                .on(20)
                .events(day(eventDay));
    }

    /** Four turns written on one day, about events on days 3, 1, 4 and 2 (ids 1-4). */
    private static List<DreamMemory> session() {
        return new ArrayList<>(List.of(
                turn(1, "Melanie said the pottery class starts next week. She booked the Tuesday slot.", 3)
                        .tags("pottery")
                        .build(),
                turn(2, "Melanie told Caroline about her pottery plans. Caroline loves painting.", 1)
                        .tags("friends")
                        .build(),
                turn(3, "Caroline joined the pottery class with Melanie. The weather was nice.", 4)
                        .build(),
                turn(4, "Caroline asked Melanie about painting and pottery supplies. Ok.", 2)
                        .tags("pottery", "art")
                        .build()));
    }

    @Test
    void aSessionBecomesASemanticSummaryOfItsTurnsInTheOrderTheyHappened() {
        List<EpisodeSynthesizer.Proposal> proposals = synthesizer.propose(session());

        assertThat(proposals).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(MemoryKind.SEMANTIC);
            assertThat(p.hubId()).isEqualTo(DreamFixtures.HUB);
            assertThat(p.sessionId()).isEqualTo("s-1");
            assertThat(p.derivedFrom()).containsExactly(id(2), id(4), id(1), id(3));
            assertThat(p.memoryIds()).isEqualTo(p.derivedFrom());
            assertThat(p.replaces()).isNull();
            assertThat(p.title()).startsWith("Session s-1: ").contains("pottery");
            assertThat(p.content())
                    .startsWith("Summary of 4 turns of session s-1, from 2026-01-02 to 2026-01-05.")
                    .contains("- Melanie told Caroline about her pottery plans.")
                    .doesNotContain("Ok.");
            // Kept sentences are listed in the order they were said.
            assertThat(p.content().indexOf("Melanie told Caroline"))
                    .isLessThan(p.content().indexOf("Caroline joined the pottery class"));
            assertThat(p.tags()).containsExactly("friends", "pottery", "art");
            assertThat(p.eventDates()).containsExactly(day(1), day(2), day(3), day(4));
            assertThat(p.score()).isBetween(0.0, 1.0);
            assertThat(p.reason()).contains("4 episodic turns of session s-1 with no summary yet");
        });
    }

    @Test
    void shortSessionsOtherKindsAndLooseTurnsGetNoSummary() {
        List<DreamMemory> memories = new ArrayList<>(session().subList(0, 2));
        memories.add(memory(5, "Caroline's pottery class notes are semantic.")
                .session("s-1")
                .build());
        memories.add(turn(6, "A turn without a session about pottery class.", 1)
                .session(null)
                .build());
        memories.add(turn(7, "A turn of another session about pottery class.", 1)
                .session("s-2")
                .build());

        assertThat(synthesizer.propose(memories)).isEmpty();
    }

    @Test
    void anUpToDateSummaryIsKeptAndAnOutdatedOneReplaced() {
        List<DreamMemory> memories = session();
        memories.add(memory(9, "Summary").source("dream").session("s-1").on(21).build());
        assertThat(synthesizer.propose(memories)).isEmpty();

        memories.add(turn(10, "Melanie finished her first pottery bowl at the class.", 5)
                .on(22)
                .build());
        assertThat(synthesizer.propose(memories)).singleElement().satisfies(p -> {
            assertThat(p.replaces()).isEqualTo(id(9));
            assertThat(p.derivedFrom()).hasSize(5).doesNotContain(id(9));
            assertThat(p.reason()).contains("newer than its summary");
        });
    }

    @Test
    void aSummaryIsBoundedAndDropsNearRepeats() {
        List<DreamMemory> memories = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            memories.add(turn(
                            i,
                            "Turn " + i + " discussed the migration plan for service number " + i
                                    + " with the platform team in considerable detail. "
                                    + "The migration plan for the platform team was discussed again.",
                            i)
                    .build());
        }

        EpisodeSynthesizer.Proposal proposal = synthesizer.propose(memories).get(0);

        assertThat(proposal.content()).hasSizeLessThanOrEqualTo(2000);
        assertThat(proposal.content().lines().filter(l -> l.startsWith("- "))).hasSizeLessThanOrEqualTo(8);
        assertThat(proposal.content())
                .containsOnlyOnce("The migration plan for the platform team was discussed again.");
        assertThat(proposal.derivedFrom()).hasSize(40);
    }

    @Test
    void theSameTurnsInAnyOrderGiveTheSameSummary() {
        List<DreamMemory> memories = session();
        List<EpisodeSynthesizer.Proposal> expected = synthesizer.propose(memories);
        Collections.shuffle(memories, new Random(5));

        assertThat(synthesizer.propose(memories)).isEqualTo(expected);
    }
}
