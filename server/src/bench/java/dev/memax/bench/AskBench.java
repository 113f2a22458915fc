package dev.memax.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.errors.MemaxException;
import dev.memax.sdk.models.AskResponse;
import dev.memax.sdk.models.AskSource;
import dev.memax.sdk.models.Citation;
import dev.memax.sdk.params.AskParams;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Answer quality of {@code POST /v1/ask} on the LoCoMo dev questions (docs/benchmarks.md): the
 * conversations are ingested as {@link QualityBench} does (one memory per turn, one hub per
 * conversation, reused with {@code --db}), each question of categories 1-4 is asked within its
 * conversation's hub, and the answer is scored with LoCoMo's own token F1 ({@link LocomoF1}).
 *
 * <pre>
 * bash infra/dev/bench-recall.sh ask [--db NAME] [--questions N] [--limit N] [--model M] [--locomo-captions] [--out FILE]
 * </pre>
 * {@code --questions N} asks N questions spread evenly over the 762 (every conversation and
 * category keeps its share); {@code --limit} and {@code --model} are sent with every ask (the
 * server's defaults otherwise); {@code --out} writes one JSON line per question (question, gold
 * answer, answer, F1, the turns it drew on) for a closer look.
 */
public final class AskBench {
    private static final Map<Integer, String> CATEGORIES =
            Map.of(1, "multi-hop", 2, "temporal", 3, "open-domain", 4, "single-hop");
    // The server's citation markers ([1], [2, 3]): links to the sources, not words of the answer.
    private static final Pattern CITATION_MARKER = Pattern.compile("\\s*\\[\\d{1,3}(?:\\s*,\\s*\\d{1,3})*]");

    private AskBench() {}

