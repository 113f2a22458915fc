package dev.memax.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The chunker's budget bounds, empty and unicode input, fences and the memory-level views. */
class ChunkerBoundsTest {
    private static int words(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    /** The number of tokens of each chunk the chunker cuts from n one-token words. */
    private static List<Integer> sizes(Chunker chunker, int n) {
        return chunker.chunk("", "w ".repeat(n).strip()).stream()
                .map(c -> words(c.content()))
                .toList();
    }

    @Test
    void theBudgetIsTheModelsWindowLessReservedTokensCappedAt512AndAtLeast32() {
        // a 512-token model: 504 per chunk
        assertThat(sizes(new Chunker(512, ChunkerBoundsTest::words), 1008)).containsExactly(504, 504);
        // a model reading 8192 tokens still gets 504-token chunks: shorter chunks rank more precisely
        assertThat(sizes(new Chunker(8192, ChunkerBoundsTest::words), 505)).containsExactly(504, 1);
        // a tiny window never goes under 32
        assertThat(sizes(new Chunker(10, ChunkerBoundsTest::words), 64)).containsExactly(32, 32);
    }

    @Test
    void textThatFitsIsOneChunkKeptAsWritten() {
        Chunker chunker = new Chunker(512, ChunkerBoundsTest::words);
        List<Chunker.Chunk> chunks = chunker.chunk(" Title ", "  line one\nline two  \n");
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).content()).isEqualTo("line one\nline two");
        assertThat(chunks.get(0).title()).isEqualTo("Title");
        assertThat(chunks.get(0).ordinal()).isZero();
    }

    @Test
    void onlyTheFirstChunkCarriesTheTitleAndAnEmptyTitleIsNone() {
        Chunker chunker = new Chunker(48, ChunkerBoundsTest::words);
        List<Chunker.Chunk> chunks = chunker.chunk("Title", "# A\none\n# B\ntwo");
        assertThat(chunks).extracting(Chunker.Chunk::title).containsExactly("Title", null);
        assertThat(chunker.chunk("  ", "text").get(0).title()).isNull();
        assertThat(chunker.chunk(null, "text").get(0).embedText()).isEqualTo("text");
    }

    @Test
    void emptyOrBlankContentMakesOneEmptyChunkAndControlCharactersAreNoSection() {
        Chunker chunker = new Chunker(48, ChunkerBoundsTest::words);
        assertThat(chunker.chunk("T", "")).extracting(Chunker.Chunk::content).containsExactly("");
        assertThat(chunker.chunk("T", " \n\n "))
                .extracting(Chunker.Chunk::content)
                .containsExactly("");
        // a section of only format characters is dropped; the next one opens the memory
        List<Chunker.Chunk> chunks = chunker.chunk("", "\u200B\u200D\n# Real\nbody");
        assertThat(chunks).extracting(Chunker.Chunk::content).containsExactly("body");
    }

    @Test
    void aHugeWordIsCutByCharactersWithoutSplittingASurrogatePair() {
        // one token per character, so the 32-token budget is 32 characters
        Chunker chunker = new Chunker(10, String::length);
        String emoji = "😀".repeat(40); // 80 chars, 40 code points
        List<Chunker.Chunk> chunks = chunker.chunk("", "a" + emoji);
        assertThat(String.join("", chunks.stream().map(Chunker.Chunk::content).toList()))
                .isEqualTo("a" + emoji);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.content().length()).isLessThanOrEqualTo(32);
            assertThat(Character.isHighSurrogate(c.content().charAt(c.content().length() - 1)))
                    .isFalse();
            assertThat(Character.isLowSurrogate(c.content().charAt(0))).isFalse();
        });
    }

    @Test
    void tildeFencesHideHeadingsAndABacktickLineDoesNotCloseThem() {
        Chunker chunker = new Chunker(512, ChunkerBoundsTest::words);
        List<Chunker.Chunk> chunks = chunker.chunk("", "# Top\n~~~~\n```\n# not a heading\n~~~\n~~~~\n# Next\nafter");
        assertThat(chunks).extracting(Chunker.Chunk::headingChain).containsExactly(List.of("Top"), List.of("Next"));
        assertThat(chunks.get(0).content()).contains("# not a heading");
    }

    @Test
    void windowsLineEndsAndClosingHashesAreHeadings() {
        Chunker chunker = new Chunker(512, ChunkerBoundsTest::words);
        List<Chunker.Chunk> chunks =
                chunker.chunk("", "# One #\r\nfirst\r\n   ## Two\r\nsecond\r\n    # code, not a heading");
        assertThat(chunks)
                .extracting(Chunker.Chunk::headingChain)
                .containsExactly(List.of("One"), List.of("One", "Two"));
        assertThat(chunks.get(1).content()).contains("# code, not a heading");
    }

    @Test
    void aLongContextIsCutToHalfTheBudgetSoTheChunkStillFits() {
        Chunker chunker = new Chunker(48, ChunkerBoundsTest::words);
        String title = "t ".repeat(100).strip();
        List<Chunker.Chunk> chunks = chunker.chunk(title, "x ".repeat(30).strip());
        assertThat(chunks.get(0).embedText()).startsWith("t ".repeat(20).strip() + "\n\n");
        assertThat(chunks).allSatisfy(c -> assertThat(words(c.embedText())).isLessThanOrEqualTo(40));
    }

    @Test
    void theMemoryViewIsNullWhenItIsTheFirstChunkAndCutToTheBudgetOtherwise() {
        Chunker chunker = new Chunker(48, ChunkerBoundsTest::words);
        List<Chunker.Chunk> one = chunker.chunk("Title", "short body");
        Chunker.Views same = chunker.views("Title", "short body", one.get(0).embedText());
        assertThat(same.memoryText()).isNull();
        assertThat(same.title()).isEqualTo("Title");

        String body = "# H\n" + "w ".repeat(100).strip();
        List<Chunker.Chunk> many = chunker.chunk(" Title ", body);
        Chunker.Views views = chunker.views(" Title ", body, many.get(0).embedText());
        // the whole memory, title and heading line included, cut at a word to the 40-token budget
        assertThat(views.memoryText()).startsWith("Title").contains("# H").endsWith(" w");
        assertThat(words(views.memoryText())).isEqualTo(40);
        assertThat(chunker.views(" ", "body", "other").title()).isNull();
        assertThat(chunker.views(null, "", "").memoryText()).isNull();
    }
}
