package dev.memax.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.models.DreamAction;
import dev.memax.sdk.models.DreamRun;
import dev.memax.sdk.params.DreamTriggerParams;
import dev.memax.server.dream.DreamMemories;
import dev.memax.server.dream.DreamMemory;
import dev.memax.server.dream.DreamSettings;
import dev.memax.server.dream.DuplicateFinder;
import dev.memax.server.embedding.EmbeddingProvider;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Precision and recall of the dream's merge phase on a labelled set built from the public data in
 * {@code ../shared/bench} (docs/benchmarks.md "Merge precision and recall"). Each labelled item is a memory
 * pushed through the HTTP API; every pair is labelled duplicate or not by how the set was built:
 *
 * <ul>
 *   <li>SciFact, one hub: abstracts (title + text) with ≥ 4 sentences, every fourth pushed again verbatim
 *       ({@code exact copy}), every fourth with its last sentence cut ({@code last sentence cut}), every fourth as
 *       its first half ({@code first half}), every fourth with one long word's middle letters swapped
 *       ({@code one word misspelt}); every claim of {@code queries.jsonl}, identical claims
 *       being duplicates ({@code identical claims}); for each claim with an auxiliary verb, its negation ("is" →
 *       "is not"), a contradiction that must never be merged ({@code negated twin}); claims citing the same
 *       abstract are distinct statements ({@code claims on one paper}).
 *   <li>LoCoMo dev, one hub per conversation: every dialogue turn ({@code speaker: text}) and every one of
 *       LoCoMo's own {@code observation}s (a fact restated from one turn, written by LoCoMo's authors); an
 *       observation and the turn it restates are duplicates ({@code observation ↔ its turn}), two observations of
 *       one turn are not.
 * </ul>
 *
 * A merge of survivor S with merged M₁…Mₖ predicts the pairs (S, Mᵢ); precision = predicted pairs labelled
 * duplicate / predicted pairs; recall = duplicate pairs that ended in one merge group / duplicate pairs. The
 * headline runs the merge phase through {@code POST /v1/dreams/trigger} as a dry run (nothing changes); the
 * sweep runs the phase's engine in process on the same loaded memories at other thresholds.
 *
 * <pre>
 * bash infra/dev/bench-recall.sh merges [--db NAME] [--abstracts 400] [--sweep]
 * </pre>
 */