    /** One question asked: what came back and how it scored. */
    record Asked(
            String conversation,
            Datasets.Question question,
            String answer,
            double f1,
            double f1AsIs,
            List<String> sourceTurns,
            List<String> citedTurns,
            String model,
            String fallback,
            Long tokens,
            double clientMs,
            Long serverMs,
            Long retrievalMs,
            Long synthesisMs,
            String error) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = QualityBench.options(args);
        try (BenchEnv env = BenchEnv.start(options.get("db"), Map.of());
                MemaxClient client = env.client()) {
            List<Datasets.Conversation> conversations = Datasets.locomo();
            Map<String, String> hubs =
                    Locomo.ingest(client, new Api(env), conversations, options.containsKey("locomo-captions"));
            QualityBench.resetAccessCounts(env);
            Map<UUID, String> turns = new HashMap<>();
            hubs.values().forEach(hub -> turns.putAll(Locomo.turnsByMemory(client, hub)));

            List<Map.Entry<String, Datasets.Question>> all = new ArrayList<>();
            for (Datasets.Conversation conversation : conversations) {
                conversation.questions().stream()
                        .filter(q -> CATEGORIES.containsKey(q.category()))
                        .forEach(q -> all.add(Map.entry(conversation.id(), q)));
            }
            List<Map.Entry<String, Datasets.Question>> chosen =
                    spread(all, Integer.parseInt(options.getOrDefault("questions", String.valueOf(all.size()))));
            System.out.printf("# ask: %d of %d questions (categories 1-4)%n", chosen.size(), all.size());

            List<Asked> asked = new ArrayList<>();
            long started = System.nanoTime();
            for (Map.Entry<String, Datasets.Question> entry : chosen) {
                AskParams.Builder params = AskParams.builder()
                        .query(entry.getValue().question())
                        .addHubId(UUID.fromString(hubs.get(entry.getKey())));
                if (options.containsKey("limit")) {
                    params.limit(Integer.parseInt(options.get("limit")));
                }
                if (options.containsKey("model")) {
                    params.model(options.get("model"));
                }
                asked.add(ask(client, params.build(), entry.getKey(), entry.getValue(), turns));
                if (asked.size() % 50 == 0) {
                    System.out.printf(
                            "#   %d/%d asked, %.0f s%n",
                            asked.size(), chosen.size(), (System.nanoTime() - started) / 1e9);
                }
            }
            report(asked, all.size(), options);
            if (options.containsKey("out")) {
                write(Path.of(options.get("out")), asked);
            }
        }
        System.exit(0);
    }

    /** {@code n} items at even steps through {@code all}, so that a subset keeps the mix of conversations and categories. */
    static <T> List<T> spread(List<T> all, int n) {
        if (n >= all.size()) {
            return all;
        }
        List<T> chosen = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            chosen.add(all.get((int) ((long) i * all.size() / n)));
        }
        return chosen;
    }

    /** Asks one question; a failed call is kept (F1 0, its error shown) rather than ending the run. */
    static Asked ask(
            MemaxClient client,
            AskParams params,
            String conversation,
            Datasets.Question question,
            Map<UUID, String> turns) {
        long started = System.nanoTime();
        AskResponse response;
        try {
            response = client.ask().create(params);
        } catch (MemaxException e) {
            return new Asked(
                    conversation,
                    question,
                    "",
                    0,
                    0,
                    List.of(),
                    List.of(),
                    null,
                    null,
                    null,
                    (System.nanoTime() - started) / 1e6,
                    null,
                    null,
                    null,
                    e.getMessage());
        }
        double clientMs = (System.nanoTime() - started) / 1e6;
        List<String> sourceTurns = response.sources().stream()
                .map(AskSource::id)
                .map(turns::get)
                .filter(Objects::nonNull)
                .toList();
        List<String> citedTurns = response.citations().stream()
                .map(Citation::memoryId)
                .map(turns::get)
                .filter(Objects::nonNull)
                .toList();
        var metadata = response.metadata();
        String answer =
                CITATION_MARKER.matcher(response.answer()).replaceAll("").strip();
        return new Asked(
                conversation,
                question,
                response.answer(),
                LocomoF1.score(answer, question.answer(), question.category()),
                LocomoF1.score(response.answer(), question.answer(), question.category()),
                sourceTurns,
                citedTurns,
                metadata.model(),
                metadata.raw().path("fallback").asText(null),
                metadata.tokens(),
                clientMs,
                metadata.totalLatencyMs() != null ? metadata.totalLatencyMs() : metadata.latencyMs(),
                metadata.retrievalLatencyMs(),
                metadata.synthesisLatencyMs(),
                null);
    }

    /** Share of a question's evidence turns among {@code turns}; null when the question names no evidence. */
    static Double evidenceShare(Set<String> evidence, Collection<String> turns) {
        if (evidence.isEmpty()) {
            return null;
        }
        return (double) evidence.stream().filter(turns::contains).count() / evidence.size();
    }

    static void report(List<Asked> asked, int total, Map<String, String> options) {
        System.out.printf(
                "%nLoCoMo dev QA: %d of %d questions (categories 1-4), limit %s, model asked %s; token F1 as LoCoMo's "
                        + "evaluation.py, of the answer without its citation markers [n] (F1) and unchanged (F1 as is)%n",
                asked.size(),
                total,
                options.getOrDefault("limit", "(server default)"),
                options.getOrDefault("model", "(server default)"));
        System.out.printf(
                "%-16s %9s %8s %9s %21s %21s %13s%n",
                "category", "questions", "F1", "F1 as is", "evidence in sources", "evidence cited", "answer words");
        Map<Integer, List<Asked>> byCategory = new TreeMap<>(
                asked.stream().collect(Collectors.groupingBy(a -> a.question().category())));
        byCategory.forEach((category, rows) -> row(category + " " + CATEGORIES.get(category), rows));
        row("overall", asked);

        List<Asked> answered = asked.stream().filter(a -> a.error() == null).toList();
        System.out.printf(
                "%n  ask latency, client: %s%n",
                new Stats(answered.stream().map(Asked::clientMs).toList()).summary());
        latency("server total_latency_ms", answered, Asked::serverMs);
        latency("server retrieval_latency_ms", answered, Asked::retrievalMs);
        latency("server synthesis_latency_ms", answered, Asked::synthesisMs);
        Map<String, Long> models = answered.stream()
                .collect(Collectors.groupingBy(a -> String.valueOf(a.model()), TreeMap::new, Collectors.counting()));
        System.out.println("  model in metadata: " + models);
        long fellBack = answered.stream().filter(a -> a.fallback() != null).count();
        if (fellBack > 0) {
            System.out.printf("  extractive fallbacks (metadata.fallback): %d%n", fellBack);
        }
        List<Double> tokens = asked.stream()
                .map(Asked::tokens)
                .filter(Objects::nonNull)
                .map(Long::doubleValue)
                .toList();
        if (!tokens.isEmpty()) {
            Stats perAsk = new Stats(tokens);
            System.out.printf("  tokens per ask: mean %.0f, p95 %.0f%n", perAsk.mean(), perAsk.percentile(95));
        }
        List<Asked> failed = asked.stream().filter(a -> a.error() != null).toList();
        if (!failed.isEmpty()) {
            System.out.printf(
                    "  FAILED asks (scored 0): %d, first: %s%n",
                    failed.size(), failed.get(0).error());
        }
    }

    private static void row(String label, List<Asked> rows) {
        System.out.printf(
                "%-16s %9d %8.4f %9.4f %21s %21s %13.1f%n",
                label,
                rows.size(),
                rows.stream().mapToDouble(Asked::f1).average().orElse(Double.NaN),
                rows.stream().mapToDouble(Asked::f1AsIs).average().orElse(Double.NaN),
                meanOfPresent(rows, a -> evidenceShare(a.question().evidence(), a.sourceTurns())),
                meanOfPresent(rows, a -> evidenceShare(a.question().evidence(), a.citedTurns())),
                rows.stream()
                        .mapToInt(a ->
                                a.answer().isBlank() ? 0 : a.answer().strip().split("\\s+").length)
                        .average()
                        .orElse(Double.NaN));
    }

    /** Mean of the values that exist (questions with evidence), with how many there were. */
    private static String meanOfPresent(List<Asked> rows, Function<Asked, Double> value) {
        List<Double> present = rows.stream().map(value).filter(Objects::nonNull).toList();
        return String.format(
                "%.4f (n=%d)",
                present.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN), present.size());
    }

    private static void latency(String label, List<Asked> asked, Function<Asked, Long> value) {
        List<Double> values = asked.stream()
                .map(value)
                .filter(Objects::nonNull)
                .map(Long::doubleValue)
                .toList();
        if (!values.isEmpty()) {
            System.out.printf("  %s: %s%n", label, new Stats(values).summary());
        }
    }

    static void write(Path file, List<Asked> asked) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            for (Asked a : asked) {
                ObjectNode line = Api.JSON
                        .createObjectNode()
                        .put("conversation", a.conversation())
                        .put("category", a.question().category())
                        .put("question", a.question().question())
                        .put("gold", a.question().answer())
                        .put("answer", a.answer())
                        .put("f1", a.f1())
                        .put("f1_as_is", a.f1AsIs())
                        .put("model", a.model())
                        .put("fallback", a.fallback())
                        .put("latency_ms", a.clientMs())
                        .put("error", a.error());
                a.question().evidence().forEach(line.putArray("evidence")::add);
                a.sourceTurns().forEach(line.putArray("sources")::add);
                a.citedTurns().forEach(line.putArray("cited")::add);
                out.println(line);
            }
        }
        System.out.println("# ask: answers written to " + file);
    }
}
