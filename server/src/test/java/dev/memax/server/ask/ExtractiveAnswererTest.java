package dev.memax.server.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The extractive answer's choice of sentences, given which question lexemes each sentence holds
 * (the database's stemming is what the end-to-end tests cover), with a word counter for tokens.
 */
class ExtractiveAnswererTest {
    private static int words(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    /** The first {@code max} words. */
    private static String firstWords(String text, int max) {
        String[] words = text.strip().split("\\s+");
        return String.join(" ", List.of(words).subList(0, Math.min(max, words.length)));
    }

    private static ExtractiveAnswerer.Sentence sentence(int source, String text, String... matched) {
        return new ExtractiveAnswerer.Sentence(source, text, Set.of(matched));
    }

    private static String compose(int maxTokens, ExtractiveAnswerer.Sentence... sentences) {
        return ExtractiveAnswerer.compose(
                List.of(sentences), maxTokens, ExtractiveAnswererTest::words, ExtractiveAnswererTest::firstWords);
    }

    @Test
    void theSentenceHoldingMostQuestionWordsAnswersFirstWithItsCitation() {
        assertThat(compose(
                        100,
                        sentence(1, "Deploys happen daily.", "deploy"),
                        sentence(1, "The freeze stops deploys in December.", "freez", "deploy", "decemb")))
                .isEqualTo("The freeze stops deploys in December. [1]");
    }

    @Test
    void aSecondSentenceJoinsOnlyForWordsTheFirstLeftUncovered() {
        assertThat(compose(
                        100,
                        sentence(1, "The freeze starts on Dec 18.", "freez", "start"),
                        sentence(2, "The freeze starts soon.", "freez", "start"),
                        sentence(2, "It ends on Jan 5.", "end")))
                .isEqualTo("The freeze starts on Dec 18. [1] It ends on Jan 5. [2]");
    }

    @Test
    void aLowerRankedSourceMustCoverMoreToWin() {
        // two words in source 1 against three in source 8: 2 / 1 > 3 / (1 + 0.15 · 7)
        assertThat(compose(100, sentence(1, "Best source.", "a", "b"), sentence(8, "Eighth source.", "a", "b", "c")))
                .startsWith("Best source. [1]");
        // but the same three words one place lower win
        assertThat(compose(100, sentence(1, "Best source.", "a", "b"), sentence(2, "Second source.", "a", "b", "c")))
                .isEqualTo("Second source. [2]");
    }

    @Test
    void atMostThreeSentencesAreTaken() {
        assertThat(compose(
                        100,
                        sentence(1, "One.", "a"),
                        sentence(1, "Two.", "b"),
                        sentence(1, "Three.", "c"),
                        sentence(1, "Four.", "d")))
                .isEqualTo("One. [1] Two. [1] Three. [1]");
    }

    @Test
    void theTokenBudgetStopsFurtherSentences() {
        assertThat(compose(5, sentence(1, "one two three", "a"), sentence(1, "four five six", "b")))
                .isEqualTo("one two three [1]");
        assertThat(compose(6, sentence(1, "one two three", "a"), sentence(1, "four five six", "b")))
                .isEqualTo("one two three [1] four five six [1]");
    }

    @Test
    void aFirstSentenceOverTheWholeBudgetIsCutAndMarked() {
        assertThat(compose(3, sentence(2, "one two three four five", "a"))).isEqualTo("one two three… [2]");
    }

    @Test
    void withoutASharedWordTheBestSourcesFirstSentenceAnswers() {
        assertThat(compose(
                        100,
                        sentence(1, "Paraphrased answer.", new String[0]),
                        sentence(2, "Something else.", new String[0])))
                .isEqualTo("Paraphrased answer. [1]");
        assertThat(compose(2, sentence(1, "a long paraphrased answer", new String[0])))
                .isEqualTo("a long… [1]");
    }

    @Test
    void theCallersListIsLeftAsItWas() {
        List<ExtractiveAnswerer.Sentence> sentences = List.of(sentence(1, "One.", "a"));
        ExtractiveAnswerer.compose(
                new java.util.ArrayList<>(sentences),
                100,
                ExtractiveAnswererTest::words,
                ExtractiveAnswererTest::firstWords);
        assertThat(sentences).hasSize(1);
    }
}
