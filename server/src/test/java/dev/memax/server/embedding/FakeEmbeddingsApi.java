package dev.memax.server.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for {@code POST /v1/embeddings} speaking OpenAI's wire format: request
 * {@code {"input": [...], "model": ..., "dimensions"?}}, answer
 * {@code {"object":"list","data":[{"object":"embedding","index":i,"embedding":[...]}],"model":...,"usage":{...}}}.
 * Vectors are a deterministic function of the text (letter counts), so similar texts get similar
 * vectors. Scripted failures are answered first, in order.
 */
final class FakeEmbeddingsApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ConcurrentLinkedDeque<Failure> failures = new ConcurrentLinkedDeque<>();
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
    volatile int dimensions = 8;
    volatile boolean reverseOrder;
    volatile Integer answerDimensions;

    record Failure(int status, String body, String retryAfter) {}

    FakeEmbeddingsApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/embeddings", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void fail(int status, String body, String retryAfter) {
        failures.add(new Failure(status, body, retryAfter));
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode request = JSON.readTree(raw);
        requests.add(request);
        headers.add(Map.copyOf(exchange.getRequestHeaders()));
        Failure failure = failures.poll();
        if (failure != null) {
            if (failure.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", failure.retryAfter());
            }
            send(exchange, failure.status(), failure.body());
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())
                || !request.path("input").isArray()
                || !request.path("model").isTextual()) {
            send(exchange, 400, "{\"error\":{\"message\":\"bad request\",\"type\":\"invalid_request_error\"}}");
            return;
        }
        int dims = answerDimensions != null
                ? answerDimensions
                : request.has("dimensions") ? request.get("dimensions").asInt() : dimensions;
        ObjectNode answer = JSON.createObjectNode();
        answer.put("object", "list");
        ArrayNode data = answer.putArray("data");
        List<ObjectNode> items = new ArrayList<>();
        int tokens = 0;
        for (int i = 0; i < request.get("input").size(); i++) {
            String text = request.get("input").get(i).asText();
            tokens += text.split("\\s+").length;
            ObjectNode item = JSON.createObjectNode();
            item.put("object", "embedding");
            item.put("index", i);
            ArrayNode vector = item.putArray("embedding");
            for (float x : vectorOf(text, dims)) {
                vector.add(x);
            }
            items.add(item);
        }
        if (reverseOrder) {
            Collections.reverse(items);
        }
        items.forEach(data::add);
        answer.put("model", request.get("model").asText());
        answer.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        send(exchange, 200, JSON.writeValueAsString(answer));
    }

    /** Letter counts folded into {@code dims} buckets, scaled by 3 so the client must normalise. */
    static float[] vectorOf(String text, int dims) {
        float[] v = new float[dims];
        for (char c : text.toLowerCase().toCharArray()) {
            if (Character.isLetter(c)) {
                v[c % dims] += 3;
            }
        }
        v[0] += 0.5f;
        return v;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