public final class MergeBench {
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\d(])");
    private static final Pattern AUXILIARY =
            Pattern.compile("\\b(is|are|was|were|can|could|does|do|did|has|have|had|will|may|might|should)\\b");
    private static final Pattern NEGATED = Pattern.compile("\\b(not|no|never|cannot)\\b|n't\\b");

    private MergeBench() {}

    /** The labelled set of one hub: memories by key, duplicate pairs and named non-duplicate pairs. */
    static final class Labelled {
        final String name;
        final Map<String, ObjectNode> memories = new LinkedHashMap<>();
        final Map<Pair, String> duplicates = new HashMap<>();
        final Map<Pair, String> distinct = new HashMap<>();

        Labelled(String name) {
            this.name = name;
        }

        void add(String key, ObjectNode memory) {
            memories.put(key, memory.put("source_path", "merges/" + key));
        }
    }

    /** An unordered pair of item keys. */
    record Pair(String a, String b) {
        static Pair of(String x, String y) {
            return x.compareTo(y) < 0 ? new Pair(x, y) : new Pair(y, x);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = QualityBench.options(args);
        int abstracts = Integer.parseInt(options.getOrDefault("abstracts", "400"));
        List<Labelled> sets = new ArrayList<>();
        sets.add(scifact(Datasets.scifact("test"), abstracts));
        sets.addAll(locomo());
        try (BenchEnv env = BenchEnv.start(options.get("db"), Map.of("memax.dreams.cooldown", "0s"));
                MemaxClient client = env.client()) {
            Api api = new Api(env);
            Map<String, Tally> byClass = new TreeMap<>();
            Tally total = new Tally();
            Map<String, Map<UUID, String>> keysByHub = new LinkedHashMap<>();
            for (Labelled set : sets) {
                UUID hub = ingest(client, api, set);
                Map<UUID, String> keys = new HashMap<>();
                Api.sourcePaths(client, hub.toString())
                        .forEach((id, path) -> keys.put(id, path.substring("merges/".length())));
                keysByHub.put(hub.toString(), keys);
                long started = System.nanoTime();
                List<DreamAction> merges = dryRunMerges(client, hub);
                System.out.printf(
                        "# %s: dry-run merge phase %.1f s, %d merge actions%n",
                        set.name, (System.nanoTime() - started) / 1e9, merges.size());
                List<List<String>> groups = new ArrayList<>();
                for (DreamAction action : merges) {
                    List<String> group = new ArrayList<>();
                    group.add(keys.get(action.resultMemoryId()));
                    action.sourceMemoryIds().forEach(id -> group.add(keys.get(id)));
                    groups.add(group);
                }
                Tally tally = score(set, groups, byClass);
                total.add(tally);
                System.out.println("  " + tally.row(set.name));
            }
            DreamSettings settings = env.context == null ? null : env.context.getBean(DreamSettings.class);
            System.out.printf(
                    "%nMerge phase through the API (dry run), thresholds: similarity ≥ %s, overlap ≥ %s, changed ≤ %s%n",
                    settings == null ? "?" : settings.mergeMinSimilarity(),
                    settings == null ? "?" : settings.mergeMinOverlap(),
                    settings == null ? "?" : settings.mergeMaxChanged());
            System.out.println(Tally.HEADER);
            System.out.println(total.row("all sets"));
            System.out.println(
                    "\nBy construction class (duplicate classes: found / planted; distinct classes: merged / planted)");
            byClass.forEach((name, tally) -> System.out.printf(
                    "  %-28s %5d / %-5d%n", name, tally.positive ? tally.found : tally.predicted, tally.labelled));
            if (options.containsKey("sweep")) {
                sweep(env, sets, keysByHub);
            }
        }
        System.exit(0);
    }

    // --- construction ---

    static Labelled scifact(Datasets.SciFact data, int abstracts) throws Exception {
        Labelled set = new Labelled("scifact");
        int taken = 0;
        for (Datasets.Doc doc : data.corpus()) {
            List<String> sentences = List.of(SENTENCE_END.split(doc.text().strip()));
            if (sentences.size() < 4 || doc.title().isBlank() || doc.title().length() > 300) {
                continue;
            }
            String key = "doc/" + doc.id();
            set.add(key, Api.memory(doc.text().strip()).put("title", doc.title()));
            String copy = switch (taken % 4) {
                case 0 -> doc.text().strip();
                case 1 -> String.join(" ", sentences.subList(0, sentences.size() - 1));
                case 2 -> String.join(" ", sentences.subList(0, sentences.size() / 2));
                default -> misspelt(doc.text().strip());
            };
            if (copy != null) {
                String kind = switch (taken % 4) {
                    case 0 -> "exact copy";
                    case 1 -> "last sentence cut";
                    case 2 -> "first half";
                    default -> "one word misspelt";
                };
                set.add(key + "/copy", Api.memory(copy).put("title", doc.title()));
                set.duplicates.put(Pair.of(key, key + "/copy"), kind);
            }
            if (++taken == abstracts) {
                break;
            }
        }
        Map<String, List<String>> claimsByText = new HashMap<>();
        Map<String, List<String>> claimsByPaper = new HashMap<>();
        for (String line : Files.readAllLines(Datasets.root().resolve("scifact").resolve("queries.jsonl"))) {
            JsonNode claim = Api.JSON.readTree(line);
            String key = "claim/" + claim.path("_id").asText();
            String text = claim.path("text").asText().strip();
            set.add(key, Api.memory(text));
            claimsByText.computeIfAbsent(text, t -> new ArrayList<>()).add(key);
            claim.path("metadata")
                    .fieldNames()
                    .forEachRemaining(paper -> claimsByPaper
                            .computeIfAbsent(paper, p -> new ArrayList<>())
                            .add(key));
            Matcher auxiliary = AUXILIARY.matcher(text);
            if (!NEGATED.matcher(text).find() && auxiliary.find()) {
                String negated = text.substring(0, auxiliary.end()) + " not" + text.substring(auxiliary.end());
                set.add(key + "/negated", Api.memory(negated));
                set.distinct.put(Pair.of(key, key + "/negated"), "negated twin");
            }
        }
        claimsByText.values().forEach(keys -> pairs(keys, p -> set.duplicates.put(p, "identical claims")));
        claimsByPaper
                .values()
                .forEach(keys -> pairs(keys, p -> {
                    if (!set.duplicates.containsKey(p)) {
                        set.distinct.put(p, "claims on one paper");
                    }
                }));
        return set;
    }

    /** The text with its longest word's two middle letters swapped (a typo fixed in one copy); null if none is long. */
    static String misspelt(String text) {
        Matcher words = Pattern.compile("\\p{Ll}{8,}").matcher(text);
        String longest = null;
        int at = -1;
        while (words.find()) {
            if (longest == null || words.group().length() > longest.length()) {
                longest = words.group();
                at = words.start();
            }
        }
        if (longest == null) {
            return null;
        }
        int middle = longest.length() / 2;
        String typo = longest.substring(0, middle - 1)
                + longest.charAt(middle)
                + longest.charAt(middle - 1)
                + longest.substring(middle + 1);
        return text.substring(0, at) + typo + text.substring(at + longest.length());
    }

    static List<Labelled> locomo() throws Exception {
        JsonNode root = Api.JSON.readTree(
                Datasets.root().resolve("locomo").resolve("locomo-dev.json").toFile());
        List<Labelled> sets = new ArrayList<>();
        for (JsonNode sample : root) {
            String conversationId = sample.path("sample_id").asText();
            Labelled set = new Labelled("locomo " + conversationId);
            JsonNode conversation = sample.path("conversation");
            for (int n = 1; conversation.has("session_" + n); n++) {
                for (JsonNode turn : conversation.path("session_" + n)) {
                    set.add(
                            "turn/" + turn.path("dia_id").asText(),
                            Api.memory(turn.path("speaker").asText() + ": "
                                    + turn.path("text").asText()));
                }
            }
            Map<String, List<String>> observationsByTurn = new HashMap<>();
            int n = 0;
            for (JsonNode session : sample.path("observation")) {
                for (JsonNode ofSpeaker : session) {
                    for (JsonNode observation : ofSpeaker) {
                        String turn = "turn/" + observation.path(1).asText().strip();
                        String key = "observation/" + n++;
                        String text = observation.path(0).asText().strip();
                        if (text.isEmpty()) {
                            continue;
                        }
                        set.add(key, Api.memory(text));
                        if (set.memories.containsKey(turn)) {
                            set.duplicates.put(Pair.of(key, turn), "observation ↔ its turn");
                            observationsByTurn
                                    .computeIfAbsent(turn, t -> new ArrayList<>())
                                    .add(key);
                        }
                    }
                }
            }
            observationsByTurn
                    .values()
                    .forEach(keys -> pairs(keys, p -> set.distinct.put(p, "observations of one turn")));
            sets.add(set);
        }
        return sets;
    }

    private static void pairs(List<String> keys, java.util.function.Consumer<Pair> each) {
        for (int i = 0; i < keys.size(); i++) {
            for (int j = i + 1; j < keys.size(); j++) {
                each.accept(Pair.of(keys.get(i), keys.get(j)));
            }
        }
    }

    // --- running ---

    private static String hubName(Labelled set) {
        return "merges " + set.name + " " + set.memories.size();
    }

    /** Pushes the set into its hub (or reuses the hub an earlier run filled); returns the hub. */
    static UUID ingest(MemaxClient client, Api api, Labelled set) {
        String hub = Api.hubWithMemories(client, hubName(set), set.memories.size());
        if (hub == null) {
            hub = api.createHub(hubName(set) + " " + Api.randomSuffix());
            api.pushAll(hub, new ArrayList<>(set.memories.values()), 100, set.name);
        }
        return UUID.fromString(hub);
    }

    private static List<DreamAction> dryRunMerges(MemaxClient client, UUID hub) throws InterruptedException {
        DreamRun run = Dreams.run(
                client,
                DreamTriggerParams.builder()
                        .hubId(hub)
                        .phases("merge")
                        .dryRun(true)
                        .build());
        return Dreams.actions(client, run).stream()
                .filter(a -> "merge".equals(a.phase()))
                .toList();
    }

    /** In process: the merge engine at other thresholds over the same memories as the phase loads them. */
    private static void sweep(BenchEnv env, List<Labelled> sets, Map<String, Map<UUID, String>> keysByHub) {
        if (env.context == null) {
            throw new IllegalStateException("--sweep needs the in-process server (unset MEMAX_BENCH_URL)");
        }
        DreamMemories loader = env.context.getBean(DreamMemories.class);
        String model = env.context.getBean(EmbeddingProvider.class).modelId();
        List<List<DreamMemory>> loaded = new ArrayList<>();
        for (String hub : keysByHub.keySet()) {
            loaded.add(loader.load(UUID.fromString(hub), model, Instant.now()));
        }
        DreamSettings settings = env.context.getBean(DreamSettings.class);
        System.out.printf(
                "%nSweep (engine in process, all sets), similarity × overlap at changed ≤ %s → precision / recall%n",
                settings.mergeMaxChanged());
        double[] overlaps = {0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        StringBuilder header = new StringBuilder(String.format("  %-10s", "sim \\ ovl"));
        for (double overlap : overlaps) {
            header.append(String.format("  %-13s", overlap));
        }
        System.out.println(header);
        for (double similarity : new double[] {0.8, 0.85, 0.88, 0.9, 0.92, 0.95}) {
            StringBuilder row = new StringBuilder(String.format("  %-10s", similarity));
            for (double overlap : overlaps) {
                Tally tally = engine(
                        sets, keysByHub, loaded, new DuplicateFinder(similarity, overlap, settings.mergeMaxChanged()));
                row.append(String.format("  %.3f / %.3f", tally.precision(), tally.recall()));
            }
            System.out.println(row);
        }
        System.out.printf(
                "%nSweep, changed words at similarity ≥ %s, overlap ≥ %s%n  %-8s %10s %10s %s%n",
                settings.mergeMinSimilarity(),
                settings.mergeMinOverlap(),
                "changed",
                "precision",
                "recall",
                "merged pairs by class");
        for (double changed : new double[] {0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.34, 1}) {
            Map<String, Tally> byClass = new TreeMap<>();
            Tally tally = engine(
                    sets,
                    keysByHub,
                    loaded,
                    new DuplicateFinder(settings.mergeMinSimilarity(), settings.mergeMinOverlap(), changed),
                    byClass);
            StringBuilder classes = new StringBuilder();
            byClass.forEach((name, t) -> classes.append(name)
                    .append(' ')
                    .append(t.positive ? t.found : t.predicted)
                    .append(", "));
            System.out.printf("  %-8s %10.3f %10.3f %s%n", changed, tally.precision(), tally.recall(), classes);
        }
    }

    private static Tally engine(
            List<Labelled> sets,
            Map<String, Map<UUID, String>> keysByHub,
            List<List<DreamMemory>> loaded,
            DuplicateFinder finder) {
        return engine(sets, keysByHub, loaded, finder, new TreeMap<>());
    }

    /** The engine's groups over every loaded hub, scored. */
    private static Tally engine(
            List<Labelled> sets,
            Map<String, Map<UUID, String>> keysByHub,
            List<List<DreamMemory>> loaded,
            DuplicateFinder finder,
            Map<String, Tally> byClass) {
        Tally tally = new Tally();
        int i = 0;
        for (Map<UUID, String> keys : keysByHub.values()) {
            List<List<String>> groups = new ArrayList<>();
            for (DuplicateFinder.MergeGroup group : finder.find(loaded.get(i))) {
                List<String> members = new ArrayList<>();
                members.add(keys.get(group.survivor()));
                group.merged().forEach(id -> members.add(keys.get(id)));
                groups.add(members);
            }
            tally.add(score(sets.get(i), groups, byClass));
            i++;
        }
        return tally;
    }

    // --- scoring ---

    /** Predicted (survivor, merged) pairs against the labels; adds per-class counts to {@code byClass}. */
    static Tally score(Labelled set, List<List<String>> groups, Map<String, Tally> byClass) {
        Tally tally = new Tally();
        tally.labelled = set.duplicates.size();
        Map<String, Integer> groupOf = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            List<String> group = groups.get(g);
            for (String key : group) {
                groupOf.put(key, g);
            }
            for (String merged : group.subList(1, group.size())) {
                Pair pair = Pair.of(group.get(0), merged);
                tally.predicted++;
                if (set.duplicates.containsKey(pair)) {
                    tally.correct++;
                } else {
                    String why = set.distinct.getOrDefault(pair, "other pairs");
                    byClass.computeIfAbsent(why, w -> new Tally()).predicted++;
                }
            }
        }
        for (Map.Entry<Pair, String> duplicate : set.duplicates.entrySet()) {
            Integer a = groupOf.get(duplicate.getKey().a());
            Tally ofClass = byClass.computeIfAbsent(duplicate.getValue(), w -> new Tally());
            ofClass.positive = true;
            ofClass.labelled++;
            if (a != null && a.equals(groupOf.get(duplicate.getKey().b()))) {
                tally.found++;
                ofClass.found++;
            }
        }
        for (String distinctClass : Set.copyOf(set.distinct.values())) {
            byClass.computeIfAbsent(distinctClass, w -> new Tally()).labelled += (int)
                    set.distinct.values().stream().filter(distinctClass::equals).count();
        }
        return tally;
    }

    static final class Tally {
        static final String HEADER = String.format(
                "  %-18s %10s %12s %10s %10s %10s", "set", "duplicate", "merged", "correct", "precision", "recall");
        int labelled;
        int found;
        int predicted;
        int correct;
        boolean positive;

        void add(Tally other) {
            labelled += other.labelled;
            found += other.found;
            predicted += other.predicted;
            correct += other.correct;
        }

        double precision() {
            return predicted == 0 ? 1 : (double) correct / predicted;
        }

        double recall() {
            return labelled == 0 ? 0 : (double) found / labelled;
        }

        String row(String name) {
            return String.format(
                    "%-18s %10d %12d %10d %10.3f %10.3f", name, labelled, predicted, correct, precision(), recall());
        }
    }
}
