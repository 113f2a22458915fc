package dev.memax.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.models.RecallMode;
import dev.memax.sdk.models.RecallResult;
import dev.memax.sdk.models.RecalledMemory;
import dev.memax.sdk.params.RecallParams;
import dev.memax.server.recall.RecallSettings;
import dev.memax.server.recall.RecallTuning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Recall quality on data nobody here wrote, ingested through the HTTP API (docs/benchmarks.md):
 * SciFact nDCG@10 on the test qrels, LoCoMo dev evidence recall@10/20/50 (categories 1-4, one
 * memory per dialogue turn, one hub per conversation), and search latency.
 *
 * <pre>
 * mvn -o -q -Pbench -pl server test-compile exec:java -Dexec.mainClass=dev.memax.bench.QualityBench \
 *     -Dexec.args="[--datasets scifact,locomo] [--locomo-captions] [--db NAME] [--mode hybrid|semantic|keyword] [--tune [--bm25 K1:B,…]]"
 * </pre>
 * {@code --locomo-captions} ingests LoCoMo turns with their shared photo's caption (separate hubs).
 * {@code --db NAME} keeps the ingested data in that database for the next run; {@code --tune} (in-process
 * only) sweeps the fusion settings on SciFact's train qrels and LoCoMo and prints the best.
 */
