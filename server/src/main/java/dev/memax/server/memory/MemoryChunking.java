package dev.memax.server.memory;

import dev.memax.server.embedding.ChunkText;
import dev.memax.server.embedding.EmbeddingProvider;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The one {@link Chunker} (sized for the active embedding model, counting with its tokenizer),
 * and its {@link Chunker#embedText} and memory view as the {@link ChunkText} that {@code reembed} uses, so a
 * re-embedded chunk gets exactly the text a fresh write would have embedded.
 */
@Factory
class MemoryChunking {

    @Singleton
    Chunker chunker(EmbeddingProvider embeddings) {
        return new Chunker(embeddings.maxTokens(), embeddings::countTokens);
    }

    @Singleton
    ChunkText chunkText(Chunker chunker) {
        return new ChunkText() {
            @Override
            public String embedText(String memoryTitle, List<String> headingChain, int ordinal, String content) {
                return chunker.embedText(memoryTitle, headingChain, ordinal, content);
            }

            @Override
            public String memoryText(String memoryTitle, String memoryContent, String firstChunkText) {
                return chunker.views(memoryTitle, memoryContent, firstChunkText).memoryText();
            }
        };
    }
}
