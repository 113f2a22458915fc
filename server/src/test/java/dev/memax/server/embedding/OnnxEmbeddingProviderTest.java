package dev.memax.server.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Both in-process models: dimensions, normalisation, semantic ordering, token counts. */
class OnnxEmbeddingProviderTest {
    private static OnnxEmbeddingProvider bge;
    private static OnnxEmbeddingProvider minilm;

    @BeforeAll
    static void load() {
        bge = new OnnxEmbeddingProvider(OnnxModel.BGE_SMALL, 2, null);
        minilm = new OnnxEmbeddingProvider(OnnxModel.MINILM, 2, null);
    }

    @AfterAll
    static void close() {
        bge.close();
        minilm.close();
    }

    @Test
    void describesTheModels() {
        assertThat(bge.modelId()).isEqualTo("bge-small-en-v1.5-q");
        assertThat(bge.dimensions()).isEqualTo(384);
        assertThat(bge.maxTokens()).isEqualTo(510);
        assertThat(minilm.modelId()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(minilm.dimensions()).isEqualTo(384);
        assertThat(minilm.maxTokens()).isEqualTo(126);
    }

    @Test
    void firstEmbedWaitsForTheBackgroundLoad() {
        OnnxEmbeddingProvider fresh = new OnnxEmbeddingProvider(OnnxModel.BGE_SMALL, 1, null);
        try {
            assertThat(fresh.embedQuery("hello").length).isEqualTo(384);
            assertThat(fresh.isReady()).isTrue();
        } finally {
            fresh.close();
        }
    }

    @Test
    void vectorsAreNormalisedAndInInputOrder() {
        for (OnnxEmbeddingProvider provider : List.of(bge, minilm)) {
            List<String> texts = List.of(
                    "The cat sat on the mat.",
                    "PostgreSQL stores rows in heap pages.",
                    "Quarterly revenue grew by eight percent.",
                    "A kitten rested on the rug.");
            List<float[]> batch = provider.embedDocuments(texts);
            assertThat(batch).hasSize(4);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(batch.get(i)).hasSize(384);
                assertThat(norm(batch.get(i))).isCloseTo(1.0, within(1e-3));
                // batched and single embeddings agree, so order is preserved
                assertThat(cosine(batch.get(i), provider.embedQuery(texts.get(i))))
                        .isGreaterThan(0.9999);
            }
            assertThat(provider.embedDocuments(List.of())).isEmpty();
        }
    }

    /** Our own ONNX sessions (other thread settings) must not change a vector already stored. */
    @Test
    void vectorsMatchLangChain4jsOwnModels() {
        String text = "Memax keeps memories for agents; recall blends keywords and vectors.";
        float[] reference =
                new BgeSmallEnV15QuantizedEmbeddingModel().embed(text).content().vector();
        assertThat(cosine(bge.embedDocuments(List.of(text)).get(0), reference)).isGreaterThan(0.99999);
        reference =
                new AllMiniLmL6V2QuantizedEmbeddingModel().embed(text).content().vector();
        assertThat(cosine(minilm.embedDocuments(List.of(text)).get(0), reference))
                .isGreaterThan(0.99999);
    }

    @Test
    void similarTextsAreCloserThanUnrelatedOnes() {
        for (OnnxEmbeddingProvider provider : List.of(bge, minilm)) {
            List<float[]> v = provider.embedDocuments(List.of(
                    "How do I reset my password?",
                    "Steps to recover a forgotten account password",
                    "The recipe needs two cups of flour and an egg."));
            assertThat(cosine(v.get(0), v.get(1)))
                    .as(provider.modelId())
                    .isGreaterThan(cosine(v.get(0), v.get(2)) + 0.1);
            float[] query = provider.embedQuery("forgot my password");
            assertThat(cosine(query, v.get(1))).isGreaterThan(cosine(query, v.get(2)));
        }
    }

    @Test
    void countsTokensWithTheModelsTokenizerWithoutTruncating() {
        assertThat(bge.countTokens("")).isZero();
        assertThat(bge.countTokens("hello world")).isEqualTo(2);
        assertThat(bge.countTokens("unbelievably")).isGreaterThan(1); // word pieces
        String long1000 = "word ".repeat(1000);
        assertThat(bge.countTokens(long1000)).isEqualTo(1000);
        // MiniLM's bundled tokenizer truncates at 128: counting must not
        assertThat(minilm.countTokens(long1000)).isEqualTo(1000);
    }

    @Test
    void textBeyondMaxTokensIsInvisibleSoCallersMustChunk() {
        String head = "alpha beta gamma delta ".repeat(40); // 160 tokens > MiniLM's 126
        float[] a = minilm.embedQuery(head + " the ending talks about volcanoes");
        float[] b = minilm.embedQuery(head + " the ending talks about banking regulation");
        assertThat(minilm.countTokens(head)).isGreaterThan(minilm.maxTokens());
        assertThat(cosine(a, b)).isGreaterThan(0.9999);
    }

    @Test
    void rejectsBlankText() {
        assertThatThrownBy(() -> bge.embedQuery("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bge.embedDocuments(List.of("ok", ""))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void djlCacheDirDefaultsAwayFromTheHomeDirectory() {
        bge.embedQuery("x");
        String dir = System.getProperty(DjlCache.VARIABLE);
        assertThat(dir).isNotBlank();
        if (System.getenv(DjlCache.VARIABLE) == null) {
            assertThat(dir).startsWith(System.getProperty("java.io.tmpdir"));
        }
    }

    static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot / (norm(a) * norm(b));
    }
}
