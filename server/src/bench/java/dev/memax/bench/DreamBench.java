package dev.memax.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.GarbageCollectionNotificationInfo;
import dev.memax.server.dream.DreamMemories;
import dev.memax.server.dream.DreamMemory;
import dev.memax.server.dream.DreamSettings;
import dev.memax.server.dream.DuplicateFinder;
import dev.memax.server.embedding.EmbeddingIndexes;
import dev.memax.server.embedding.EmbeddingProvider;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Dream time and peak heap per hub size (docs/benchmarks.md "Dreams at scale"). For each size, a
 * new hub is seeded straight into PostgreSQL (memories and one chunk each, with a synthetic unit
 * vector of the active model's size: embedding 100k texts with the in-process model on two cores
 * would take most of an hour) with near-duplicates planted at a known rate, then one dream run
 * ({@code POST /v1/dreams/trigger}, merge phase by default) goes through the real executor. Prints
 * a table: size, run wall time, memories/s, peak heap (sampled and live after GC), duplicates
 * merged against planted.
 *
 * <pre>
 * bash infra/dev/bench-dreams.sh [--sizes 1000,10000,100000] [--duplicates 0.1] [--phases merge] [--dry-run]
 * </pre>
 */
public final class DreamBench {
    private static final int TOPICS = 200;

