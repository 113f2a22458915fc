package dev.memax.server.embedding;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The active provider as every other package sees it: the configured provider, plus a bounded
 * LRU cache of query vectors keyed by (model, text) for {@link #embedQuery} (agents repeat their
 * queries; a hit costs microseconds instead of ~8 ms of CPU or a network call), and metrics:
 * {@code memax.embedding.query.cache{result=hit|miss}}, {@code memax.embedding.query.cache.size},
 * {@code memax.embedding.duration{operation=documents|query}} and
 * {@code memax.embedding.texts{operation}}. Documents are never cached: they are embedded once
 * and stored.
 *
 * <p>The cache is a {@link LinkedHashMap} in access order under a lock: every operation is O(1)
 * and held for well under a microsecond, far below the embedding it saves, so a dependency
 * (Caffeine) would buy nothing measurable at recall rates of hundreds per second. Cached arrays
 * are copied in and out, so callers may modify what they get.
 */
public final class CachingEmbeddingProvider implements EmbeddingProvider {
    /** Longer queries are not cached (they are rarely repeated and would crowd the cache). */
    static final int MAX_CACHED_QUERY_CHARS = 2048;

    private final EmbeddingProvider delegate;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<Key, float[]> cache;
    private final Counter hits;
    private final Counter misses;
    private final Timer queryTimer;
    private final Timer documentsTimer;
    private final Counter documentTexts;

    private record Key(String model, String text) {}

    public CachingEmbeddingProvider(EmbeddingProvider delegate, int capacity, MeterRegistry registry) {
        this.delegate = delegate;
        this.capacity = Math.max(0, capacity);
        MeterRegistry meters = registry != null ? registry : new SimpleMeterRegistry();
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, float[]> eldest) {
                return size() > CachingEmbeddingProvider.this.capacity;
            }
        };
        String model = delegate.modelId();
        this.hits = Counter.builder("memax.embedding.query.cache")
                .tag("result", "hit")
                .tag("model", model)
                .description("Query embeddings answered from the in-memory cache")
                .register(meters);
        this.misses = Counter.builder("memax.embedding.query.cache")
                .tag("result", "miss")
                .tag("model", model)
                .description("Query embeddings computed (not in the cache)")
                .register(meters);
        Gauge.builder("memax.embedding.query.cache.size", this, CachingEmbeddingProvider::size)
                .tag("model", model)
                .description("Query vectors held in the cache")
                .register(meters);
        this.queryTimer = Timer.builder("memax.embedding.duration")
                .tag("operation", "query")
                .tag("model", model)
                .description("Time computing embeddings (cache misses only for queries)")
                .register(meters);
        this.documentsTimer = Timer.builder("memax.embedding.duration")
                .tag("operation", "documents")
                .tag("model", model)
                .description("Time computing embeddings (cache misses only for queries)")
                .register(meters);
        this.documentTexts = Counter.builder("memax.embedding.texts")
                .tag("operation", "documents")
                .tag("model", model)
                .description("Texts embedded")
                .register(meters);
    }

    /** The configured provider behind the cache. */
    public EmbeddingProvider delegate() {
        return delegate;
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public int dimensions() {
        return delegate.dimensions();
    }

    @Override
    public int maxTokens() {
        return delegate.maxTokens();
    }

    @Override
    public int countTokens(String text) {
        return delegate.countTokens(text);
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        long started = System.nanoTime();
        List<float[]> vectors = delegate.embedDocuments(texts);
        documentsTimer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        documentTexts.increment(texts.size());
        return vectors;
    }

    @Override
    public float[] embedQuery(String query) {
        boolean cacheable = capacity > 0 && query != null && query.length() <= MAX_CACHED_QUERY_CHARS;
        Key key = cacheable ? new Key(delegate.modelId(), query) : null;
        if (cacheable) {
            float[] cached = locked(() -> cache.get(key));
            if (cached != null) {
                hits.increment();
                return cached.clone();
            }
        }
        misses.increment();
        long started = System.nanoTime();
        float[] vector = delegate.embedQuery(query);
        queryTimer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (cacheable) {
            float[] copy = vector.clone();
            locked(() -> cache.put(key, copy));
        }
        return vector;
    }

    public int size() {
        return locked(cache::size);
    }

    /** What {@code action} returns, computed holding the cache's lock. */
    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void startLoading() {
        delegate.startLoading();
    }

    @Override
    public boolean isReady() {
        return delegate.isReady();
    }

    @Override
    public boolean awaitReady(long timeoutMs) {
        return delegate.awaitReady(timeoutMs);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
