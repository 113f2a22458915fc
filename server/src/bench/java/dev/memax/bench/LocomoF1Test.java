package dev.memax.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * {@link LocomoF1} against scores worked out by hand from LoCoMo's {@code evaluation.py}.
 * Compiled with the bench sources: {@code mvn -Pbench -pl server test -Dtest=LocomoF1Test}.
 */
class LocomoF1Test {
    private static final org.assertj.core.data.Offset<Double> EXACT = within(1e-9);

    @Test
    void normalizesLikeTheOfficialCode() {
        assertThat(LocomoF1.normalizeAnswer("The cat, and a Dog!")).isEqualTo("cat dog");
        assertThat(LocomoF1.normalizeAnswer("  Don't   stop-believing ")).isEqualTo("dont stopbelieving");
        // Only whole words go: "another" and "band" keep their "an"/"and".
        assertThat(LocomoF1.normalizeAnswer("another band")).isEqualTo("another band");
        assertThat(LocomoF1.normalizeAnswer("A, an; THE")).isEmpty();
    }

    @Test
    void plainF1OverStemmedTokens() {
        // she went to beach (4 tokens) vs beach: 1 shared, P 1/4, R 1.
        assertThat(LocomoF1.score("She went to the beach", "the beach", 4)).isCloseTo(0.4, EXACT);
        // running → run, shoes → shoe: every token matches after stemming.
        assertThat(LocomoF1.score("running shoes", "run shoe", 4)).isCloseTo(1.0, EXACT);
        // Word order and the comma do not matter.
        assertThat(LocomoF1.score("7 May 2023", "May 7, 2023", 2)).isCloseTo(1.0, EXACT);
        assertThat(LocomoF1.score("Paris", "London", 2)).isZero();
        // Shared tokens count as a multiset: one "dog" of three, P 1/3, R 1.
        assertThat(LocomoF1.score("dog dog dog", "dog", 4)).isCloseTo(0.5, EXACT);
        // Nothing left after normalization scores 0, as the official code's num_same == 0.
        assertThat(LocomoF1.score("the", "a", 4)).isZero();
        // Words of one or two letters are not stemmed ("is" stays "is", never "i").
        assertThat(LocomoF1.score("I", "is", 4)).isZero();
    }

    @Test
    void multiHopAveragesTheBestMatchOfEachGoldPart() {
        // Gold parts pottery / camping / painting score 1, 1, 0.
        assertThat(LocomoF1.score("pottery, camping", "pottery, camping, painting", 1))
                .isCloseTo(2.0 / 3, EXACT);
        // One predicted part "pottery camping" (and is dropped) against each gold part: P 1/2, R 1 → 2/3 both.
        assertThat(LocomoF1.score("Pottery and camping", "pottery, camping", 1)).isCloseTo(2.0 / 3, EXACT);
        // Extra predicted parts cost nothing: each gold part takes its best.
        assertThat(LocomoF1.score("Sweden, Norway, Spain", "Sweden", 1)).isCloseTo(1.0, EXACT);
        assertThat(LocomoF1.score("2", "2", 1)).isCloseTo(1.0, EXACT);
    }

    @Test
    void openDomainScoresAgainstTheGoldBeforeTheSemicolon() {
        // Gold becomes "Likely no": 1 shared of prediction 1 and gold 2 → P 1, R 1/2.
        assertThat(LocomoF1.score("no", "Likely no; though she likes reading", 3))
                .isCloseTo(2.0 / 3, EXACT);
        // The same pair as category 4 would count the whole gold answer: 1 of 6 tokens → P 1, R 1/6.
        assertThat(LocomoF1.score("no", "Likely no; though she likes reading", 4))
                .isCloseTo(2.0 / 7, EXACT);
    }

    @Test
    void adversarialQuestionsAreNotF1Scored() {
        assertThatThrownBy(() -> LocomoF1.score("Not mentioned", "", 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
