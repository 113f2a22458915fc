package dev.memax.server.dream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the dream rules read a statement: words, facts, names, negation and update cues. */
class DreamTextTest {
    @Test
    void factsAreNumbersAndDatesWithTheirUnitsAsWords() {
        DreamText.Statement s =
                DreamText.analyse("Keys rotate on a 90-day cycle, 1,000 calls max, from 2026-03-01 until March 2027.");

        assertThat(s.numbers()).containsExactlyInAnyOrder("90", "1000");
        assertThat(s.dates()).containsExactlyInAnyOrder("2026-03-01", "march", "2027");
        assertThat(s.words()).contains("key", "rotate", "day", "cycle", "call").doesNotContain("on", "a");
    }

    @Test
    void namesAreCapitalisedInsideASentenceOrAcronyms() {
        DreamText.Statement s = DreamText.analyse("Billing is owned by Alice. Bob reviews the API docs.");

        assertThat(s.names()).containsExactlyInAnyOrder("alice", "api");
        assertThat(s.words()).contains("billing", "bob", "owned", "review", "doc");
        // Scripts without case hold no names.
        assertThat(DreamText.analyse("東京 の 会議").names()).isEmpty();
    }

    @Test
    void negationsAndUpdateCuesAreFlagsNotWords() {
        DreamText.Statement denial = DreamText.analyse("The backup doesn't run nightly.");
        DreamText.Statement update = DreamText.analyse("The standup has now moved to Tuesday.");

        assertThat(denial.negated()).isTrue();
        assertThat(denial.words()).containsExactlyInAnyOrder("backup", "run", "nightly");
        assertThat(update.updateCue()).isTrue();
        assertThat(update.words()).containsExactly("standup");
        assertThat(DreamText.analyse("The backup runs nightly.").negated()).isFalse();
    }
}
