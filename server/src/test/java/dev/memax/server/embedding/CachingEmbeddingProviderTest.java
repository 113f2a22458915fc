package dev.memax.server.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The query cache: LRU by (model, text), hit/miss counters, copies in and out, documents uncached. */
class CachingEmbeddingProviderTest {

    /** Counts calls; a text's vector is its length and first char. */
    static final class Counting implements EmbeddingProvider {
        final AtomicInteger queries = new AtomicInteger();
        final AtomicInteger documents = new AtomicInteger();

        @Override
        public String modelId() {
            return "counting";
        }

        @Override
        public int dimensions() {
            return 2;
        }

        @Override
        public int maxTokens() {
            return 100;
        }

        @Override
        public List<float[]> embedDocuments(List<String> texts) {
            documents.addAndGet(texts.size());
            return texts.stream().map(Counting::vector).toList();
        }

        @Override
        public float[] embedQuery(String query) {
            queries.incrementAndGet();
            return vector(query);
        }

        static float[] vector(String text) {
            return new float[] {text.length(), text.charAt(0)};
        }
    }

    @Test
    void repeatedQueriesHitTheCacheAndTheCountersSaySo() {
        Counting inner = new Counting();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CachingEmbeddingProvider provider = new CachingEmbeddingProvider(inner, 2, meters);
        float[] first = provider.embedQuery("alpha");
        first[0] = 99; // callers may scribble on what they get
        assertThat(provider.embedQuery("alpha")).containsExactly(5, 'a');
        assertThat(inner.queries).hasValue(1);
        provider.embedQuery("beta");
        provider.embedQuery("alpha"); // alpha is now the most recent
        provider.embedQuery("gamma"); // evicts beta
        assertThat(provider.size()).isEqualTo(2);
        provider.embedQuery("alpha");
        assertThat(inner.queries).hasValue(3);
        provider.embedQuery("beta");
        assertThat(inner.queries).hasValue(4);
        assertThat(meters.get("memax.embedding.query.cache")
                        .tag("result", "hit")
                        .counter()
                        .count())
                .isEqualTo(3);
        assertThat(meters.get("memax.embedding.query.cache")
                        .tag("result", "miss")
                        .counter()
                        .count())
                .isEqualTo(4);
        assertThat(meters.get("memax.embedding.query.cache.size").gauge().value())
                .isEqualTo(2);
        assertThat(meters.get("memax.embedding.duration")
                        .tag("operation", "query")
                        .timer()
                        .count())
                .isEqualTo(4);
    }

    @Test
    void documentsAreNeverCachedAndZeroCapacityDisablesTheCache() {
        Counting inner = new Counting();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CachingEmbeddingProvider provider = new CachingEmbeddingProvider(inner, 0, meters);
        provider.embedDocuments(List.of("a", "b"));
        provider.embedDocuments(List.of("a", "b"));
        assertThat(inner.documents).hasValue(4);
        provider.embedQuery("q");
        provider.embedQuery("q");
        assertThat(inner.queries).hasValue(2);
        assertThat(provider.size()).isZero();
        assertThat(meters.get("memax.embedding.texts")
                        .tag("operation", "documents")
                        .counter()
                        .count())
                .isEqualTo(4);
    }

    @Test
    void veryLongQueriesBypassTheCache() {
        Counting inner = new Counting();
        CachingEmbeddingProvider provider = new CachingEmbeddingProvider(inner, 10, null);
        String longQuery = "x".repeat(CachingEmbeddingProvider.MAX_CACHED_QUERY_CHARS + 1);
        provider.embedQuery(longQuery);
        provider.embedQuery(longQuery);
        assertThat(inner.queries).hasValue(2);
        assertThat(provider.size()).isZero();
    }
}
