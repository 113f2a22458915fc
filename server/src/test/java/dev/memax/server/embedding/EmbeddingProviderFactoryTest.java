package dev.memax.server.embedding;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MEMAX_EMBEDDING_PROVIDER picks exactly one provider. */
class EmbeddingProviderFactoryTest {
    private final EmbeddingProviderFactory factory = new EmbeddingProviderFactory();

    static EmbeddingSettings settings(String provider) {
        return new EmbeddingSettings(provider, null, null, null, null, null, null, null, null, null, null, 1);
    }

    @Test
    void defaultIsBgeSmall() {
        try (EmbeddingProvider provider = factory.embeddingProvider(settings(null))) {
            assertThat(provider).isInstanceOf(OnnxEmbeddingProvider.class);
            assertThat(provider.modelId()).isEqualTo("bge-small-en-v1.5-q");
        }
        try (EmbeddingProvider provider = factory.embeddingProvider(settings(" BGE-Small "))) {
            assertThat(provider.modelId()).isEqualTo("bge-small-en-v1.5-q");
        }
    }

    @Test
    void minilmIsSelectable() {
        try (EmbeddingProvider provider = factory.embeddingProvider(settings("minilm"))) {
            assertThat(provider.modelId()).isEqualTo("all-minilm-l6-v2-q");
            assertThat(provider.maxTokens()).isEqualTo(126);
        }
    }

    @Test
    void unknownProviderFailsStartupWithTheChoices() {
        assertThatThrownBy(() -> factory.embeddingProvider(settings("word2vec")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("word2vec").hasMessageContaining("bge-small").hasMessageContaining("minilm");
    }
}
