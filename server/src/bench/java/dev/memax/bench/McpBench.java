package dev.memax.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.sdk.MemaxClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the MCP layer adds to a recall (docs/benchmarks.md): {@code POST /v1/recall} beside
 * {@code tools/call memax_recall} in a handshake session (2025-11-25, what most clients speak) and
 * stateless (2026-07-28), same server, same data, same arguments ({@code query}, {@code limit}),
 * one client, interleaved query by query (the order rotates) so that machine noise hits them alike.
 * Two passes: each call embedding its own query (every variant words it differently, so no
 * variant is served from another's query-vector cache), then all three on one query whose vector
 * is already cached (the layers' own cost shows more clearly).
 *
 * <pre>
 * bash infra/dev/bench-recall.sh mcp [--db NAME] [--size 2000] [--queries 400] [--limit 10]
 * </pre>
 */
public final class McpBench {
    private static final String HANDSHAKE = "2025-11-25";
    private static final String STATELESS = "2026-07-28";
    private static final String[] VARIANTS = {
        "POST /v1/recall",
        "tools/call memax_recall, session (" + HANDSHAKE + ")",
        "tools/call memax_recall, stateless (" + STATELESS + ")"
    };
    private static final String[] PREFIXES = {"R: ", "S: ", "T: "};

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String baseUrl;
    private final String apiKey;
    private final int limit;
    private String session;
    private int nextId = 1;

    private McpBench(BenchEnv env, int limit) {
        this.baseUrl = env.baseUrl;
        this.apiKey = env.apiKey;
        this.limit = limit;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = QualityBench.options(args);
        int size = Integer.parseInt(options.getOrDefault("size", "2000"));
        int count = Integer.parseInt(options.getOrDefault("queries", "400"));
        int limit = Integer.parseInt(options.getOrDefault("limit", "10"));
        try (BenchEnv env = BenchEnv.start(options.get("db"), Map.of());
                MemaxClient client = env.client()) {
            if (env.context != null) {
                Api api = new Api(env);
                String hub = SpeedBench.speedHub(env, client, api);
                long have = SpeedBench.count(env, hub);
                if (have < size) {
                    SpeedBench.bulkImport(api, hub, SpeedBench.corpus(), (int) have, size, 2);
                }
                SpeedBench.analyze(env);
                System.out.printf("# %,d memories in the bench hub%n", SpeedBench.count(env, hub));
            }
            List<String> queries = SpeedBench.queries();
            if (queries.size() < count + 30) {
                throw new IllegalStateException("only " + queries.size() + " distinct queries");
            }
            new McpBench(env, limit).run(queries, count);
        }
        System.exit(0);
    }

    private void run(List<String> queries, int count) throws Exception {
        session = initialize();
        for (int v = 0; v < VARIANTS.length; v++) {
            call(v, "warm-up check"); // fails fast when the tool is missing or errs
        }
        for (int i = 0; i < 30; i++) { // JIT, pools, connections
            for (int v = 0; v < VARIANTS.length; v++) {
                call(v, PREFIXES[v] + queries.get(queries.size() - 1 - i));
            }
        }
        Map<String, List<Double>> embedded = new LinkedHashMap<>();
        Map<String, List<Double>> cached = new LinkedHashMap<>();
        for (String variant : VARIANTS) {
            embedded.put(variant, new ArrayList<>());
            cached.put(variant, new ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            String query = queries.get(i);
            for (int k = 0; k < VARIANTS.length; k++) {
                int v = (i + k) % VARIANTS.length;
                embedded.get(VARIANTS[v]).add(call(v, PREFIXES[v] + query));
            }
            call(0, query); // caches this query's vector for the second pass
            for (int k = 0; k < VARIANTS.length; k++) {
                int v = (i + k) % VARIANTS.length;
                cached.get(VARIANTS[v]).add(call(v, query));
            }
        }
        System.out.printf(
                "%n## recall over REST and MCP: one client, %d queries, limit %d, interleaved%n%n", count, limit);
        System.out.println("| call | query vector | p50 ms | p95 ms | p99 ms | added p50 ms | added p95 ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        print("embedded per call", embedded);
        print("cached", cached);
    }

    private static void print(String pass, Map<String, List<Double>> latencies) {
        Stats rest = new Stats(latencies.get(VARIANTS[0]));
        for (String variant : VARIANTS) {
            Stats stats = new Stats(latencies.get(variant));
            boolean base = variant.equals(VARIANTS[0]);
            System.out.printf(
                    "| %s | %s | %.2f | %.2f | %.2f | %s | %s |%n",
                    variant,
                    pass,
                    stats.percentile(50),
                    stats.percentile(95),
                    stats.percentile(99),
                    base ? "" : String.format("%+.2f", stats.percentile(50) - rest.percentile(50)),
                    base ? "" : String.format("%+.2f", stats.percentile(95) - rest.percentile(95)));
        }
    }

    /** One recall through variant {@code v}; returns its client-side latency in ms. */
    private double call(int v, String query) throws Exception {
        ObjectNode arguments = Api.JSON.createObjectNode().put("query", query).put("limit", limit);
        HttpRequest request = switch (v) {
            case 0 -> post("/v1/recall", arguments.toString()).build();
            case 1 ->
                post("/mcp", toolCall(arguments, null).toString())
                        .header("Mcp-Session-Id", session)
                        .header("MCP-Protocol-Version", HANDSHAKE)
                        .build();
            default ->
                post("/mcp", toolCall(arguments, STATELESS).toString())
                        .header("MCP-Protocol-Version", STATELESS)
                        .header("Mcp-Method", "tools/call")
                        .header("Mcp-Name", "memax_recall")
                        .build();
        };
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double millis = (System.nanoTime() - started) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    VARIANTS[v] + " answered " + response.statusCode() + ": " + response.body());
        }
        if (v > 0) {
            JsonNode body = Api.JSON.readTree(response.body());
            if (body.has("error") || body.at("/result/isError").asBoolean()) {
                throw new IllegalStateException(VARIANTS[v] + " failed: " + response.body());
            }
        }
        return millis;
    }

    private ObjectNode toolCall(ObjectNode arguments, String statelessVersion) {
        ObjectNode params = Api.JSON.createObjectNode().put("name", "memax_recall");
        params.set("arguments", arguments);
        if (statelessVersion != null) {
            params.putObject("_meta")
                    .put("io.modelcontextprotocol/protocolVersion", statelessVersion)
                    .putObject("io.modelcontextprotocol/clientCapabilities");
        }
        ObjectNode message = Api.JSON
                .createObjectNode()
                .put("jsonrpc", "2.0")
                .put("id", nextId++)
                .put("method", "tools/call");
        message.set("params", params);
        return message;
    }

    private String initialize() throws Exception {
        ObjectNode params = Api.JSON.createObjectNode().put("protocolVersion", HANDSHAKE);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "memax-bench").put("version", "1");
        ObjectNode message = Api.JSON
                .createObjectNode()
                .put("jsonrpc", "2.0")
                .put("id", nextId++)
                .put("method", "initialize");
        message.set("params", params);
        HttpResponse<String> response =
                http.send(post("/mcp", message.toString()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("initialize answered " + response.statusCode() + ": " + response.body());
        }
        String id = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
        http.send(
                post("/mcp", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                        .header("Mcp-Session-Id", id)
                        .header("MCP-Protocol-Version", HANDSHAKE)
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        return id;
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofMinutes(1))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
