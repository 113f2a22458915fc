package dev.memax.server.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

/** MEMAX_EMBEDDING_PROVIDER picks exactly one provider. */
class EmbeddingProviderFactoryTest {
    static EmbeddingSettings settings(String provider) {
        return new EmbeddingSettings(provider, null, null, null, null, null, null, null, null, null, null, 1);
    }

    @Test
    void defaultIsBgeSmall() {
        try (EmbeddingProvider provider = EmbeddingProviderFactory.configured(settings(null))) {
            assertThat(provider).isInstanceOf(OnnxEmbeddingProvider.class);
            assertThat(provider.modelId()).isEqualTo("bge-small-en-v1.5-q");
        }
        try (EmbeddingProvider provider = EmbeddingProviderFactory.configured(settings(" BGE-Small "))) {
            assertThat(provider.modelId()).isEqualTo("bge-small-en-v1.5-q");
        }
    }

    @Test
    void minilmIsSelectable() {
        try (EmbeddingProvider provider = EmbeddingProviderFactory.configured(settings("minilm"))) {
            assertThat(provider.modelId()).isEqualTo("all-minilm-l6-v2-q");
            assertThat(provider.maxTokens()).isEqualTo(126);
        }
    }

    @Test
    void theBeanIsTheConfiguredProviderBehindTheQueryCache() {
        try (EmbeddingProvider provider = new EmbeddingProviderFactory().embeddingProvider(settings("minilm"), null)) {
            assertThat(provider).isInstanceOf(CachingEmbeddingProvider.class);
            assertThat(((CachingEmbeddingProvider) provider).delegate()).isInstanceOf(OnnxEmbeddingProvider.class);
            assertThat(provider.modelId()).isEqualTo("all-minilm-l6-v2-q");
        }
    }

    @Test
    void unknownProviderFailsStartupWithTheChoices() {
        assertThatThrownBy(() -> EmbeddingProviderFactory.configured(settings("word2vec")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("word2vec")
                .hasMessageContaining("bge-small")
                .hasMessageContaining("minilm")
                .hasMessageContaining("openai");
    }
}
