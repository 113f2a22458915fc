package dev.memax.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.pgvector.PgVectorEmbeddingStore;
import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.models.RecallMode;
import dev.memax.sdk.params.RecallParams;
import dev.memax.server.embedding.EmbeddingProvider;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Recall speed side by side (docs/benchmarks.md). Loads memories through the batch API up to each
 * size (10k, then 100k: one hub grown step by step), then drives 8 concurrent clients over distinct
 * queries (no query repeats, so the server's query-vector cache never helps) against:
 * our {@code /v1/recall} over HTTP (hybrid and semantic), the raw pgvector SQL query on the same
 * chunks, and LangChain4j's {@code PgVectorEmbeddingStore} on a copy of the same vectors (HNSW made
 * by hand: its own option builds IVFFlat). Raw SQL and LangChain4j get precomputed query vectors
 * (search only) and, separately, embed each query with the same model in process. Each variant
 * words its queries differently ("Q: …", "Find: …") so that no cache of query vectors could serve
 * one variant from another's work.
 * Also single push p50 and the bulk import rate.
 *
 * <pre>
 * bash infra/dev/bench-recall.sh speed [--sizes 10000,100000] [--db NAME] [--clients 8] [--seconds 30]
 *     [--writes-only] (push latency and bulk import, no recall)
 * </pre>
 */
