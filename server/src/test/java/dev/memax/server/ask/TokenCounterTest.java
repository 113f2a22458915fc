package dev.memax.server.ask;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Counting and cutting in o200k tokens, which bounds the ask context and the extractive answer. */
class TokenCounterTest {
    private final TokenCounter tokens = new TokenCounter();

    @Test
    void nothingCountsNothingAndWordsCountAboutOneEach() {
        assertThat(tokens.count(null)).isZero();
        assertThat(tokens.count("")).isZero();
        assertThat(tokens.count("hello")).isEqualTo(1);
        assertThat(tokens.count("the freeze starts on the eighteenth")).isBetween(5, 8);
    }

    @Test
    void truncateKeepsTheLongestPrefixThatFits() {
        String text = "The deploy freeze starts on December 18 and ends on January 5.";
        String cut = tokens.truncate(text, 4);
        assertThat(tokens.count(cut)).isEqualTo(4);
        assertThat(text).startsWith(cut);
        assertThat(tokens.truncate(text, 1000)).isSameAs(text);
        assertThat(tokens.truncate(text, tokens.count(text))).isEqualTo(text);
        assertThat(tokens.truncate(text, 0)).isEmpty();
        assertThat(tokens.truncate(text, -1)).isEmpty();
    }

    @Test
    void nonLatinTextIsCountedAndCutToo() {
        String text = "東京は日本の首都です。北京は中国の首都です。";
        assertThat(tokens.count(text)).isPositive();
        assertThat(tokens.count(tokens.truncate(text, 3))).isLessThanOrEqualTo(3);
    }
}
