package dev.memax.server.embedding;

import static dev.memax.server.embedding.OnnxEmbeddingProviderTest.cosine;
import static dev.memax.server.embedding.OnnxEmbeddingProviderTest.norm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible client against a local server speaking the real /v1/embeddings format. */
class OpenAiEmbeddingProviderTest {
    private FakeEmbeddingsApi api;

    @BeforeEach
    void start() throws IOException {
        api = new FakeEmbeddingsApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private OpenAiEmbeddingProvider provider(String model, Integer dimensions, Integer batchSize, Integer retries) {
        EmbeddingSettings settings = new EmbeddingSettings(
                "openai",
                api.baseUrl(),
                model,
                "sk-test",
                dimensions,
                null,
                batchSize,
                Duration.ofSeconds(5),
                retries,
                null,
                null,
                null);
        return new OpenAiEmbeddingProvider(settings, Duration.ofMillis(5), Duration.ofMillis(2000));
    }

    @Test
    void embedsInBatchesInInputOrderNormalised() {
        OpenAiEmbeddingProvider provider = provider("fake-model", 8, 3, 0);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            texts.add("text number " + "abcdefghij".substring(0, i + 1));
        }
        List<float[]> vectors = provider.embedDocuments(texts);
        assertThat(vectors).hasSize(7);
        assertThat(api.requests).hasSize(3); // 3 + 3 + 1
        assertThat(api.requests.get(0).get("input")).hasSize(3);
        assertThat(api.requests.get(2).get("input")).hasSize(1);
        assertThat(api.requests.get(0).get("model").asText()).isEqualTo("fake-model");
        assertThat(api.requests.get(0).get("dimensions").asInt()).isEqualTo(8);
        assertThat(api.headers.get(0).get("Authorization")).containsExactly("Bearer sk-test");
        for (int i = 0; i < texts.size(); i++) {
            assertThat(norm(vectors.get(i))).isCloseTo(1.0, within(1e-5));
            assertThat(cosine(vectors.get(i), FakeEmbeddingsApi.vectorOf(texts.get(i), 8)))
                    .isCloseTo(1.0, within(1e-5));
        }
        assertThat(provider.modelId()).isEqualTo("fake-model@8");
        assertThat(provider.dimensions()).isEqualTo(8);
        assertThat(provider.endpoint().toString()).isEqualTo(api.baseUrl() + "/v1/embeddings");
    }

    @Test
    void outOfOrderIndexesAreSortedBack() {
        api.reverseOrder = true;
        OpenAiEmbeddingProvider provider = provider("fake-model", 8, null, 0);
        List<String> texts = List.of("apple", "zebra zebra", "quick quack");
        List<float[]> vectors = provider.embedDocuments(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(cosine(vectors.get(i), FakeEmbeddingsApi.vectorOf(texts.get(i), 8)))
                    .isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void retriesA429HonouringRetryAfterThenSucceeds() {
        api.fail(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}", "1");
        OpenAiEmbeddingProvider provider = provider("fake-model", 8, null, 2);
        long started = System.nanoTime();
        float[] vector = provider.embedQuery("hello");
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(vector).hasSize(8);
        assertThat(api.requests).hasSize(2);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(950); // waited for Retry-After: 1, not the 5 ms backoff
    }

    @Test
    void fiveHundredsExhaustRetriesIntoAClearError() {
        for (int i = 0; i < 3; i++) {
            api.fail(500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}", null);
        }
        OpenAiEmbeddingProvider provider = provider("fake-model", 8, null, 2);
        assertThatThrownBy(() -> provider.embedQuery("hello"))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("The server had an error");
        assertThat(api.requests).hasSize(3);
    }

    @Test
    void clientErrorsAreNotRetried() {
        api.fail(
                401,
                "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}",
                null);
        OpenAiEmbeddingProvider provider = provider("fake-model", 8, null, 4);
        assertThatThrownBy(() -> provider.embedQuery("hello"))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("Incorrect API key provided");
        assertThat(api.requests).hasSize(1);
    }

    @Test
    void wrongDimensionsAreAnError() {
        api.answerDimensions = 5;
        OpenAiEmbeddingProvider provider = provider("fake-model", 8, null, 0);
        assertThatThrownBy(() -> provider.embedDocuments(List.of("a", "b")))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("5-dimensional")
                .hasMessageContaining("configured for 8");
    }

    @Test
    void knownModelsNeedNoProbeAndUnknownOnesAreProbedOnce() {
        OpenAiEmbeddingProvider known = provider("text-embedding-3-small", null, null, 0);
        assertThat(known.dimensions()).isEqualTo(1536);
        assertThat(known.maxTokens()).isEqualTo(8191);
        assertThat(known.modelId()).isEqualTo("text-embedding-3-small");
        assertThat(api.requests).isEmpty();

        OpenAiEmbeddingProvider unknown = provider("my-model", null, null, 0);
        assertThat(unknown.dimensions()).isEqualTo(8);
        assertThat(unknown.dimensions()).isEqualTo(8);
        assertThat(api.requests).hasSize(1);
        assertThat(api.requests.get(0).has("dimensions")).isFalse();
        assertThat(unknown.modelId()).isEqualTo("my-model");
    }

    @Test
    void endpointsAcceptBasesWithOrWithoutV1() {
        assertThat(OpenAiEmbeddingProvider.endpoint("https://api.openai.com").toString())
                .isEqualTo("https://api.openai.com/v1/embeddings");
        assertThat(OpenAiEmbeddingProvider.endpoint("http://localhost:11434/").toString())
                .isEqualTo("http://localhost:11434/v1/embeddings");
        assertThat(OpenAiEmbeddingProvider.endpoint("http://gw/openai/v1").toString())
                .isEqualTo("http://gw/openai/v1/embeddings");
        assertThat(OpenAiEmbeddingProvider.endpoint("http://gw/x/embeddings").toString())
                .isEqualTo("http://gw/x/embeddings");
    }

    @Test
    void unreachableServerIsAClearErrorAfterRetries() {
        int port = Integer.parseInt(api.baseUrl().replaceAll(".*:", ""));
        api.close();
        EmbeddingSettings settings = new EmbeddingSettings(
                "openai",
                "http://127.0.0.1:" + port,
                "m",
                null,
                4,
                null,
                null,
                Duration.ofSeconds(2),
                1,
                null,
                null,
                null);
        OpenAiEmbeddingProvider provider =
                new OpenAiEmbeddingProvider(settings, Duration.ofMillis(5), Duration.ofMillis(50));
        assertThatThrownBy(() -> provider.embedQuery("x"))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("after 2 attempts")
                .hasMessageContaining("ConnectException");
    }

    @Test
    void missingUrlFailsStartup() {
        EmbeddingSettings settings =
                new EmbeddingSettings("openai", " ", null, null, null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> EmbeddingProviderFactory.configured(settings))
                .hasMessageContaining("MEMAX_EMBEDDING_URL");
    }
}
