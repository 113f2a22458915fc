package dev.memax.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The chunker on its own, with a word counter standing in for a tokenizer. */
class ChunkerTest {
    /** One token per whitespace-separated word. */
    private static int words(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    private final Chunker chunker = new Chunker(48, ChunkerTest::words);

    @Test
    void headingsOpenSectionsWithTheirChain() {
        List<Chunker.Chunk> chunks = chunker.chunk("Guide", """
                Preamble.
                # One
                ## One.A ##
                text a
                ### Deep
                deep text
                ## One.B
                text b
                # Two
                #hashtag is not a heading
                ```
                # fenced, not a heading
                ```
                ####### seven hashes is not a heading
                """);
        assertThat(chunks)
                .extracting(Chunker.Chunk::headingChain)
                .containsExactly(
                        List.of(),
                        List.of("One", "One.A"),
                        List.of("One", "One.A", "Deep"),
                        List.of("One", "One.B"),
                        List.of("Two"));
        assertThat(chunks).extracting(Chunker.Chunk::ordinal).containsExactly(0, 1, 2, 3, 4);
        assertThat(chunks.get(4).content()).contains("#hashtag", "# fenced, not a heading", "####### seven");
        assertThat(chunks.get(0).embedText()).isEqualTo("Guide\n\nPreamble.");
        assertThat(chunks.get(2).embedText()).isEqualTo("One > One.A > Deep\n\ndeep text");
        assertThat(chunks.get(2).content()).isEqualTo("deep text");
    }

    @Test
    void theTitleGoesIntoTheFirstChunkOnly() {
        List<Chunker.Chunk> chunks = chunker.chunk("Title", "# A\nfirst\n# B\nsecond");
        assertThat(chunks.get(0).embedText()).isEqualTo("Title\nA\n\nfirst");
        assertThat(chunks.get(1).embedText()).isEqualTo("B\n\nsecond");
        assertThat(chunker.chunk("", "plain").get(0).embedText()).isEqualTo("plain");
    }

    @Test
    void longSectionsSplitByParagraphsThenSentencesThenWords() {
        String paragraph = "word ".repeat(20).strip();
        String content = paragraph + "\n\n" + paragraph + "\n\n" + paragraph;
        List<Chunker.Chunk> chunks = chunker.chunk("", content);
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0).content()).isEqualTo(paragraph + "\n\n" + paragraph);
        chunks.forEach(c -> assertThat(words(c.embedText())).isLessThanOrEqualTo(40));

        String sentences =
                "One two three four five six seven eight nine ten. ".repeat(8).strip();
        List<Chunker.Chunk> bySentence = chunker.chunk("", sentences);
        assertThat(bySentence).hasSizeGreaterThan(1);
        assertThat(bySentence).allSatisfy(c -> assertThat(c.content()).endsWith("ten."));

        String oneSentence = "w ".repeat(100).strip();
        List<Chunker.Chunk> byWord = chunker.chunk("", oneSentence);
        assertThat(byWord).allSatisfy(c -> assertThat(words(c.content())).isLessThanOrEqualTo(40));
        assertThat(String.join(" ", byWord.stream().map(Chunker.Chunk::content).toList()))
                .isEqualTo(oneSentence);
    }

    @Test
    void theEmbedTextIsRebuiltFromTheStoredColumns() {
        String title = "t ".repeat(30).strip();
        List<Chunker.Chunk> chunks = chunker.chunk(title, "# A\n" + "x ".repeat(70) + "\n# B\nend");
        assertThat(chunks)
                .allSatisfy(c -> assertThat(chunker.embedText(title, c.headingChain(), c.ordinal(), c.content()))
                        .isEqualTo(c.embedText()));
    }

    @Test
    void onlyHeadingsStillMakeAChunk() {
        List<Chunker.Chunk> chunks = chunker.chunk("", "# Just a heading");
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).content()).isEqualTo("# Just a heading");
    }

    @Test
    void theContextCountsAgainstTheBudget() {
        String title = "t ".repeat(30).strip();
        List<Chunker.Chunk> chunks = chunker.chunk(title, "x ".repeat(60).strip());
        assertThat(chunks).allSatisfy(c -> assertThat(words(c.embedText())).isLessThanOrEqualTo(40));
    }
}
