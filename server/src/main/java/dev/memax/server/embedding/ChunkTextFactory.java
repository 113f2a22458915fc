package dev.memax.server.embedding;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

/** {@link ChunkText#DEFAULT}, unless another package declares a {@link ChunkText} bean. */
@Factory
class ChunkTextFactory {
    @Singleton
    @Secondary
    ChunkText defaultChunkText() {
        return ChunkText.DEFAULT;
    }
}