    private DreamBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = QualityBench.options(args);
        double rate = Double.parseDouble(options.getOrDefault("duplicates", "0.1"));
        String phases = options.getOrDefault("phases", "merge");
        boolean dryRun = options.containsKey("dry-run");
        List<Integer> sizes = new ArrayList<>();
        for (String size : options.getOrDefault("sizes", "1000,10000").split(",")) {
            sizes.add(Integer.parseInt(size.strip()));
        }
        try (BenchEnv env = BenchEnv.start(options.get("db"), Map.of("memax.dreams.cooldown", "0s"))) {
            if (env.context == null) {
                throw new IllegalStateException("the dream bench seeds the server's database: run it in-process");
            }
            EmbeddingProvider model = env.context.getBean(EmbeddingProvider.class);
            Api api = new Api(env);
            HeapWatch heap = new HeapWatch();
            System.out.printf(
                    "# model %s (%d dimensions); %.0f%% of memories planted as near-duplicates; phases %s%s; "
                            + "%d cores, max heap %d MB%n",
                    model.modelId(),
                    model.dimensions(),
                    rate * 100,
                    phases,
                    dryRun ? " (dry run)" : "",
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20);
            List<String> rows = new ArrayList<>();
            for (int size : sizes) {
                String hub = api.createHub("dreams " + size + " " + Api.randomSuffix());
                long started = System.nanoTime();
                int planted;
                try (Connection connection = BenchEnv.connect(env.database)) {
                    dropVectorIndex(connection, model);
                    planted = seed(connection, UUID.fromString(hub), size, rate, model);
                }
                System.out.printf(
                        "# seeded %,d memories (%,d planted duplicates) in %.1f s%n",
                        size, planted, (System.nanoTime() - started) / 1e9);
                long[] split = split(env, model, UUID.fromString(hub));
                heap.reset();
                long runStarted = System.nanoTime();
                ObjectNode body = Api.JSON.createObjectNode().put("hub_id", hub).put("dry_run", dryRun);
                var list = body.putArray("phases");
                for (String phase : phases.split(",")) {
                    list.add(phase.strip());
                }
                String run =
                        api.post("/v1/dreams/trigger", body, hub).path("id").asText();
                JsonNode done = await(env, UUID.fromString(run));
                double seconds = (System.nanoTime() - runStarted) / 1e9;
                long merged = done.path("counts").path("duplicates_merged").asLong();
                String row = String.format(
                        "%,9d  %-10s %9.1f s %11.0f %10d MB %10d MB %,9d / %-,7d %,9d ms %,8d ms %,8d ms",
                        size,
                        done.path("status").asText(),
                        seconds,
                        size / seconds,
                        heap.peakUsed() >> 20,
                        heap.peakLive() >> 20,
                        merged,
                        planted,
                        done.path("phase_metrics")
                                .path("merge")
                                .path("duration_ms")
                                .asLong(),
                        split[0],
                        split[1]);
                System.out.println(row);
                rows.add(row);
                StringBuilder phaseTimes = new StringBuilder("#   phases (actions, ms):");
                done.path("phase_metrics")
                        .fields()
                        .forEachRemaining(phase -> phaseTimes
                                .append(' ')
                                .append(phase.getKey())
                                .append(' ')
                                .append(phase.getValue().path("actions").asLong())
                                .append(", ")
                                .append(phase.getValue().path("duration_ms").asLong())
                                .append(';'));
                System.out.println(phaseTimes);
            }
            System.out.printf(
                    "%n%9s  %-10s %11s %11s %13s %13s %-17s %12s %11s %11s%n",
                    "memories",
                    "status",
                    "wall",
                    "memories/s",
                    "peak heap",
                    "peak live",
                    "merged / planted",
                    "merge phase",
                    "load",
                    "find");
            rows.forEach(System.out::println);
        }
        System.exit(0);
    }

    /**
     * Where the merge phase's time goes, measured before the run (read only) with the phase's loader
     * and engine: loading the hub, and finding the duplicates; the rest of the phase applies them, one
     * transaction each.
     */
    private static long[] split(BenchEnv env, EmbeddingProvider model, UUID hub) {
        DreamMemories memories = env.context.getBean(DreamMemories.class);
        DreamSettings settings = env.context.getBean(DreamSettings.class);
        DuplicateFinder finder = new DuplicateFinder(
                settings.mergeMinSimilarity(), settings.mergeMinOverlap(), settings.mergeMaxChanged());
        long started = System.nanoTime();
        List<DreamMemory> loaded = memories.load(hub, model.modelId(), Instant.now());
        long loadedAt = System.nanoTime();
        finder.find(loaded);
        return new long[] {(loadedAt - started) / 1_000_000, (System.nanoTime() - loadedAt) / 1_000_000};
    }

    /**
     * The per-model HNSW index of this bench's database: a dream never reads it, and keeping it
     * would make seeding 100k vectors take many minutes. Recall in this database is then a
     * sequential scan (the server rebuilds the index at its next start).
     */
    private static void dropVectorIndex(Connection connection, EmbeddingProvider model) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    "DROP INDEX IF EXISTS " + EmbeddingIndexes.indexName(model.modelId(), model.dimensions()));
        }
    }

    /**
     * {@code size} memories in {@link #TOPICS} topics (vectors at cosine ~0.4 within a topic, ~0
     * across): a share {@code rate} of them are near-duplicates of an earlier one, half exact
     * copies and half reworded, at cosine ~0.96; the rest distinct. Returns the number planted.
     */
    static int seed(Connection connection, UUID hub, int size, double rate, EmbeddingProvider model) throws Exception {
        Random random = new Random(size);
        int dimensions = model.dimensions();
        float[][] topics = new float[TOPICS][];
        for (int t = 0; t < TOPICS; t++) {
            topics[t] = unit(gaussian(random, dimensions), 1);
        }
        UUID owner;
        try (PreparedStatement find = connection.prepareStatement("SELECT owner_id FROM hubs WHERE id = ?")) {
            find.setObject(1, hub);
            try (ResultSet rs = find.executeQuery()) {
                rs.next();
                owner = rs.getObject(1, UUID.class);
            }
        }
        connection.setAutoCommit(false);
        Timestamp now = Timestamp.from(Instant.now());
        int planted = 0;
        try (PreparedStatement memory = connection.prepareStatement(
                        "INSERT INTO memories (id, hub_id, owner_id, content, content_hash, created_at, updated_at) "
                                + "VALUES (?, ?, ?, ?, md5(?), ?, ?)");
                PreparedStatement chunk = connection.prepareStatement(
                        "INSERT INTO memory_chunks (id, memory_id, hub_id, ordinal, content, model, embedding) "
                                + "VALUES (?, ?, ?, 0, ?, ?, ?::vector)")) {
            List<String> texts = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                String text;
                float[] vector;
                if (i > 0 && random.nextDouble() < rate) {
                    int original = random.nextInt(texts.size());
                    text = random.nextBoolean() ? texts.get(original) : reword(texts.get(original));
                    vector = near(vectors.get(original), random);
                    planted++;
                } else {
                    text = sentence(i, random);
                    float[] noise = unit(gaussian(random, dimensions), 1);
                    float[] topic = topics[random.nextInt(TOPICS)];
                    vector = new float[dimensions];
                    for (int d = 0; d < dimensions; d++) {
                        vector[d] = 0.8f * topic[d] + noise[d];
                    }
                    vector = unit(vector, 1);
                }
                texts.add(text);
                vectors.add(vector);
                UUID id = UUID.randomUUID();
                memory.setObject(1, id);
                memory.setObject(2, hub);
                memory.setObject(3, owner);
                memory.setString(4, text);
                memory.setString(5, text);
                memory.setTimestamp(6, now);
                memory.setTimestamp(7, now);
                memory.addBatch();
                chunk.setObject(1, UUID.randomUUID());
                chunk.setObject(2, id);
                chunk.setObject(3, hub);
                chunk.setString(4, text);
                chunk.setString(5, model.modelId());
                chunk.setString(6, pgvector(vector));
                chunk.addBatch();
                if (i % 1000 == 999 || i == size - 1) {
                    memory.executeBatch();
                    chunk.executeBatch();
                }
            }
        }
        connection.commit();
        try (Statement analyze = connection.createStatement()) {
            connection.setAutoCommit(true);
            analyze.execute("ANALYZE memories");
            analyze.execute("ANALYZE memory_chunks");
        }
        return planted;
    }

    private static final String[] SUBJECTS = {
        "the billing service", "the staging cluster", "our deploy pipeline", "the search index", "the mobile app",
        "the data warehouse", "the auth gateway", "the nightly export", "the support inbox", "the design system"
    };
    private static final String[] VERBS = {
        "rotates its credentials",
        "is owned by",
        "should be restarted after",
        "reads its settings from",
        "alerts on-call when",
        "was migrated during",
        "depends on",
        "is rate limited by",
        "logs to",
        "backs up to"
    };
    private static final String[] OBJECTS = {
        "the platform team", "a failed health check", "the vault", "the March release", "the shared cache",
        "the EU region", "the queue consumer", "cold storage", "the metrics pipeline", "the legacy cron host"
    };

    /** A distinct, plausible note: its number keeps two notes on the same words apart, as in real hubs. */
    private static String sentence(int i, Random random) {
        return SUBJECTS[random.nextInt(SUBJECTS.length)] + " " + VERBS[random.nextInt(VERBS.length)] + " "
                + OBJECTS[random.nextInt(OBJECTS.length)] + " (ticket " + (10_000 + i) + ").";
    }

    /** The same statement in other order and wording (same words and numbers, as a paraphrase mostly keeps). */
    private static String reword(String text) {
        return "Note: " + text.replace(" (ticket ", "; see ticket ").replace(").", ".");
    }

    /** A unit vector at cosine ~0.96 to {@code base}. */
    private static float[] near(float[] base, Random random) {
        float[] noise = unit(gaussian(random, base.length), 0.3);
        float[] out = new float[base.length];
        for (int d = 0; d < base.length; d++) {
            out[d] = base[d] + noise[d];
        }
        return unit(out, 1);
    }

    private static float[] gaussian(Random random, int dimensions) {
        float[] out = new float[dimensions];
        for (int d = 0; d < dimensions; d++) {
            out[d] = (float) random.nextGaussian();
        }
        return out;
    }

    private static float[] unit(float[] vector, double length) {
        double norm = 0;
        for (float v : vector) {
            norm += (double) v * v;
        }
        float scale = (float) (length / Math.sqrt(norm));
        for (int d = 0; d < vector.length; d++) {
            vector[d] *= scale;
        }
        return vector;
    }

    private static String pgvector(float[] vector) {
        StringBuilder out = new StringBuilder(vector.length * 11).append('[');
        for (int d = 0; d < vector.length; d++) {
            out.append(d == 0 ? "" : ",").append(vector[d]);
        }
        return out.append(']').toString();
    }

    /** The run's row once it has finished. */
    private static JsonNode await(BenchEnv env, UUID run) throws Exception {
        try (Connection connection = BenchEnv.connect(env.database);
                PreparedStatement poll = connection.prepareStatement(
                        "SELECT json_build_object('status', status, 'counts', counts, 'phase_metrics', phase_metrics)"
                                + "::text FROM dream_runs WHERE id = ?")) {
            poll.setObject(1, run);
            while (true) {
                try (ResultSet rs = poll.executeQuery()) {
                    rs.next();
                    JsonNode row = Api.JSON.readTree(rs.getString(1));
                    if (!"running".equals(row.path("status").asText())) {
                        return row;
                    }
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * Peak heap during a run, two ways: the most used at any 10 ms sample (garbage included, what
     * the JVM had to have), and the most still live after any collection (what the run held).
     */
    static final class HeapWatch {
        private final AtomicLong peakUsed = new AtomicLong();
        private final AtomicLong peakLive = new AtomicLong();

        HeapWatch() {
            Thread sampler = new Thread(
                    () -> {
                        var memory = ManagementFactory.getMemoryMXBean();
                        while (true) {
                            peakUsed.accumulateAndGet(
                                    memory.getHeapMemoryUsage().getUsed(), Math::max);
                            try {
                                Thread.sleep(10);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
            Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .map(MemoryPoolMXBean::getName)
                    .collect(Collectors.toSet());
            NotificationListener listener = (notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long live = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(pool -> heapPools.contains(pool.getKey()))
                            .mapToLong(pool -> pool.getValue().getUsed())
                            .sum();
                    peakLive.accumulateAndGet(live, Math::max);
                }
            };
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
            }
        }

        /** Collects first, so a size starts from what the server holds at rest. */
        void reset() {
            System.gc();
            long rest = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            peakUsed.set(rest);
            peakLive.set(rest);
        }

        long peakUsed() {
            return peakUsed.get();
        }

        long peakLive() {
            return peakLive.get();
        }
    }
}
