package dev.memax.server.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.testing.MemaxServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server creates its model's partial HNSW index at startup; ensure is idempotent and safe with odd ids. */
class EmbeddingIndexesTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    @Test
    void activeModelIsTheDefaultAndItsIndexExistsAtStartup() {
        EmbeddingProvider provider = SERVER.server().bean(EmbeddingProvider.class);
        assertThat(provider.modelId()).isEqualTo("bge-small-en-v1.5-q");
        String name = EmbeddingIndexes.indexName(provider.modelId(), provider.dimensions());
        assertThat(name).isEqualTo("memory_chunks_hnsw_bge_small_en_v1_5_q_384");
        assertThat(SERVER.database()
                        .queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = '" + name + "'"
                                + " AND indexdef LIKE '%USING hnsw%vector(384)%vector_cosine_ops%m=''16''%ef_construction=''64''%'"
                                + " AND indexdef LIKE '%WHERE (model = ''bge-small-en-v1.5-q''::text)%'"))
                .isEqualTo(1);
        // idempotent
        assertThat(SERVER.server().bean(EmbeddingIndexes.class).ensureActive()).isEqualTo(name);
    }

    @Test
    void modelLoadsInTheBackgroundOnceTheServerListens() {
        EmbeddingProvider provider = SERVER.server().bean(EmbeddingProvider.class);
        assertThat(((CachingEmbeddingProvider) provider).delegate()).isInstanceOf(OnnxEmbeddingProvider.class);
        assertThat(provider.awaitReady(60_000)).isTrue();
        assertThat(provider.isReady()).isTrue();
        assertThat(provider.embedQuery("ready").length).isEqualTo(384);
        provider.embedQuery("ready");
        String metrics = SERVER.http()
                .get("/metrics", "Authorization", "Bearer " + MemaxServerExtension.METRICS_TOKEN)
                .body();
        assertThat(metrics)
                .containsPattern("memax_embedding_query_cache_total\\{[^}]*result=\"hit\"[^}]*\\} [1-9]")
                .contains("memax_embedding_duration_seconds_count");
    }

    @Test
    void namesAreSafeIdentifiersAndQuotesAreEscaped() {
        EmbeddingIndexes indexes = SERVER.server().bean(EmbeddingIndexes.class);
        String evil = "x'; DROP TABLE memories; --";
        String name = indexes.ensure(evil, 3);
        assertThat(name).matches("memory_chunks_hnsw_[a-z0-9_]+_3").hasSizeLessThanOrEqualTo(63);
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM memories")).isZero(); // table still there
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = '" + name + "'"))
                .isEqualTo(1);
        String longId = "org/some-very-long-provider-name/text-embedding-model-with-a-really-long-name-v2";
        assertThat(EmbeddingIndexes.indexName(longId, 1536))
                .hasSizeLessThanOrEqualTo(63)
                .endsWith("_1536");
        assertThat(EmbeddingIndexes.indexName("a_b", 3)).isNotEqualTo(EmbeddingIndexes.indexName("a-b", 3));
    }

    @Test
    void rebuildsAnIndexLeftInvalid() {
        EmbeddingIndexes indexes = SERVER.server().bean(EmbeddingIndexes.class);
        String name = indexes.ensure("broken-model", 4);
        SERVER.database().execute("UPDATE pg_index SET indisvalid = false WHERE indexrelid = '" + name + "'::regclass");
        assertThat(indexes.ensure("broken-model", 4)).isEqualTo(name);
        assertThat(SERVER.database()
                        .queryLong("SELECT count(*) FROM pg_index WHERE indexrelid = '" + name
                                + "'::regclass AND indisvalid"))
                .isEqualTo(1);
    }
}