public final class SpeedBench {
    private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z])");

    private SpeedBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = QualityBench.options(args);
        List<Integer> sizes = new ArrayList<>();
        for (String size : options.getOrDefault("sizes", "10000").split(",")) {
            sizes.add(Integer.parseInt(size.strip()));
        }
        int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        int importClients = Integer.parseInt(options.getOrDefault("import-clients", "2"));
        boolean writesOnly = options.containsKey("writes-only");
        List<String> texts = corpus();
        List<String> queries = queries();
        try (BenchEnv env = BenchEnv.start(options.get("db"), Map.of());
                MemaxClient client = env.client()) {
            if (env.context == null) {
                throw new IllegalStateException(
                        "the speed bench compares against SQL on the server's database: run it in-process");
            }
            Api api = new Api(env);
            String hub = speedHub(env, client, api);
            EmbeddingProvider embeddings = env.context.getBean(EmbeddingProvider.class);
            System.out.printf(
                    "# model %s; %d distinct queries; %d clients; %d s per variant; %d cores%n",
                    embeddings.modelId(),
                    queries.size(),
                    clients,
                    seconds,
                    Runtime.getRuntime().availableProcessors());
            if (System.getProperty("bench.recallOnly") == null) {
                pushLatency(api, hub, texts);
            }
            for (int size : sizes) {
                long have = count(env, hub);
                if (have < size) {
                    bulkImport(api, hub, texts, (int) have, size, importClients);
                }
                if (writesOnly) {
                    continue;
                }
                analyze(env);
                System.out.printf("%n== %,d memories (%,d chunks) ==%n", count(env, hub), chunks(env, hub));
                runAll(env, client, hub, embeddings, queries, clients, seconds);
            }
        }
        System.exit(0);
    }

    // --- data ---

    /** Short memories (two sentences each, ~40-60 tokens) cut from SciFact abstracts. */
    static List<String> corpus() throws Exception {
        List<String> sentences = new ArrayList<>();
        for (Datasets.Doc doc : Datasets.scifact("test").corpus()) {
            for (String s : SENTENCE.split(doc.text())) {
                if (s.length() > 40 && s.length() < 400) {
                    sentences.add(s.strip());
                }
            }
        }
        Collections.shuffle(sentences, new Random(42));
        return sentences;
    }

    /** Memory i: sentence i, then a second one picked by i, so 100k distinct texts come from ~45k sentences. */
    static String text(List<String> sentences, int i) {
        int n = sentences.size();
        return sentences.get(i % n) + " " + sentences.get((int) ((i * 7919L + 13) % n));
    }

    /** Distinct questions: SciFact claims and LoCoMo questions. */
    static List<String> queries() throws Exception {
        List<String> queries =
                new ArrayList<>(Datasets.scifact("test").queries().values());
        for (Datasets.Conversation c : Datasets.locomo()) {
            c.questions().forEach(q -> queries.add(q.question()));
        }
        List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(queries));
        Collections.shuffle(distinct, new Random(7));
        return distinct;
    }

    static String speedHub(BenchEnv env, MemaxClient client, Api api) {
        return client.hubs().list().items().stream()
                .filter(e -> e.hub().name().startsWith("speed "))
                .map(e -> e.hub().id().toString())
                .findFirst()
                .orElseGet(() -> api.createHub("speed " + Api.randomSuffix()));
    }

    // --- writes ---

    static void pushLatency(Api api, String hub, List<String> texts) {
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            ObjectNode memory = Api.memory("Note " + UUID.randomUUID() + ": " + texts.get(texts.size() - 1 - i))
                    .put("source", "speed-push");
            long started = System.nanoTime();
            api.push(hub, memory);
            if (i >= 20) { // the first pushes warm up the JIT and the pools
                latencies.add((System.nanoTime() - started) / 1e6);
            }
        }
        System.out.println(
                "single push (POST /v1/memories, one short memory, sequential): " + new Stats(latencies).summary());
    }

    static void bulkImport(Api api, String hub, List<String> texts, int from, int to, int importClients)
            throws Exception {
        long started = System.nanoTime();
        AtomicInteger next = new AtomicInteger(from);
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(importClients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < importClients; c++) {
            futures.add(pool.submit(() -> {
                int start;
                while ((start = next.getAndAdd(100)) < to) {
                    List<ObjectNode> batch = new ArrayList<>();
                    for (int i = start; i < Math.min(to, start + 100); i++) {
                        batch.add(Api.memory(text(texts, i))
                                .put("source", "speed")
                                .put("source_path", "speed/" + i));
                    }
                    api.pushAll(hub, batch, 100, "batch");
                    int total = done.addAndGet(batch.size());
                    if (total % 5000 < 100) {
                        double s = (System.nanoTime() - started) / 1e9;
                        System.out.printf(
                                "#   bulk: %,d/%,d in %.0f s (%.1f memories/s)%n", total, to - from, s, total / s);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double s = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "bulk import (POST /v1/memories/batch, 100 per request, %d concurrent): %,d memories in %.0f s = "
                        + "%.1f memories/s%n",
                importClients, to - from, s, (to - from) / s);
    }

    // --- reads ---

    interface Search {
        void run(String query, int index) throws Exception;
    }

    static void runAll(
            BenchEnv env,
            MemaxClient client,
            String hub,
            EmbeddingProvider embeddings,
            List<String> queries,
            int clients,
            int seconds)
            throws Exception {
        UUID hubId = UUID.fromString(hub);
        String model = embeddings.modelId();
        int dims = embeddings.dimensions();
        List<float[]> vectors = new ArrayList<>();
        List<Double> embedTimes = new ArrayList<>();
        for (String q : queries) {
            long started = System.nanoTime();
            vectors.add(embeddings.embedQuery("Search: " + q));
            embedTimes.add((System.nanoTime() - started) / 1e6);
        }
        System.out.println("query embedding alone (in process, one at a time): " + new Stats(embedTimes).summary());
        System.out.printf("%-58s %8s %8s %8s %10s%n", "variant", "p50 ms", "p95 ms", "p99 ms", "recalls/s");

        for (RecallMode mode : List.of(RecallMode.HYBRID, RecallMode.SEMANTIC, RecallMode.KEYWORD)) {
            String prefix = mode == RecallMode.HYBRID ? "" : mode == RecallMode.SEMANTIC ? "Q: " : "K: ";
            List<double[]> phases = Collections.synchronizedList(new ArrayList<>());
            drive(
                    "POST /v1/recall " + mode + " (HTTP" + (mode == RecallMode.KEYWORD ? ")" : ", embeds each query)"),
                    queries,
                    clients,
                    seconds,
                    (q, i) -> {
                        var meta = client.recall()
                                .search(RecallParams.builder()
                                        .query(prefix + q)
                                        .addHubId(hubId)
                                        .limit(10)
                                        .mode(mode)
                                        .build())
                                .queryMetadata();
                        phases.add(
                                new double[] {meta.latencyMs(), meta.embeddingMs(), meta.searchMs(), meta.rankingMs()});
                    });
            System.out.printf(
                    "    server-side p50: latency %.1f ms = embedding %.1f + search %.1f + ranking %.1f ms%n",
                    p50(phases, 0), p50(phases, 1), p50(phases, 2), p50(phases, 3));
        }
        if (System.getProperty("bench.recallOnly") != null) {
            return;
        }

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://" + BenchEnv.env("MEMAX_PG_HOST", "127.0.0.1") + ":"
                + BenchEnv.env("MEMAX_PG_PORT", "55432") + "/" + env.database);
        config.setUsername(BenchEnv.env("MEMAX_PG_USER", "memax"));
        config.setPassword(BenchEnv.env("MEMAX_PG_PASSWORD", "memax"));
        config.setMaximumPoolSize(clients);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            String sql = "SELECT c.id, c.memory_id FROM memory_chunks c WHERE c.model = ? "
                    + "ORDER BY c.embedding::vector(" + dims + ") <=> ?::vector(" + dims + ") LIMIT 10";
            Search raw = (q, i) -> rawSql(dataSource, sql, model, vectors.get(i));
            drive("raw pgvector SQL (JDBC, HNSW, vector precomputed)", queries, clients, seconds, raw);
            drive(
                    "raw pgvector SQL + embedding (same model, in process)",
                    queries,
                    clients,
                    seconds,
                    (q, i) -> rawSql(dataSource, sql, model, embeddings.embedQuery("Question: " + q)));

            PgVectorEmbeddingStore store = langchainStore(dataSource, hubId, model, dims);
            Search l4j = (q, i) -> store.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(Embedding.from(vectors.get(i)))
                    .maxResults(10)
                    .build());
            drive("LangChain4j PgVectorEmbeddingStore (vector precomputed)", queries, clients, seconds, l4j);
            drive(
                    "LangChain4j PgVectorEmbeddingStore + embedding",
                    queries,
                    clients,
                    seconds,
                    (q, i) -> store.search(EmbeddingSearchRequest.builder()
                            .queryEmbedding(Embedding.from(embeddings.embedQuery("Find: " + q)))
                            .maxResults(10)
                            .build()));
        }
    }

    static void rawSql(HikariDataSource dataSource, String sql, String model, float[] vector) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, model);
            statement.setString(2, dev.memax.server.recall.RecallTuning.literal(vector));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rs.getString(1);
                }
            }
        }
    }

    /** LangChain4j's store over a copy of the hub's vectors, with an HNSW index like ours (m=16, ef_construction=64). */
    static PgVectorEmbeddingStore langchainStore(HikariDataSource dataSource, UUID hub, String model, int dims)
            throws SQLException {
        PgVectorEmbeddingStore store = PgVectorEmbeddingStore.datasourceBuilder()
                .datasource(dataSource)
                .table("l4j_bench")
                .dimension(dims)
                .createTable(true)
                .dropTableFirst(true)
                .useIndex(false)
                .skipCreateVectorExtension(true)
                .build();
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "INSERT INTO l4j_bench (embedding_id, embedding, text, metadata) SELECT c.id, c.embedding::vector("
                            + dims
                            + "), c.content, '{}' FROM memory_chunks c JOIN memories m ON m.id = c.memory_id WHERE m.hub_id = '"
                            + hub + "' AND c.model = '" + model.replace("'", "''") + "'");
            statement.execute("CREATE INDEX l4j_bench_hnsw ON l4j_bench USING hnsw (embedding vector_cosine_ops) "
                    + "WITH (m = 16, ef_construction = 64)");
            statement.execute("ANALYZE l4j_bench");
        }
        System.out.printf(
                "# LangChain4j table: rows copied and HNSW index built in %.0f s%n",
                (System.nanoTime() - started) / 1e9);
        return store;
    }

    /** {@code clients} threads take distinct queries in turn until the time or the queries run out. */
    static void drive(String label, List<String> queries, int clients, int seconds, Search search) throws Exception {
        for (int i = 0; i < 40; i++) { // warm-up, on queries of the end of the pool
            search.run(queries.get(queries.size() - 1 - i), queries.size() - 1 - i);
        }
        int usable = queries.size() - 40;
        AtomicInteger next = new AtomicInteger();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<List<Double>> perClient = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            List<Double> latencies = new ArrayList<>();
            perClient.add(latencies);
            futures.add(pool.submit(() -> {
                int i;
                while (System.nanoTime() < deadline && (i = next.getAndIncrement()) < usable) {
                    long t = System.nanoTime();
                    search.run(queries.get(i), i);
                    latencies.add((System.nanoTime() - t) / 1e6);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        List<Double> all = new ArrayList<>();
        perClient.forEach(all::addAll);
        Stats stats = new Stats(all);
        System.out.printf(
                "%-58s %8.1f %8.1f %8.1f %10.0f%n",
                label, stats.percentile(50), stats.percentile(95), stats.percentile(99), all.size() / elapsed);
    }

    static double p50(List<double[]> rows, int column) {
        List<Double> values = new ArrayList<>();
        synchronized (rows) {
            rows.forEach(r -> values.add(r[column]));
        }
        return new Stats(values).percentile(50);
    }

    static long count(BenchEnv env, String hub) {
        return env.query(
                        "SELECT count(*) FROM memories WHERE hub_id = ?::uuid AND source = 'speed'",
                        rs -> rs.getLong(1),
                        hub)
                .orElse(0L);
    }

    static long chunks(BenchEnv env, String hub) {
        return env.query("SELECT count(*) FROM memory_chunks WHERE hub_id = ?::uuid", rs -> rs.getLong(1), hub)
                .orElse(0L);
    }

    static void analyze(BenchEnv env) {
        env.context.getBean(dev.memax.server.platform.Db.class).update("ANALYZE memories");
        env.context.getBean(dev.memax.server.platform.Db.class).update("ANALYZE memory_chunks");
    }
}
