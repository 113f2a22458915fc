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
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Recall quality on data nobody here wrote, ingested through the HTTP API (docs/benchmarks.md):
 * SciFact nDCG@10 on the test qrels, LoCoMo dev evidence recall@10/20/50 (categories 1-4, one
 * memory per dialogue turn, one hub per conversation), the agent-memory set's graded nDCG@10
 * (server/src/bench/data/agent-memory, one hub), and search latency.
 *
 * <pre>
 * mvn -o -q -Pbench -pl server test-compile exec:java -Dexec.mainClass=dev.memax.bench.QualityBench \
 *     -Dexec.args="[--datasets scifact,locomo,agent] [--locomo-captions] [--dream] [--agent-sessions true|false] [--db NAME]
 *                  [--mode hybrid|semantic|keyword] [--tune [--bm25 K1:B,…]] [--compare K=V,… [--baseline K=V,…]]"
 * </pre>
 * {@code --dream} measures LoCoMo before and after a dream over each conversation's hub ({@link LocomoDream}).
 * {@code --locomo-captions} ingests LoCoMo turns with their shared photo's caption (separate hubs).
 * {@code --agent-sessions false} pushes the agent memories without their {@code session_id}.
 * {@code --db NAME} keeps the ingested data in that database for the next run. In-process only:
 * {@code --tune} sweeps the fusion settings on SciFact's train qrels, LoCoMo and the agent set and
 * prints the best; {@code --compare} ranks every loaded set's queries with two settings (B = the
 * defaults with the {@code --compare} knobs, A = the defaults with the {@code --baseline} knobs, kebab-case
 * {@code memax.recall.*} names) and prints a paired comparison ({@link Paired}).
 */
public final class QualityBench {
    static final String AGENT_PREFIX = "agent-memory/";
    private static final Map<Integer, String> LOCOMO_CATEGORIES =
            Map.of(1, "1 multi-hop", 2, "2 temporal", 3, "3 open-domain", 4, "4 single-hop");

