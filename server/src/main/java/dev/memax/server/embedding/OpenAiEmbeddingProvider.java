package dev.memax.server.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.platform.RetryAfterHeader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any OpenAI-compatible {@code POST /v1/embeddings} endpoint: OpenAI, Azure-style gateways,
 * Ollama, vLLM, LiteLLM, text-embeddings-inference. Inputs go in batches of at most
 * {@code batchSize}; a call that answers 429 or 5xx, or fails on the network, is retried with
 * exponential backoff and jitter, waiting at least what {@code Retry-After} asks (capped); any
 * other answer, or exhausted retries, is an {@link EmbeddingException} naming the status and the
 * API's own message. Answers are checked (one vector per input, each index once, the expected
 * dimension) and vectors are L2-normalised, so every provider's vectors compare by dot product.
 *
 * <p>The model id stored with vectors is the remote model name, plus {@code @<dimensions>} when
 * dimensions are requested (a shortened text-embedding-3 vector is not comparable with a full one).
 */
public final class OpenAiEmbeddingProvider implements EmbeddingProvider {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiEmbeddingProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DEFAULT_MODEL = "text-embedding-3-small";
    static final int DEFAULT_BATCH = 64;
    static final int DEFAULT_RETRIES = 4;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Dimensions and token limits of well-known models, so no probe call is needed for them. */
    private static final Map<String, int[]> KNOWN = Map.ofEntries(
            Map.entry("text-embedding-3-small", new int[] {1536, 8191}),
            Map.entry("text-embedding-3-large", new int[] {3072, 8191}),
            Map.entry("text-embedding-ada-002", new int[] {1536, 8191}),
            Map.entry("nomic-embed-text", new int[] {768, 2048}), // Ollama's default context
            Map.entry("mxbai-embed-large", new int[] {1024, 510}),
            Map.entry("all-minilm", new int[] {384, 254}),
            Map.entry("bge-m3", new int[] {1024, 8190}),
            Map.entry("snowflake-arctic-embed", new int[] {1024, 510}));

    private static final int DEFAULT_MAX_TOKENS = 510;

    private final URI endpoint;
    private final String model;
    private final String apiKey;
    private final Integer requestedDimensions;
    private final int maxTokens;
    private final int batchSize;
    private final Duration timeout;
    private final int maxRetries;
    private final Duration baseBackoff;
    private final Duration maxBackoff;
    private final HttpClient http;
    private volatile int dimensions;

