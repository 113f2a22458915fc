package dev.memax.server.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** BM25 from per-hub statistics: which lexemes' matches are read, and how a chunk scores. */
class Bm25Test {
    private static Bm25 stats(long chunks, long totalLength, Map<String, Long> frequencies) {
        return new Bm25(chunks, totalLength, frequencies, 1.2, 0.3);
    }

    @Test
    void theRarestLexemesAreMatchedFirstWhileTheirMatchesFitTheBudget() {
        Bm25 bm25 = stats(1000, 10_000, Map.of("common", 900L, "rare", 3L, "middling", 40L, "absent", 0L));
        assertThat(bm25.matchLexemes(50)).containsExactly("rare", "middling");
        assertThat(bm25.matchLexemes(43)).containsExactly("rare", "middling");
        assertThat(bm25.matchLexemes(42)).containsExactly("rare");
        assertThat(bm25.matchLexemes(10_000)).containsExactly("rare", "middling", "common");
    }

    @Test
    void theRarestPresentLexemeIsAlwaysMatchedEvenOverTheBudget() {
        Bm25 bm25 = stats(1000, 10_000, Map.of("often", 500L, "everywhere", 990L));
        assertThat(bm25.matchLexemes(1)).containsExactly("often");
        assertThat(bm25.matchLexemes(0)).containsExactly("often");
    }

    @Test
    void lexemesInNoChunkAreNeverMatchedAndEqualFrequenciesGoInNameOrder() {
        assertThat(stats(10, 100, Map.of("ghost", 0L)).matchLexemes(100)).isEmpty();
        assertThat(stats(10, 100, Map.of()).matchLexemes(100)).isEmpty();
        assertThat(stats(10, 100, Map.of("zeta", 2L, "alpha", 2L, "mid", 2L)).matchLexemes(4))
                .containsExactly("alpha", "mid");
    }

    @Test
    void aRareTermOutscoresACommonOne() {
        Bm25 bm25 = stats(1000, 20_000, Map.of("rare", 2L, "common", 800L));
        double rare = bm25.score(Map.of("rare", 1), 20);
        double common = bm25.score(Map.of("common", 1), 20);
        assertThat(rare).isGreaterThan(common * 5);
        // idf = ln(1 + (N - df + 0.5) / (df + 0.5)); average length 20, so the length term is 1
        assertThat(rare).isCloseTo(Math.log(1 + 998.5 / 2.5), offset(1e-12));
    }

    @Test
    void repeatsRaiseTheScoreWithDiminishingReturns() {
        Bm25 bm25 = stats(100, 2000, Map.of("deploy", 10L));
        double once = bm25.score(Map.of("deploy", 1), 20);
        double twice = bm25.score(Map.of("deploy", 2), 20);
        double tenTimes = bm25.score(Map.of("deploy", 10), 20);
        assertThat(twice).isGreaterThan(once);
        assertThat(tenTimes).isGreaterThan(twice);
        assertThat(twice - once).isGreaterThan((tenTimes - twice) / 8);
        // saturation: never more than (k1 + 1) times the idf (here once = idf, the length term being 1)
        assertThat(bm25.score(Map.of("deploy", 1_000_000), 20)).isLessThan(once * 2.2);
    }

    @Test
    void aLongerChunkScoresLessForTheSameMatches() {
        Bm25 bm25 = stats(100, 2000, Map.of("deploy", 10L));
        assertThat(bm25.score(Map.of("deploy", 1), 10))
                .isGreaterThan(bm25.score(Map.of("deploy", 1), 20))
                .isGreaterThan(bm25.score(Map.of("deploy", 1), 200));
    }

    @Test
    void termsAddUpAndNoTermsScoreZero() {
        Bm25 bm25 = stats(100, 2000, Map.of("a", 10L, "b", 30L));
        assertThat(bm25.score(Map.of("a", 1, "b", 2), 20))
                .isCloseTo(bm25.score(Map.of("a", 1), 20) + bm25.score(Map.of("b", 2), 20), offset(1e-12));
        assertThat(bm25.score(Map.of(), 20)).isZero();
    }

    @Test
    void staleOrEmptyStatisticsStillGiveAPositiveScore() {
        // a chunk committed after the statistics were read: no chunks counted, no frequency known
        assertThat(stats(0, 0, Map.of()).score(Map.of("new", 1), 12)).isPositive();
        // a lexeme counted in more chunks than the hub holds (statistics folded at different times)
        assertThat(stats(5, 50, Map.of("x", 9L)).score(Map.of("x", 1), 10)).isPositive();
    }
}