    private QualityBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Set<String> datasets =
                Set.of(options.getOrDefault("datasets", "scifact,locomo,agent").split(","));
        RecallMode mode = RecallMode.fromWire(options.getOrDefault("mode", "hybrid"));
        boolean agentSessions = !"false".equalsIgnoreCase(options.getOrDefault("agent-sessions", "true"));
        Datasets.AgentSet agent = datasets.contains("agent") ? Datasets.agentMemory() : null;
        if (options.containsKey("compare")) {
            // A typo in a knob's name stops the run here, before the server starts.
            RecallTuning.with(RecallTuning.declaredDefaults(), options.getOrDefault("baseline", ""));
            RecallTuning.with(RecallTuning.declaredDefaults(), options.get("compare"));
        }
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
                boolean captions = options.containsKey("locomo-captions");
                // A dream changes its hubs (and its undo only archives the summaries): they are not reused by other
                // runs.
                locomoHubs = options.containsKey("dream")
                        ? Locomo.ingest(
                                client, api, locomo, captions, captions ? "locomo+captions+dream " : "locomo+dream ")
                        : Locomo.ingest(client, api, locomo, captions);
            }
            String agentHub = agent == null ? null : ingestAgent(client, api, agent, agentSessions);
            resetAccessCounts(env);
            if (options.containsKey("tune") || options.containsKey("compare")) {
                if (env.context == null) {
                    throw new IllegalStateException(
                            "--tune and --compare need the in-process server (unset MEMAX_BENCH_URL)");
                }
                RecallTuning tuning = new RecallTuning(env.context);
                List<RankSet> sets = rankSets(scifact != null ? scifactHub : null, locomo, locomoHubs, agent, agentHub);
                Map<UUID, String> names = sourcePaths(env);
                if (options.containsKey("tune")) {
                    for (String pair : options.getOrDefault("bm25", "1.2:0.75").split(",")) {
                        String[] kb = pair.split(":");
                        tune(tuning, sets, names, Double.parseDouble(kb[0]), Double.parseDouble(kb[1]));
                    }
                }
                if (options.containsKey("compare")) {
                    RecallSettings a = RecallTuning.with(tuning.defaults(), options.getOrDefault("baseline", ""));
                    RecallSettings b = RecallTuning.with(tuning.defaults(), options.get("compare"));
                    compare(tuning, sets, names, a, b, dev.memax.server.recall.RecallMode.valueOf(mode.name()));
                }
            }
            if (scifact != null) {
                evalSciFact(client, scifact, scifactHub, mode);
            }
            if (!locomo.isEmpty() && options.containsKey("dream")) {
                LocomoDream.beforeAndAfter(env, client, locomo, locomoHubs, mode);
            } else if (!locomo.isEmpty()) {
                evalLocomo(client, locomo, locomoHubs, mode);
            }
            if (agent != null) {
                evalAgent(client, agent, agentHub, mode);
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
            ObjectNode memory = Api.memory(doc.text().isBlank() ? title : doc.text())
                    .put("title", title)
                    .put("source_path", "scifact/" + doc.id())
                    .put("source", "scifact");
            memories.add(memory);
        }
        long started = System.nanoTime();
        api.pushAll(hub, memories, 50, "scifact");
        System.out.printf(
                "# scifact: %d documents ingested in %.0f s%n", memories.size(), (System.nanoTime() - started) / 1e9);
        return hub;
    }

    static void evalSciFact(MemaxClient client, Datasets.SciFact data, String hub, RecallMode mode) {
        List<Double> ndcgs = new ArrayList<>();
        Latencies latencies = new Latencies();
        for (Map.Entry<String, Map<String, Integer>> entry : data.qrels().entrySet()) {
            String query = data.queries().get(entry.getKey());
            RecallResult result = latencies.time(() -> client.recall()
                    .search(RecallParams.builder()
                            .query(query)
                            .addHubId(UUID.fromString(hub))
                            .limit(10)
                            .mode(mode)
                            .build()));
            List<String> docs = result.memories().stream()
                    .map(m -> m.sourcePath().substring("scifact/".length()))
                    .toList();
            ndcgs.add(Metrics.ndcg(docs, entry.getValue(), 10));
        }
        System.out.printf("SciFact test (%d queries, mode %s): nDCG@10 = %s%n", ndcgs.size(), mode, withNoise(ndcgs));
        latencies.print("SciFact");
    }

    // --- LoCoMo ---

    /** A recalled LoCoMo turn answers for its own dialogue id. */
    static final Function<RecalledMemory, Collection<String>> TURN_ITSELF =
            m -> m.sourcePath() == null ? List.of() : List.of(Locomo.turnId(m.sourcePath()));

    static void evalLocomo(
            MemaxClient client, List<Datasets.Conversation> conversations, Map<String, String> hubs, RecallMode mode) {
        evalLocomo(client, conversations, hubs, mode, Map.of("", TURN_ITSELF));
    }

    /**
     * Evidence recall@k of the judged questions, once per reading of the same recall results (a reading
     * says which dialogue turns a recalled memory answers for); returns reading → category → recall@10,
     * category 0 being all questions.
     */
    static Map<String, Map<Integer, Double>> evalLocomo(
            MemaxClient client,
            List<Datasets.Conversation> conversations,
            Map<String, String> hubs,
            RecallMode mode,
            Map<String, Function<RecalledMemory, Collection<String>>> readings) {
        int[] ks = {10, 20, 50};
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, List<Double>> at10 = new HashMap<>();
        Map<String, Map<Integer, double[]>> byCategory = new HashMap<>();
        int questions = 0;
        Latencies latencies = new Latencies();
        for (Datasets.Conversation conversation : conversations) {
            UUID hub = UUID.fromString(hubs.get(conversation.id()));
            for (Datasets.Question question : conversation.questions()) {
                if (!locomoJudged(question)) {
                    continue;
                }
                RecallResult result = latencies.time(() -> client.recall()
                        .search(RecallParams.builder()
                                .query(question.question())
                                .addHubId(hub)
                                .limit(50)
                                .mode(mode)
                                .build()));
                questions++;
                for (Map.Entry<String, Function<RecalledMemory, Collection<String>>> reading : readings.entrySet()) {
                    double[] category = byCategory
                            .computeIfAbsent(reading.getKey(), r -> new TreeMap<>())
                            .computeIfAbsent(question.category(), c -> new double[2]);
                    category[1]++;
                    for (int i = 0; i < ks.length; i++) {
                        List<String> turns = result.memories().stream()
                                .limit(ks[i])
                                .flatMap(m -> reading.getValue().apply(m).stream())
                                .distinct()
                                .toList();
                        double r = evidenceRecall(turns, question.evidence(), turns.size());
                        sums.computeIfAbsent(reading.getKey(), x -> new double[ks.length])[i] += r;
                        if (ks[i] == 10) {
                            category[0] += r;
                            at10.computeIfAbsent(reading.getKey(), x -> new ArrayList<>())
                                    .add(r);
                        }
                    }
                }
            }
        }
        Map<String, Map<Integer, Double>> out = new LinkedHashMap<>();
        for (String reading : readings.keySet()) {
            double[] s = sums.get(reading);
            System.out.printf(
                    "LoCoMo dev%s (%d questions, categories 1-4, mode %s): recall@10 = %s, recall@20 = %.4f, "
                            + "recall@50 = %.4f%n",
                    reading.isEmpty() ? "" : ", " + reading,
                    questions,
                    mode,
                    withNoise(at10.get(reading)),
                    s[1] / questions,
                    s[2] / questions);
            Map<Integer, Double> r10 = new TreeMap<>();
            r10.put(0, s[0] / questions);
            byCategory.get(reading).forEach((category, v) -> {
                System.out.printf(
                        "  category %d (%d questions): recall@10 = %.4f%n", category, (int) v[1], v[0] / v[1]);
                r10.put(category, v[0] / v[1]);
            });
            out.put(reading, r10);
        }
        latencies.print("LoCoMo");
        return out;
    }

    static boolean locomoJudged(Datasets.Question question) {
        return question.category() >= 1
                && question.category() <= 4
                && !question.evidence().isEmpty();
    }

    static double evidenceRecall(List<String> ranked, Set<String> evidence, int k) {
        long found = ranked.stream().limit(k).filter(evidence::contains).count();
        return (double) found / evidence.size();
    }

    // --- agent memory ---

    /**
     * All parts into one hub named {@code agent-memory <fingerprint> …} (reused while the memories stay the same),
     * pushed in file order; {@code session_id} only with {@code sessions}.
     */
    static String ingestAgent(MemaxClient client, Api api, Datasets.AgentSet data, boolean sessions) {
        String prefix = (sessions ? "agent-memory " : "agent-memory-nosessions ") + data.fingerprint();
        String existing = Api.hubWithMemories(client, prefix, data.memories().size());
        if (existing != null) {
            System.out.println("# agent: reusing hub " + existing);
            return existing;
        }
        String hub = api.createHub(prefix + " " + Api.randomSuffix());
        List<ObjectNode> memories = new ArrayList<>();
        for (Datasets.AgentMemory m : data.memories()) {
            memories.add(agentMemoryBody(m, sessions));
        }
        long started = System.nanoTime();
        api.pushAll(hub, memories, 50, "agent");
        System.out.printf(
                "# agent: %d memories (parts %s) ingested in %.0f s into hub %s%n",
                memories.size(), String.join(",", data.parts()), (System.nanoTime() - started) / 1e9, hub);
        return hub;
    }

    static ObjectNode agentMemoryBody(Datasets.AgentMemory m, boolean sessions) {
        ObjectNode memory = Api.memory(m.content()).put("source_path", AGENT_PREFIX + m.id());
        if (m.title() != null) {
            memory.put("title", m.title());
        }
        if (m.kind() != null) {
            memory.put("kind", m.kind());
        }
        if (m.source() != null) {
            memory.put("source", m.source());
        }
        if (m.sourceAgent() != null) {
            memory.put("source_agent", m.sourceAgent());
        }
        if (!m.tags().isEmpty()) {
            m.tags().forEach(memory.putArray("tags")::add);
        }
        if (sessions && m.session() != null) {
            memory.put("session_id", m.session());
        }
        return memory;
    }

    /**
     * Graded nDCG@10, recall@10 (grade ≥ 1) and MRR@10 of the first grade-2 memory, overall and per query
     * category and per memory category of the grade-2 targets (a query counts once in each of its targets'
     * categories).
     */
    static void evalAgent(MemaxClient client, Datasets.AgentSet data, String hub, RecallMode mode) {
        Map<String, Datasets.AgentMemory> byId = data.byId();
        Latencies latencies = new Latencies();
        Map<String, List<double[]>> byQueryCategory = new TreeMap<>();
        Map<String, List<double[]>> byTargetCategory = new TreeMap<>();
        List<double[]> all = new ArrayList<>();
        for (Datasets.AgentQuery query : data.queries()) {
            RecallResult result = latencies.time(() -> client.recall()
                    .search(RecallParams.builder()
                            .query(query.query())
                            .addHubId(UUID.fromString(hub))
                            .limit(10)
                            .mode(mode)
                            .build()));
            List<String> ids = result.memories().stream()
                    .map(RecalledMemory::sourcePath)
                    .map(QualityBench::agentId)
                    .toList();
            boolean answered = query.relevant().containsValue(2);
            double[] row = {
                Metrics.ndcg(ids, query.relevant(), 10),
                Metrics.recall(ids, query.relevant(), 1, 10),
                answered ? Metrics.reciprocalRank(ids, query.relevant(), 2, 10) : Double.NaN
            };
            all.add(row);
            byQueryCategory
                    .computeIfAbsent(String.valueOf(query.category()), c -> new ArrayList<>())
                    .add(row);
            query.relevant().entrySet().stream()
                    .filter(e -> e.getValue() == 2)
                    .map(e -> String.valueOf(byId.get(e.getKey()).category()))
                    .distinct()
                    .forEach(c -> byTargetCategory
                            .computeIfAbsent(c, k -> new ArrayList<>())
                            .add(row));
        }
        List<Double> ndcgs = all.stream().map(r -> r[0]).toList();
        System.out.printf(
                "Agent memory (%d queries, %d memories, parts %s, mode %s): nDCG@10 = %s, recall@10 = %.4f, "
                        + "MRR@10 (first grade 2) = %.4f%n",
                all.size(),
                data.memories().size(),
                String.join(",", data.parts()),
                mode,
                withNoise(ndcgs),
                column(all, 1),
                column(all, 2));
        System.out.printf("  %-24s %4s  %-8s %-9s %-7s%n", "query category", "n", "nDCG@10", "recall@10", "MRR@10");
        byQueryCategory.forEach((c, rows) -> printAgentRow(c, rows));
        System.out.printf(
                "  %-24s %4s  %-8s %-9s %-7s%n", "grade-2 memory category", "n", "nDCG@10", "recall@10", "MRR@10");
        byTargetCategory.forEach((c, rows) -> printAgentRow(c, rows));
        latencies.print("Agent memory");
    }

    private static void printAgentRow(String label, List<double[]> rows) {
        System.out.printf(
                "  %-24s %4d  %.4f   %.4f    %.4f%n",
                label, rows.size(), column(rows, 0), column(rows, 1), column(rows, 2));
    }

    /** Mean of one column, NaN entries (not applicable) left out. */
    private static double column(List<double[]> rows, int i) {
        return rows.stream()
                .mapToDouble(r -> r[i])
                .filter(v -> !Double.isNaN(v))
                .average()
                .orElse(Double.NaN);
    }

    static String agentId(String sourcePath) {
        return sourcePath != null && sourcePath.startsWith(AGENT_PREFIX)
                ? sourcePath.substring(AGENT_PREFIX.length())
                : String.valueOf(sourcePath);
    }

    /** {@code mean ± half-width of its 95 % bootstrap interval} (the set's sampling noise). */
    static String withNoise(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        return String.format(
                "%.4f ± %.4f", Paired.mean(v), Paired.bootstrapMean(v).halfWidth());
    }

    // --- in-process ranking: tuning and paired comparison ---

    /** One judged query: its hubs, and its score given the ranked memories' {@code source_path}s (best first). */
    record RankQuery(String id, String text, String category, List<UUID> hubs, ToDoubleFunction<List<String>> score) {}

    /** The judged queries of one set, scored by {@code metric} at 10. */
    record RankSet(String name, String metric, List<RankQuery> queries) {}

    /** Every loaded set: SciFact test and train (when SciFact is loaded), LoCoMo, agent memory. */
    static List<RankSet> rankSets(
            String scifactHub,
            List<Datasets.Conversation> locomo,
            Map<String, String> locomoHubs,
            Datasets.AgentSet agent,
            String agentHub)
            throws java.io.IOException {
        List<RankSet> sets = new ArrayList<>();
        if (scifactHub != null) {
            List<UUID> hubs = List.of(UUID.fromString(scifactHub));
            for (String split : List.of("test", "train")) {
                Datasets.SciFact data = Datasets.scifact(split);
                List<RankQuery> queries = new ArrayList<>();
                data.qrels()
                        .forEach((id, judged) -> queries.add(new RankQuery(
                                id,
                                data.queries().get(id),
                                null,
                                hubs,
                                paths -> Metrics.ndcg(
                                        paths.stream()
                                                .map(p -> p.substring("scifact/".length()))
                                                .toList(),
                                        judged,
                                        10))));
                sets.add(new RankSet("scifact-" + split, "nDCG@10", queries));
            }
        }
        if (!locomo.isEmpty()) {
            List<RankQuery> queries = new ArrayList<>();
            for (Datasets.Conversation conversation : locomo) {
                List<UUID> hubs = List.of(UUID.fromString(locomoHubs.get(conversation.id())));
                for (int i = 0; i < conversation.questions().size(); i++) {
                    Datasets.Question question = conversation.questions().get(i);
                    if (locomoJudged(question)) {
                        queries.add(new RankQuery(
                                conversation.id() + "/q" + i,
                                question.question(),
                                LOCOMO_CATEGORIES.get(question.category()),
                                hubs,
                                paths -> evidenceRecall(
                                        paths.stream().map(Locomo::turnId).toList(), question.evidence(), 10)));
                    }
                }
            }
            sets.add(new RankSet("locomo", "R@10", queries));
        }
        if (agent != null) {
            List<UUID> hubs = List.of(UUID.fromString(agentHub));
            List<RankQuery> queries = new ArrayList<>();
            for (Datasets.AgentQuery query : agent.queries()) {
                queries.add(new RankQuery(
                        query.id(),
                        query.query(),
                        query.category(),
                        hubs,
                        paths -> Metrics.ndcg(
                                paths.stream().map(QualityBench::agentId).toList(), query.relevant(), 10)));
            }
            sets.add(new RankSet("agent", "nDCG@10", queries));
        }
        return sets;
    }

    /** memory id → source_path of every memory in the database (the ranker answers with ids). */
    static Map<UUID, String> sourcePaths(BenchEnv env) {
        Map<UUID, String> names = new HashMap<>();
        env.context
                .getBean(dev.memax.server.platform.Db.class)
                .list(
                        "SELECT id, source_path FROM memories",
                        rs -> names.put(rs.getObject(1, UUID.class), rs.getString(2)));
        return names;
    }

    /** A set's queries with their candidates fetched once. */
    record Collected(RankSet set, List<RecallTuning.Collected> candidates) {
        double[] scores(RecallSettings settings, dev.memax.server.recall.RecallMode mode, Map<UUID, String> names) {
            double[] out = new double[candidates.size()];
            for (int i = 0; i < out.length; i++) {
                List<String> paths = RecallTuning.rank(candidates.get(i), settings, mode, 10).stream()
                        .map(id -> String.valueOf(names.get(id)))
                        .toList();
                out[i] = set.queries().get(i).score().applyAsDouble(paths);
            }
            return out;
        }

        double mean(RecallSettings settings, dev.memax.server.recall.RecallMode mode, Map<UUID, String> names) {
            return Paired.mean(scores(settings, mode, names));
        }
    }

    static Collected collect(
            RankSet set, java.util.function.BiFunction<List<UUID>, String, RecallTuning.Collected> collector) {
        long started = System.nanoTime();
        List<RecallTuning.Collected> candidates = new ArrayList<>();
        for (RankQuery query : set.queries()) {
            candidates.add(collector.apply(query.hubs(), query.text()));
        }
        System.out.printf(
                "# collected %d %s queries in %.0f s%n",
                candidates.size(), set.name(), (System.nanoTime() - started) / 1e9);
        return new Collected(set, candidates);
    }

    static void tune(RecallTuning tuning, List<RankSet> sets, Map<UUID, String> names, double k1, double b) {
        System.out.printf("# tune: BM25 k1=%.2f b=%.2f%n", k1, b);
        List<Collected> collected = new ArrayList<>();
        for (RankSet set : sets) {
            if (!set.name().equals("scifact-test")) {
                collected.add(collect(set, (hubs, text) -> tuning.collect(hubs, text, k1, b)));
            }
        }
        RecallSettings d = tuning.defaults();
        record Row(String label, double[] scores, double mean) {}
        List<Row> rows = new ArrayList<>();
        BiFunction<RecallSettings, dev.memax.server.recall.RecallMode, Row> evaluate = (settings, mode) -> {
            double[] scores = new double[collected.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = collected.get(i).mean(settings, mode, names);
            }
            String label = mode == dev.memax.server.recall.RecallMode.HYBRID
                    ? String.format(
                            "%s w=%.2f %s",
                            settings.fusion(),
                            settings.semanticWeight(),
                            settings.rrf()
                                    ? "k=" + settings.rrfK()
                                    : String.format("s=%.1f", settings.keywordSaturation()))
                    : mode.toString();
            return new Row(
                    label, scores, java.util.Arrays.stream(scores).average().orElse(0));
        };
        rows.add(evaluate.apply(d, dev.memax.server.recall.RecallMode.SEMANTIC));
        rows.add(evaluate.apply(d, dev.memax.server.recall.RecallMode.KEYWORD));
        List<Row> hybrid = new ArrayList<>();
        for (double w : new double[] {0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9}) {
            for (double s : new double[] {1, 2, 3, 5, 8, 12, 20, 40}) {
                hybrid.add(evaluate.apply(
                        RecallTuning.with(
                                d,
                                String.format(
                                        java.util.Locale.ROOT,
                                        "fusion=blend,semantic-weight=%s,keyword-saturation=%s",
                                        w,
                                        s)),
                        dev.memax.server.recall.RecallMode.HYBRID));
            }
            for (int k : new int[] {2, 5, 10, 20, 40, 60}) {
                hybrid.add(evaluate.apply(
                        RecallTuning.with(
                                d,
                                String.format(
                                        java.util.Locale.ROOT,
                                        "fusion=rrf,semantic-weight=%s,rrf-k=%d,keyword-saturation=1",
                                        w,
                                        k)),
                        dev.memax.server.recall.RecallMode.HYBRID));
            }
        }
        hybrid.sort(Comparator.comparingDouble(Row::mean).reversed());
        System.out.println("# tune: "
                + String.join(
                        " | ",
                        collected.stream()
                                .map(c -> c.set().name() + " " + c.set().metric())
                                .toList()) + " | mean");
        for (Row row : rows) {
            System.out.printf("#   %-40s %s%n", row.label(), format(row.scores(), row.mean()));
        }
        System.out.println("# tune: best hybrid settings");
        for (Row row :
                hybrid.subList(0, Math.min(Integer.parseInt(System.getProperty("bench.top", "12")), hybrid.size()))) {
            System.out.printf("#   %-40s %s%n", row.label(), format(row.scores(), row.mean()));
        }
        System.out.println("# tune: session context weight x date weight (fusion defaults)");
        for (double c : new double[] {0, 0.5, 0.6, 0.7, 0.8}) {
            for (double dw : new double[] {0, 0.1, 0.2, 0.3, 0.4}) {
                Row row = evaluate.apply(
                        RecallTuning.with(
                                d,
                                String.format(
                                        java.util.Locale.ROOT, "session-context-weight=%s,date-weight=%s", c, dw)),
                        dev.memax.server.recall.RecallMode.HYBRID);
                System.out.printf("#   context %.2f date %.2f %18s %s%n", c, dw, "", format(row.scores(), row.mean()));
            }
        }
        System.out.println("# tune: memory view weight x title weight (other knobs at their defaults)");
        for (double v : new double[] {0, 0.25, 0.5, 0.75}) {
            for (double t : new double[] {0, 0.25, 0.5, 0.75}) {
                Row row = evaluate.apply(
                        RecallTuning.with(
                                d, String.format(java.util.Locale.ROOT, "memory-view-weight=%s,title-weight=%s", v, t)),
                        dev.memax.server.recall.RecallMode.HYBRID);
                System.out.printf("#   view %.2f title %.2f %20s %s%n", v, t, "", format(row.scores(), row.mean()));
            }
        }
        Row current = evaluate.apply(d, dev.memax.server.recall.RecallMode.HYBRID);
        System.out.printf("#   current defaults: %s%n", format(current.scores(), current.mean()));
    }

    private static String format(double[] scores, double mean) {
        StringBuilder out = new StringBuilder();
        for (double s : scores) {
            out.append(String.format("%.4f  ", s));
        }
        return out.append(String.format("| %.4f", mean)).toString();
    }

    /**
     * Ranks every set's queries with A and B (candidates fetched once per set, twice only when A and B differ in
     * what decides the candidates) and prints the paired comparison per set and per category, the queries B
     * loses and gains most on, and a verdict: B is not taken when any set is worse (interval below 0).
     */
    static void compare(
            RecallTuning tuning,
            List<RankSet> sets,
            Map<UUID, String> names,
            RecallSettings a,
            RecallSettings b,
            dev.memax.server.recall.RecallMode mode) {
        System.out.printf(
                "# compare (mode %s): A = defaults %s; B = defaults %s%n",
                mode, RecallTuning.difference(tuning.defaults(), a), RecallTuning.difference(tuning.defaults(), b));
        System.out.printf("# compare: A → B: %s%n", RecallTuning.changes(a, b));
        for (String key : List.of("exact-scan-max-chunks", "ef-search", "max-scan-tuples", "keyword-max-matches")) {
            Object server = RecallTuning.value(tuning.defaults(), key);
            if (!Objects.equals(server, RecallTuning.value(a, key))
                    || !Objects.equals(server, RecallTuning.value(b, key))) {
                System.out.printf(
                        "# compare: note: %s is read by the server's search, not by the re-ranking: A and B both use "
                                + "the server's " + server + " (compare it with two runs, -Dmemax.recall.%s=…)%n",
                        key,
                        key);
            }
        }
        boolean separate = !RecallTuning.sameCandidates(a, b);
        if (separate) {
            System.out.println(
                    "# compare: A and B fetch different candidates (candidates / bm25-k1 / bm25-b): collected for each");
        }
        List<String> worse = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        String header = String.format(
                "%-14s %-8s %4s  %-7s %-7s %-8s %-20s %-11s %-8s %s",
                "set", "metric", "n", "A", "B", "delta", "95% interval", "W/L/T", "noise A", "");
        for (RankSet set : sets) {
            Collected ca = collect(set, (hubs, text) -> tuning.collect(hubs, text, a));
            Collected cb = separate ? collect(set, (hubs, text) -> tuning.collect(hubs, text, b)) : ca;
            double[] sa = ca.scores(a, mode, names);
            double[] sb = cb.scores(b, mode, names);
            Paired.Result result = Paired.compare(sa, sb);
            String verdict = result.worse() ? "WORSE" : result.better() ? "better" : "";
            if (result.worse()) {
                worse.add(set.name());
            }
            String line = compareRow(set.name(), set.metric(), result, verdict);
            summary.add(line);
            System.out.println("compare " + set.name() + ":");
            System.out.println("  " + header);
            System.out.println("  " + line);
            Map<String, List<Integer>> byCategory = new TreeMap<>();
            for (int i = 0; i < set.queries().size(); i++) {
                String category = set.queries().get(i).category();
                if (category != null) {
                    byCategory.computeIfAbsent(category, c -> new ArrayList<>()).add(i);
                }
            }
            byCategory.forEach((category, indexes) -> {
                double[] xa = indexes.stream().mapToDouble(i -> sa[i]).toArray();
                double[] xb = indexes.stream().mapToDouble(i -> sb[i]).toArray();
                Paired.Result r = Paired.compare(xa, xb);
                System.out.println(
                        "  " + compareRow("  " + category, "", r, r.worse() ? "WORSE" : r.better() ? "better" : ""));
            });
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < sa.length; i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingDouble(i -> sb[i] - sa[i]));
            printExtremes(
                    "largest losses",
                    set,
                    order.stream()
                            .filter(i -> sb[i] - sa[i] < -Paired.TIE)
                            .limit(5)
                            .toList(),
                    sa,
                    sb);
            List<Integer> gains = new ArrayList<>(
                    order.stream().filter(i -> sb[i] - sa[i] > Paired.TIE).toList());
            java.util.Collections.reverse(gains);
            printExtremes("largest gains", set, gains.stream().limit(5).toList(), sa, sb);
        }
        System.out.println("compare summary (B − A; 95% paired bootstrap interval of the mean delta, "
                + Paired.RESAMPLES + " resamples; noise A = half-width of A's own 95% interval):");
        System.out.println("  " + header);
        summary.forEach(line -> System.out.println("  " + line));
        System.out.println(
                worse.isEmpty()
                        ? "compare verdict: no set is worse beyond its interval"
                        : "compare verdict: NOT TAKEN, worse on " + String.join(", ", worse));
    }

    private static String compareRow(String name, String metric, Paired.Result r, String verdict) {
        return String.format(
                        "%-14s %-8s %4d  %.4f  %.4f  %+.4f  [%+.4f, %+.4f]  %-11s ±%.4f  %s",
                        name,
                        metric,
                        r.n(),
                        r.meanA(),
                        r.meanB(),
                        r.delta(),
                        r.deltaInterval().low(),
                        r.deltaInterval().high(),
                        r.wins() + "/" + r.losses() + "/" + r.ties(),
                        r.noise(),
                        verdict)
                .stripTrailing();
    }

    private static void printExtremes(String label, RankSet set, List<Integer> indexes, double[] sa, double[] sb) {
        System.out.println("  " + label + (indexes.isEmpty() ? ": none" : ":"));
        for (int i : indexes) {
            RankQuery query = set.queries().get(i);
            String text = query.text().length() > 70 ? query.text().substring(0, 67) + "..." : query.text();
            System.out.printf("    %-16s A %.4f  B %.4f  %+.4f  %s%n", query.id(), sa[i], sb[i], sb[i] - sa[i], text);
        }
    }

    // --- helpers ---

    /** Recalls made by earlier runs must not boost this one: counters start at zero (in-process only). */
    static void resetAccessCounts(BenchEnv env) {
        if (env.context != null) {
            env.context
                    .getBean(dev.memax.server.platform.Db.class)
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
            System.out.printf(
                    "  %s search latency, client: %s; server latency_ms: %s%n",
                    label, new Stats(client).summary(), new Stats(server).summary());
        }
    }
}
