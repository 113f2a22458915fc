package dev.memax.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.embedding.ChunkText;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code reembed} rebuilds a stored chunk's embedded text through {@link ChunkText}: it must be the
 * text a fresh write embedded, or re-embedded vectors would differ from new ones.
 */
class MemoryChunkingTest {
    private static int words(String text) {
        String t = text.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    private final Chunker chunker = new Chunker(48, MemoryChunkingTest::words);
    private final ChunkText chunkText = new MemoryChunking().chunkText(chunker);

    @Test
    void theRebuiltTextIsWhatTheWriteEmbeddedLongContextsIncluded() {
        String longTitle = "t ".repeat(60).strip();
        String content = "intro\n# A\n" + "x ".repeat(70) + "\n## B\nend";
        for (String title : List.of("Title", longTitle, "")) {
            List<Chunker.Chunk> chunks = chunker.chunk(title, content);
            assertThat(chunks).hasSizeGreaterThan(2);
            assertThat(chunks)
                    .allSatisfy(c -> assertThat(chunkText.embedText(title, c.headingChain(), c.ordinal(), c.content()))
                            .isEqualTo(c.embedText()));
            Chunker.Views views = chunker.views(title, content, chunks.get(0).embedText());
            assertThat(chunkText.memoryText(title, content, chunks.get(0).embedText()))
                    .isEqualTo(views.memoryText());
        }
    }

    @Test
    void theEmbeddingPackagesDefaultAgreesWithTheChunkerWhileTheContextFits() {
        List<Chunker.Chunk> chunks = chunker.chunk("Guide", "intro\n# A\nfirst\n## B\nsecond");
        assertThat(chunks)
                .allSatisfy(c -> assertThat(
                                ChunkText.DEFAULT.embedText("Guide", c.headingChain(), c.ordinal(), c.content()))
                        .isEqualTo(c.embedText()));
        assertThat(ChunkText.DEFAULT.memoryText("Guide", "intro", "Guide\n\nintro"))
                .isNull();
    }
}