    public OpenAiEmbeddingProvider(EmbeddingSettings settings) {
        this(settings, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /** {@code baseBackoff}/{@code maxBackoff}: first retry delay and the cap of any delay (tests shrink them). */
    OpenAiEmbeddingProvider(EmbeddingSettings settings, Duration baseBackoff, Duration maxBackoff) {
        if (settings.url() == null || settings.url().isBlank()) {
            throw new io.micronaut.context.exceptions.ConfigurationException(
                    "MEMAX_EMBEDDING_PROVIDER=openai needs MEMAX_EMBEDDING_URL (e.g. https://api.openai.com or http://localhost:11434)");
        }
        this.endpoint = endpoint(settings.url());
        this.model = settings.model() == null || settings.model().isBlank()
                ? DEFAULT_MODEL
                : settings.model().trim();
        this.apiKey = settings.apiKey() == null || settings.apiKey().isBlank()
                ? null
                : settings.apiKey().trim();
        this.requestedDimensions =
                settings.dimensions() != null && settings.dimensions() > 0 ? settings.dimensions() : null;
        int[] known = KNOWN.get(model.toLowerCase(Locale.ROOT).replaceFirst(":latest$", ""));
        this.maxTokens = settings.maxTokens() != null && settings.maxTokens() > 0
                ? settings.maxTokens()
                : known != null ? known[1] : DEFAULT_MAX_TOKENS;
        this.batchSize =
                settings.batchSize() != null && settings.batchSize() > 0 ? settings.batchSize() : DEFAULT_BATCH;
        this.timeout =
                settings.timeout() != null && !settings.timeout().isZero() ? settings.timeout() : DEFAULT_TIMEOUT;
        this.maxRetries =
                settings.maxRetries() != null && settings.maxRetries() >= 0 ? settings.maxRetries() : DEFAULT_RETRIES;
        this.baseBackoff = baseBackoff;
        this.maxBackoff = maxBackoff;
        this.dimensions = requestedDimensions != null ? requestedDimensions : known != null ? known[0] : 0;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** {@code https://api.openai.com} → {@code …/v1/embeddings}; a base ending in {@code /v1} or {@code /embeddings} is kept. */
    static URI endpoint(String base) {
        String url = base.trim().replaceAll("/+$", "");
        if (url.endsWith("/embeddings")) {
            return URI.create(url);
        }
        return URI.create(url.matches(".*/v\\d+$") ? url + "/embeddings" : url + "/v1/embeddings");
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String modelId() {
        return requestedDimensions == null ? model : model + "@" + requestedDimensions;
    }

    /** Known from configuration or the model name; otherwise asked once from the API with a one-word input. */
    @Override
    public int dimensions() {
        int known = dimensions;
        if (known > 0) {
            return known;
        }
        synchronized (this) {
            if (dimensions == 0) {
                try {
                    dimensions = call(List.of("dimension probe")).get(0).length;
                    LOG.info("Embedding model {} at {} answers {}-dimensional vectors", model, endpoint, dimensions);
                } catch (EmbeddingException e) {
                    throw new EmbeddingException(
                            e.getMessage() + " (while asking the dimension of " + model
                                    + "; set MEMAX_EMBEDDING_DIMENSIONS to skip this)",
                            e);
                }
            }
            return dimensions;
        }
    }

    @Override
    public int maxTokens() {
        return maxTokens;
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("cannot embed empty or blank text");
            }
        }
        for (int from = 0; from < texts.size(); from += batchSize) {
            out.addAll(call(texts.subList(from, Math.min(texts.size(), from + batchSize))));
        }
        return out;
    }

    @Override
    public float[] embedQuery(String query) {
        return embedDocuments(List.of(query)).get(0);
    }

    /** One request for {@code inputs}, with retries; vectors in input order. */
    private List<float[]> call(List<String> inputs) {
        byte[] body = requestBody(inputs);
        String lastFailure = null;
        for (int attempt = 0; ; attempt++) {
            Duration wait;
            try {
                HttpResponse<byte[]> response = http.send(request(body), HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return parse(response.body(), inputs.size());
                }
                lastFailure = "HTTP " + status + errorMessage(response.body());
                if (status != 429 && status / 100 != 5) {
                    throw new EmbeddingException("embedding API " + endpoint + " refused the request: " + lastFailure);
                }
                wait = backoff(attempt, RetryAfterHeader.parse(response.headers()));
            } catch (IOException e) {
                lastFailure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                wait = backoff(attempt, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddingException("interrupted while calling the embedding API", e);
            }
            if (attempt >= maxRetries) {
                throw new EmbeddingException(
                        "embedding API " + endpoint + " failed after " + (attempt + 1) + " attempts: " + lastFailure);
            }
            LOG.warn("Embedding API {} answered {}; retrying in {} ms", endpoint, lastFailure, wait.toMillis());
            sleep(wait);
        }
    }

    private HttpRequest request(byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder.build();
    }

    private byte[] requestBody(List<String> inputs) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode input = body.putArray("input");
        inputs.forEach(input::add);
        body.put("model", model);
        if (requestedDimensions != null) {
            body.put("dimensions", requestedDimensions);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code {"data":[{"index":i,"embedding":[…]}, …]}} in any order → vectors in input order. */
    private List<float[]> parse(byte[] body, int expected) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new EmbeddingException(
                    "embedding API " + endpoint + " answered something other than JSON: " + e.getMessage(), e);
        }
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isArray()) {
            throw new EmbeddingException("embedding API " + endpoint + " answered without a data array");
        }
        if (data.size() != expected) {
            throw new EmbeddingException(
                    "embedding API " + endpoint + " answered " + data.size() + " vectors for " + expected + " inputs");
        }
        float[][] vectors = new float[expected][];
        int want = dimensions;
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            int index =
                    item.path("index").isIntegralNumber() ? item.get("index").asInt() : i;
            if (index < 0 || index >= expected || vectors[index] != null) {
                throw new EmbeddingException(
                        "embedding API " + endpoint + " answered a bad or repeated index " + index);
            }
            JsonNode embedding = item.get("embedding");
            if (embedding == null || !embedding.isArray() || embedding.isEmpty()) {
                throw new EmbeddingException("embedding API " + endpoint + " answered item " + index
                        + " without a float array (base64 answers are not supported)");
            }
            if (want > 0 && embedding.size() != want) {
                throw new EmbeddingException("embedding API " + endpoint + " answered a " + embedding.size()
                        + "-dimensional vector; " + modelId() + " is configured for " + want
                        + " (check MEMAX_EMBEDDING_MODEL / MEMAX_EMBEDDING_DIMENSIONS)");
            }
            want = embedding.size();
            float[] vector = new float[embedding.size()];
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) embedding.get(d).asDouble();
            }
            vectors[index] = normalise(vector);
        }
        return List.of(vectors);
    }

    static float[] normalise(float[] vector) {
        double sum = 0;
        for (float x : vector) {
            sum += (double) x * x;
        }
        if (sum == 0) {
            throw new EmbeddingException("embedding API answered a zero vector");
        }
        float scale = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    private static String errorMessage(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode message = root.path("error").path("message");
            if (message.isTextual()) {
                return ": " + truncate(message.asText());
            }
            if (root.path("error").isTextual()) { // Ollama: {"error": "…"}
                return ": " + truncate(root.get("error").asText());
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: fall through to the raw text
        }
        return ": " + truncate(new String(body, StandardCharsets.UTF_8).strip());
    }

    private static String truncate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** Exponential (base × 2^attempt, ±25 % jitter), at least Retry-After, never above the cap. */
    private Duration backoff(int attempt, Duration retryAfter) {
        double exponential = baseBackoff.toMillis() * Math.pow(2, Math.min(attempt, 20));
        long jittered =
                (long) (exponential * (0.75 + ThreadLocalRandom.current().nextDouble() * 0.5));
        long millis = Math.max(jittered, retryAfter == null ? 0 : retryAfter.toMillis());
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("interrupted while waiting to retry the embedding API", e);
        }
    }
}
