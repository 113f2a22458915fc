package dev.memax.server.oauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.memax.server.oauth.ClientMetadataFetcher.ClientMetadata;
import dev.memax.server.oauth.ClientMetadataFetcher.Fetched;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Client ID Metadata Documents already fetched, each kept for its own {@link Fetched#cacheFor()}
 * (the document's {@code Cache-Control}, bounded by {@code max-cache-ttl}); at most
 * {@value #MAX_ENTRIES} documents, least used first out. In memory, per instance. Failures are not
 * cached: the next request for the id fetches again.
 */
@Singleton
public class ClientMetadataCache {
    static final int MAX_ENTRIES = 1_000;

    private final ClientMetadataFetcher fetcher;
    private final Cache<String, Fetched> documents;

    @Inject
    public ClientMetadataCache(ClientMetadataFetcher fetcher) {
        this(fetcher, Ticker.systemTicker());
    }

    ClientMetadataCache(ClientMetadataFetcher fetcher, Ticker ticker) {
        this.fetcher = fetcher;
        this.documents = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .ticker(ticker)
                .expireAfter(new Expiry<String, Fetched>() {
                    @Override
                    public long expireAfterCreate(String key, Fetched value, long currentTime) {
                        return value.cacheFor().toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Fetched value, long currentTime, long currentDuration) {
                        return value.cacheFor().toNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Fetched value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /**
     * The document {@code clientId} names, from memory while its time lasts, else fetched (and
     * checked) again. Throws {@link ClientMetadataException} when it cannot be used.
     */
    public ClientMetadata get(String clientId) {
        Fetched cached = documents.getIfPresent(clientId);
        if (cached != null) {
            return cached.metadata();
        }
        // Fetched outside the cache's lock: a slow host must not hold up other ids. Two concurrent
        // first requests for one id may both fetch; both results are the same document.
        Fetched fetched = fetcher.fetch(clientId);
        if (!fetched.cacheFor().isZero() && !fetched.cacheFor().isNegative()) {
            documents.put(clientId, fetched);
        }
        return fetched.metadata();
    }

    /** Forgets {@code clientId}'s document (e.g. after its redirect URI did not match, to see a fresh one next time). */
    public void invalidate(String clientId) {
        documents.invalidate(clientId);
    }
}
