package dev.memax.server.embedding;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The one active {@link EmbeddingProvider}, chosen by {@code MEMAX_EMBEDDING_PROVIDER}:
 * {@code bge-small} (default), {@code minilm} or {@code openai}; an unknown value fails startup.
 * Every other package gets it wrapped in the query cache and metrics ({@link CachingEmbeddingProvider}).
 */
@Factory
public class EmbeddingProviderFactory {
    static final int DEFAULT_QUERY_CACHE_SIZE = 4096;

    @Singleton
    @Bean(preDestroy = "close")
    public EmbeddingProvider embeddingProvider(EmbeddingSettings settings, @Nullable MeterRegistry meters) {
        Integer size = settings.queryCacheSize();
        return new CachingEmbeddingProvider(
                configured(settings), size == null ? DEFAULT_QUERY_CACHE_SIZE : size, meters);
    }

    /** The provider the settings name, without cache or metrics. */
    public static EmbeddingProvider configured(EmbeddingSettings settings) {
        String name = settings.providerOrDefault();
        if (name.equals("openai")) {
            return new OpenAiEmbeddingProvider(settings);
        }
        for (OnnxModel model : OnnxModel.values()) {
            if (model.providerName().equals(name) || model.modelId().equals(name)) {
                return new OnnxEmbeddingProvider(model, settings.threadsOrDefault(), settings.djlCacheDir());
            }
        }
        throw new ConfigurationException("MEMAX_EMBEDDING_PROVIDER='" + name + "' is not one of "
                + Arrays.stream(OnnxModel.values()).map(OnnxModel::providerName).collect(Collectors.joining(", "))
                + ", openai");
    }
}
