package dev.memax.server.embedding;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The one active {@link EmbeddingProvider}, chosen by {@code MEMAX_EMBEDDING_PROVIDER}:
 * {@code bge-small} (default), {@code minilm} or {@code openai}. An unknown value fails startup.
 */
@Factory
public class EmbeddingProviderFactory {

    @Singleton
    @Bean(preDestroy = "close")
    public EmbeddingProvider embeddingProvider(EmbeddingSettings settings) {
        String name = settings.providerOrDefault();
        for (OnnxModel model : OnnxModel.values()) {
            if (model.providerName().equals(name) || model.modelId().equals(name)) {
                return new OnnxEmbeddingProvider(model, settings.threadsOrDefault(), settings.djlCacheDir());
            }
        }
        throw new ConfigurationException("MEMAX_EMBEDDING_PROVIDER='" + name + "' is not one of "
                + Arrays.stream(OnnxModel.values()).map(OnnxModel::providerName).collect(Collectors.joining(", ")));
    }
}
