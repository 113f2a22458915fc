package dev.memax.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.models.HubEntry;
import dev.memax.sdk.models.Memory;
import dev.memax.sdk.params.MemoryListParams;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The HTTP calls the benchmarks make besides recall (which goes through the SDK): hubs and
 * memories, as plain JSON over {@code java.net.http}, the way any client would; and finding
 * the hub an earlier run filled.
 */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String apiKey;

    Api(BenchEnv env) {
        this.baseUrl = env.baseUrl;
        this.apiKey = env.apiKey;
    }

    JsonNode post(String path, JsonNode body, String hubId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (hubId != null) {
            request.header("X-Hub-ID", hubId);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                        + response.body()
                                .substring(0, Math.min(500, response.body().length())));
            }
            return JSON.readTree(response.body()).path("data");
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A team hub; returns its id. */
    String createHub(String name) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        return post("/v1/hubs", body, null).at("/hub/id").asText();
    }

    /** One memory through {@code POST /v1/memories}; returns its id. */
    String push(String hubId, ObjectNode memory) {
        return post("/v1/memories", memory, hubId).path("id").asText();
    }

    /**
     * Memories through {@code POST /v1/memories/batch} in batches of {@code batchSize} (≤ 100),
     * printing progress; returns the ids in input order.
     */
    List<String> pushAll(String hubId, List<ObjectNode> memories, int batchSize, String label) {
        List<String> ids = new ArrayList<>(memories.size());
        long started = System.nanoTime();
        long lastPrint = started;
        for (int from = 0; from < memories.size(); from += batchSize) {
            ArrayNode batch = JSON.createArrayNode();
            memories.subList(from, Math.min(memories.size(), from + batchSize)).forEach(batch::add);
            JsonNode created =
                    post("/v1/memories/batch", JSON.createObjectNode().set("memories", batch), hubId);
            created.path("memories").forEach(m -> ids.add(m.path("id").asText()));
            long now = System.nanoTime();
            if (now - lastPrint > 15_000_000_000L || ids.size() == memories.size()) {
                double seconds = (now - started) / 1e9;
                System.out.printf(
                        "#   %s: %d/%d memories, %.0f s, %.1f memories/s%n",
                        label, ids.size(), memories.size(), seconds, ids.size() / seconds);
                lastPrint = now;
            }
        }
        return ids;
    }

    /** A hub of the bench user named {@code prefix…} that already holds {@code count} memories, or null. */
    static String hubWithMemories(MemaxClient client, String prefix, int count) {
        for (HubEntry entry : client.hubs().list().items()) {
            if (entry.hub().name().startsWith(prefix + " ") && entry.memoryCount() == count) {
                return entry.hub().id().toString();
            }
        }
        return null;
    }

    /** Memory id → {@code source_path} of every memory in a hub, through the API. */
    static Map<UUID, String> sourcePaths(MemaxClient client, String hub) {
        Map<UUID, String> paths = new HashMap<>();
        MemoryListParams params = MemoryListParams.builder()
                .hubId(UUID.fromString(hub))
                .limit(100)
                .build();
        for (Memory memory : client.memories().list(params).autoPagingIterable()) {
            paths.put(memory.id(), memory.sourcePath());
        }
        return paths;
    }

    static ObjectNode memory(String content) {
        return JSON.createObjectNode().put("content", content);
    }

    static String randomSuffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