public final class QualityBench {
    private QualityBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Set<String> datasets = Set.of(options.getOrDefault("datasets", "scifact,locomo").split(","));
        RecallMode mode = RecallMode.fromWire(options.getOrDefault("mode", "hybrid"));
        try (BenchEnv env = BenchEnv.start(options.get("db"), Map.of());
             MemaxClient client = env.client()) {
            Api api = new Api(env);
            Datasets.SciFact scifact = null;
            String scifactHub = null;
            if (datasets.contains("scifact")) {
                scifact = Datasets.scifact("test");
                scifactHub = ingestSciFact(env, client, api, scifact);
            }
            List<Datasets.Conversation> locomo = List.of();
            Map<String, String> locomoHubs = Map.of();
            if (datasets.contains("locomo")) {
                locomo = Datasets.locomo();
                locomoHubs = Locomo.ingest(client, api, locomo, options.containsKey("locomo-captions"));
            }
            resetAccessCounts(env);
            if (options.containsKey("tune")) {
                for (String pair : options.getOrDefault("bm25", "1.2:0.75").split(",")) {
                    String[] kb = pair.split(":");
                    tune(env, scifactHub, locomo, locomoHubs, Double.parseDouble(kb[0]), Double.parseDouble(kb[1]));
                }
            }
            if (scifact != null) {
                evalSciFact(client, scifact, scifactHub, mode);
            }
            if (!locomo.isEmpty()) {
                evalLocomo(client, locomo, locomoHubs, mode);
            }
        }
        System.exit(0);
    }

    // --- SciFact ---

    static String ingestSciFact(BenchEnv env, MemaxClient client, Api api, Datasets.SciFact data) {
        String existing = Api.hubWithMemories(client, "scifact", data.corpus().size());
        if (existing != null) {
            System.out.println("# scifact: reusing hub " + existing);
            return existing;
        }
        String hub = api.createHub("scifact " + Api.randomSuffix());
        List<ObjectNode> memories = new ArrayList<>();
        for (Datasets.Doc doc : data.corpus()) {
            String title = doc.title().length() > 500 ? doc.title().substring(0, 500) : doc.title();
            ObjectNode memory = Api.memory(doc.text().isBlank() ? title : doc.text()).put("title", title)
                    .put("source_path", "scifact/" + doc.id()).put("source", "scifact");
            memories.add(memory);
        }
        long started = System.nanoTime();
        api.pushAll(hub, memories, 50, "scifact");
        System.out.printf("# scifact: %d documents ingested in %.0f s%n", memories.size(), (System.nanoTime() - started) / 1e9);
        return hub;
    }

    static void evalSciFact(MemaxClient client, Datasets.SciFact data, String hub, RecallMode mode) {
        List<Double> ndcgs = new ArrayList<>();
        Latencies latencies = new Latencies();
        for (Map.Entry<String, Map<String, Integer>> entry : data.qrels().entrySet()) {
            String query = data.queries().get(entry.getKey());
            RecallResult result = latencies.time(() -> client.recall().search(RecallParams.builder().query(query)
                    .addHubId(UUID.fromString(hub)).limit(10).mode(mode).build()));
            List<String> docs = result.memories().stream().map(m -> m.sourcePath().substring("scifact/".length())).toList();
            ndcgs.add(ndcg(docs, entry.getValue(), 10));
        }
        System.out.printf("SciFact test (%d queries, mode %s): nDCG@10 = %.4f%n", ndcgs.size(), mode,
                ndcgs.stream().mapToDouble(Double::doubleValue).average().orElse(0));
        latencies.print("SciFact");
    }

    static double ndcg(List<String> ranked, Map<String, Integer> relevant, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            dcg += relevant.getOrDefault(ranked.get(i), 0) / (Math.log(i + 2) / Math.log(2));
        }
        List<Integer> ideal = new ArrayList<>(relevant.values());
        ideal.sort(Comparator.reverseOrder());
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += ideal.get(i) / (Math.log(i + 2) / Math.log(2));
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    // --- LoCoMo ---

    static void evalLocomo(MemaxClient client, List<Datasets.Conversation> conversations, Map<String, String> hubs,
                           RecallMode mode) {
        int[] ks = {10, 20, 50};
        double[] sums = new double[ks.length];
        Map<Integer, double[]> byCategory = new java.util.TreeMap<>();
        int questions = 0;
        Latencies latencies = new Latencies();
        for (Datasets.Conversation conversation : conversations) {
            UUID hub = UUID.fromString(hubs.get(conversation.id()));
            for (Datasets.Question question : conversation.questions()) {
                if (question.category() < 1 || question.category() > 4 || question.evidence().isEmpty()) {
                    continue;
                }
                RecallResult result = latencies.time(() -> client.recall().search(RecallParams.builder()
                        .query(question.question()).addHubId(hub).limit(50).mode(mode).build()));
                List<String> turns = result.memories().stream().map(RecalledMemory::sourcePath).map(Locomo::turnId).toList();
                questions++;
                double[] category = byCategory.computeIfAbsent(question.category(), c -> new double[2]);
                category[1]++;
                for (int i = 0; i < ks.length; i++) {
                    double r = evidenceRecall(turns, question.evidence(), ks[i]);
                    sums[i] += r;
                    if (ks[i] == 10) {
                        category[0] += r;
                    }
                }
            }
        }
        System.out.printf("LoCoMo dev (%d questions, categories 1-4, mode %s): recall@10 = %.4f, recall@20 = %.4f, "
                + "recall@50 = %.4f%n", questions, mode, sums[0] / questions, sums[1] / questions, sums[2] / questions);
        byCategory.forEach((category, v) -> System.out.printf("  category %d (%d questions): recall@10 = %.4f%n", category,
                (int) v[1], v[0] / v[1]));
        latencies.print("LoCoMo");
    }

    static double evidenceRecall(List<String> ranked, Set<String> evidence, int k) {
        long found = ranked.stream().limit(k).filter(evidence::contains).count();
        return (double) found / evidence.size();
    }

    // --- tuning ---

    static void tune(BenchEnv env, String scifactHub, List<Datasets.Conversation> locomo, Map<String, String> locomoHubs,
                     double k1, double b) throws Exception {
        System.out.printf("# tune: BM25 k1=%.2f b=%.2f%n", k1, b);
        if (env.context == null) {
            throw new IllegalStateException("--tune needs the in-process server (unset MEMAX_BENCH_URL)");
        }
        RecallTuning tuning = new RecallTuning(env.context);
        Map<UUID, String> names = new HashMap<>();
        env.context.getBean(dev.memax.server.platform.Db.class).list("SELECT id, source_path FROM memories",
                rs -> names.put(rs.getObject(1, UUID.class), rs.getString(2)));
        List<BiFunction<RecallSettings, dev.memax.server.recall.RecallMode, Double>> objectives = new ArrayList<>();
        List<String> objectiveNames = new ArrayList<>();
        if (scifactHub != null) {
            Datasets.SciFact train = Datasets.scifact("train");
            List<RecallTuning.Collected> collected = new ArrayList<>();
            List<Map<String, Integer>> judgments = new ArrayList<>();
            long started = System.nanoTime();
            for (Map.Entry<String, Map<String, Integer>> entry : train.qrels().entrySet()) {
                collected.add(tuning.collect(List.of(UUID.fromString(scifactHub)), train.queries().get(entry.getKey()), k1, b));
                judgments.add(entry.getValue());
            }
            System.out.printf("# tune: collected %d SciFact train queries in %.0f s%n", collected.size(),
                    (System.nanoTime() - started) / 1e9);
            objectiveNames.add("scifact-train nDCG@10");
            objectives.add((settings, mode) -> {
                double sum = 0;
                for (int i = 0; i < collected.size(); i++) {
                    List<String> docs = RecallTuning.rank(collected.get(i), settings, mode, 10).stream()
                            .map(id -> names.get(id).substring("scifact/".length())).toList();
                    sum += ndcg(docs, judgments.get(i), 10);
                }
                return sum / collected.size();
            });
        }
        if (!locomo.isEmpty()) {
            List<RecallTuning.Collected> collected = new ArrayList<>();
            List<Set<String>> evidence = new ArrayList<>();
            for (Datasets.Conversation conversation : locomo) {
                UUID hub = UUID.fromString(locomoHubs.get(conversation.id()));
                for (Datasets.Question question : conversation.questions()) {
                    if (question.category() >= 1 && question.category() <= 4 && !question.evidence().isEmpty()) {
                        collected.add(tuning.collect(List.of(hub), question.question(), k1, b));
                        evidence.add(question.evidence());
                    }
                }
            }
            objectiveNames.add("locomo recall@10");
            objectives.add((settings, mode) -> {
                double sum = 0;
                for (int i = 0; i < collected.size(); i++) {
                    List<String> turns = RecallTuning.rank(collected.get(i), settings, mode, 10).stream()
                            .map(names::get).map(Locomo::turnId).toList();
                    sum += evidenceRecall(turns, evidence.get(i), 10);
                }
                return sum / collected.size();
            });
        }
        RecallSettings d = tuning.defaults();
        record Row(String label, double[] scores, double mean) {
        }
        List<Row> rows = new ArrayList<>();
        BiFunction<RecallSettings, dev.memax.server.recall.RecallMode, Row> evaluate = (settings, mode) -> {
            double[] scores = new double[objectives.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = objectives.get(i).apply(settings, mode);
            }
            String label = mode == dev.memax.server.recall.RecallMode.HYBRID
                    ? String.format("%s w=%.2f %s", settings.fusion(), settings.semanticWeight(),
                    settings.rrf() ? "k=" + settings.rrfK() : String.format("s=%.1f", settings.keywordSaturation()))
                    : mode.toString();
            return new Row(label, scores, java.util.Arrays.stream(scores).average().orElse(0));
        };
        rows.add(evaluate.apply(d, dev.memax.server.recall.RecallMode.SEMANTIC));
        rows.add(evaluate.apply(d, dev.memax.server.recall.RecallMode.KEYWORD));
        List<Row> hybrid = new ArrayList<>();
        for (double w : new double[]{0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9}) {
            for (double s : new double[]{1, 2, 3, 5, 8, 12, 20, 40}) {
                hybrid.add(evaluate.apply(RecallTuning.with(d, "blend", w, 60, s), dev.memax.server.recall.RecallMode.HYBRID));
            }
            for (int k : new int[]{2, 5, 10, 20, 40, 60}) {
                hybrid.add(evaluate.apply(RecallTuning.with(d, "rrf", w, k, 1), dev.memax.server.recall.RecallMode.HYBRID));
            }
        }
        hybrid.sort(Comparator.comparingDouble(Row::mean).reversed());
        System.out.println("# tune: " + String.join(" | ", objectiveNames) + " | mean");
        for (Row row : rows) {
            System.out.printf("#   %-40s %s%n", row.label(), format(row.scores(), row.mean()));
        }
        System.out.println("# tune: best hybrid settings");
        for (Row row : hybrid.subList(0, Math.min(Integer.parseInt(System.getProperty("bench.top", "12")), hybrid.size()))) {
            System.out.printf("#   %-40s %s%n", row.label(), format(row.scores(), row.mean()));
        }
        System.out.println("# tune: episodic context weight x date weight (fusion defaults)");
        for (double c : new double[]{0, 0.5, 0.6, 0.7, 0.8}) {
            for (double dw : new double[]{0, 0.1, 0.2, 0.3, 0.4}) {
                Row row = evaluate.apply(RecallTuning.with(d, d.fusion(), d.semanticWeight(), d.rrfK(),
                        d.keywordSaturation(), c, dw), dev.memax.server.recall.RecallMode.HYBRID);
                System.out.printf("#   context %.2f date %.2f %18s %s%n", c, dw, "", format(row.scores(), row.mean()));
            }
        }
        System.out.printf("#   current defaults: %s%n", format(evaluate.apply(d, dev.memax.server.recall.RecallMode.HYBRID).scores(),
                evaluate.apply(d, dev.memax.server.recall.RecallMode.HYBRID).mean()));
    }

    private static String format(double[] scores, double mean) {
        StringBuilder out = new StringBuilder();
        for (double s : scores) {
            out.append(String.format("%.4f  ", s));
        }
        return out.append(String.format("| %.4f", mean)).toString();
    }

    // --- helpers ---

    /** Recalls made by earlier runs must not boost this one: counters start at zero (in-process only). */
    static void resetAccessCounts(BenchEnv env) {
        if (env.context != null) {
            env.context.getBean(dev.memax.server.platform.Db.class)
                    .update("UPDATE memories SET access_count = 0, accessed_at = NULL WHERE access_count > 0");
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                String name = args[i].substring(2);
                if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    options.put(name, args[++i]);
                } else {
                    options.put(name, "true");
                }
            }
        }
        return options;
    }

    /** Client-side latency of each call, and the server's own {@code latency_ms}. */
    static final class Latencies {
        final List<Double> client = new ArrayList<>();
        final List<Double> server = new ArrayList<>();

        RecallResult time(java.util.function.Supplier<RecallResult> call) {
            long started = System.nanoTime();
            RecallResult result = call.get();
            client.add((System.nanoTime() - started) / 1e6);
            server.add(result.queryMetadata().latencyMs());
            return result;
        }

        void print(String label) {
            System.out.printf("  %s search latency, client: %s; server latency_ms: %s%n", label, new Stats(client).summary(),
                    new Stats(server).summary());
        }
    }
}
