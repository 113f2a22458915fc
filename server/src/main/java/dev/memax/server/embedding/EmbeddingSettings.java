package dev.memax.server.embedding;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * {@code MEMAX_EMBEDDING_*} environment variables (see application.yml).
 *
 * @param provider         {@code bge-small} (default), {@code minilm} or {@code openai}
 * @param url              base URL of an OpenAI-compatible API (openai provider)
 * @param model            model name sent to that API
 * @param apiKey           bearer token for that API (optional for local servers)
 * @param dimensions       requested output dimensions (sent as {@code dimensions} when set)
 * @param maxTokens        token limit of the remote model (the in-process models know theirs)
 * @param batchSize        most inputs per remote call
 * @param timeout          per remote call
 * @param maxRetries       retries of a remote call on 429/5xx/network errors
 * @param queryCacheSize   query vectors kept in memory (0 disables the cache)
 * @param djlCacheDir      where the tokenizer's native library is unpacked ({@code DJL_CACHE_DIR})
 * @param threads          threads embedding a batch in process (0: one per core)
 */
@ConfigurationProperties("memax.embedding")
public record EmbeddingSettings(
        @Nullable String provider,
        @Nullable String url,
        @Nullable String model,
        @Nullable String apiKey,
        @Nullable Integer dimensions,
        @Nullable Integer maxTokens,
        @Nullable Integer batchSize,
        @Nullable Duration timeout,
        @Nullable Integer maxRetries,
        @Nullable Integer queryCacheSize,
        @Nullable String djlCacheDir,
        @Nullable Integer threads) {

    public String providerOrDefault() {
        return provider == null || provider.isBlank()
                ? "bge-small"
                : provider.trim().toLowerCase(java.util.Locale.ROOT);
    }

    public int threadsOrDefault() {
        return threads == null || threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
