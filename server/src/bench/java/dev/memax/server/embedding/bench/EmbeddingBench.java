package dev.memax.server.embedding.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.server.embedding.EmbeddingProvider;
import dev.memax.server.embedding.EmbeddingProviderFactory;
import dev.memax.server.embedding.EmbeddingSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Measures the embedding providers on this machine and prints a Markdown table: load time,
 * per-text latency (p50/p95, one text per call, as a recall query or a single push is embedded)
 * for a short (~20-token query) and a long (~300-token abstract) text, batched throughput (one
 * {@code embedDocuments} call, as a batch push or {@code reembed} does) for both lengths, and the
 * token counter's cost. Texts are real: SciFact claims and abstracts from
 * {@code ../shared/bench/scifact} (synthetic English when absent).
 *
 * <pre>
 *   mvn -B -q install -DskipTests
 *   mvn -B -q -pl server -Pbench test-compile exec:java \
 *       -Dexec.mainClass=dev.memax.server.embedding.bench.EmbeddingBench \
 *       -Dexec.args="--providers bge-small,minilm --threads 1,2"
 * </pre>
 * Options: {@code --providers} (bge-small, minilm, openai: the last uses MEMAX_EMBEDDING_URL/MODEL/
 * API_KEY/DIMENSIONS from the environment), {@code --threads N[,M]} (in-process batch workers;
 * default the core count; a list measures each), {@code --scifact DIR}, {@code --latency N}
 * (texts per latency measurement, default 200 short / N/4 long), {@code --batch N} (texts per
 * throughput batch, default 256 short / 64 long).
 */
public final class EmbeddingBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddingBench() {}

    record Row(
            String provider,
            String model,
            int maxTokens,
            int threads,
            long loadMs,
            double shortP50,
            double shortP95,
            double longP50,
            double longP95,
            double shortPerSec,
            double longPerSec,
            double countMicros,
            int shortTokens,
            int longTokens) {}

    public static void main(String[] args) throws Exception {
        List<String> providers = List.of("bge-small", "minilm");
        List<Integer> threads = List.of(Runtime.getRuntime().availableProcessors());
        Path scifact = Path.of("..", "shared", "bench", "scifact");
        if (!Files.isDirectory(scifact)) {
            scifact = Path.of("..", "..", "shared", "bench", "scifact"); // run from server/
        }
        int latencyN = 200;
        int batchN = 256;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--providers" -> providers = List.of(args[++i].split(","));
                case "--threads" ->
                    threads = Arrays.stream(args[++i].split(","))
                            .map(Integer::parseInt)
                            .toList();
                case "--scifact" -> scifact = Path.of(args[++i]);
                case "--latency" -> latencyN = Integer.parseInt(args[++i]);
                case "--batch" -> batchN = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<String> shortTexts = new ArrayList<>();
        List<String> longTexts = new ArrayList<>();
        load(scifact, shortTexts, longTexts);
        System.out.printf(
                Locale.ROOT,
                "# Embedding providers on %d cores, %s %s, JDK %s; texts: %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                Files.isDirectory(scifact) ? "SciFact claims / abstracts" : "synthetic");

        List<Row> rows = new ArrayList<>();
        for (String name : providers) {
            for (int t : threads) {
                rows.add(measure(name.trim(), t, shortTexts, longTexts, latencyN, batchN));
                if (name.trim().equals("openai")) {
                    break; // threads do not apply
                }
            }
        }
        System.out.println();
        System.out.println("| provider | model (reads ≤ tokens) | batch threads | load ms | short p50 / p95 ms"
                + " | long p50 / p95 ms | batched short texts/s | batched long texts/s | countTokens µs (long) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s (%d) | %d | %d | %.1f / %.1f | %.1f / %.1f | %.0f | %.1f | %.0f |%n",
                    row.provider(),
                    row.model(),
                    row.maxTokens(),
                    row.threads(),
                    row.loadMs(),
                    row.shortP50(),
                    row.shortP95(),
                    row.longP50(),
                    row.longP95(),
                    row.shortPerSec(),
                    row.longPerSec(),
                    row.countMicros());
        }
        System.out.println();
        Row any = rows.get(0);
        System.out.printf(
                Locale.ROOT,
                "short = %d-token texts on average, long = %d tokens (%s's tokenizer); a model"
                        + " reading fewer tokens than a text has embeds only its beginning (and is faster for it).%n"
                        + "load = construction to first embed in this JVM (the first row of a model pays class loading too).%n",
                any.shortTokens(),
                any.longTokens(),
                any.model());
        System.exit(0);
    }

    private static Row measure(
            String name, int threads, List<String> shortTexts, List<String> longTexts, int latencyN, int batchN) {
        EmbeddingSettings settings = new EmbeddingSettings(
                name,
                System.getenv("MEMAX_EMBEDDING_URL"),
                System.getenv("MEMAX_EMBEDDING_MODEL"),
                System.getenv("MEMAX_EMBEDDING_API_KEY"),
                intEnv("MEMAX_EMBEDDING_DIMENSIONS"),
                null,
                null,
                Duration.ofSeconds(60),
                4,
                0,
                null,
                threads);
        long started = System.nanoTime();
        EmbeddingProvider provider = EmbeddingProviderFactory.configured(settings);
        provider.startLoading();
        provider.awaitReady(120_000);
        provider.embedQuery("warm up the first call");
        long loadMs = (System.nanoTime() - started) / 1_000_000;
        System.err.printf(
                Locale.ROOT, "%s (%s, %d threads): loaded in %d ms%n", name, provider.modelId(), threads, loadMs);

        // warm-up: JIT and ONNX Runtime arenas for both lengths
        for (int i = 0; i < 20; i++) {
            provider.embedQuery(shortTexts.get(i));
            provider.embedQuery(longTexts.get(i % longTexts.size()));
        }
        double[] shortLat = latencies(provider, shortTexts, latencyN);
        double[] longLat = latencies(provider, longTexts, Math.max(10, latencyN / 4));
        double shortRate = throughput(provider, shortTexts, batchN);
        double longRate = throughput(provider, longTexts, Math.max(8, batchN / 4));
        int counted = 0;
        for (String text : longTexts) { // warm-up
            counted += provider.countTokens(text);
        }
        counted = 0;
        long countStart = System.nanoTime();
        for (String text : longTexts) {
            counted += provider.countTokens(text);
        }
        double countMicros = (System.nanoTime() - countStart) / 1e3 / longTexts.size();
        int shortTokens = (int)
                shortTexts.stream().mapToInt(provider::countTokens).average().orElse(0);
        int longTokens = counted / longTexts.size();
        System.err.printf(
                Locale.ROOT,
                "%s: short p50 %.1f ms, long p50 %.1f ms, batched %.0f short/s, %.1f long/s%n",
                name,
                percentile(shortLat, 50),
                percentile(longLat, 50),
                shortRate,
                longRate);
        Row row = new Row(
                name,
                provider.modelId(),
                provider.maxTokens(),
                threads,
                loadMs,
                percentile(shortLat, 50),
                percentile(shortLat, 95),
                percentile(longLat, 50),
                percentile(longLat, 95),
                shortRate,
                longRate,
                countMicros,
                shortTokens,
                longTokens);
        provider.close();
        return row;
    }

    private static double[] latencies(EmbeddingProvider provider, List<String> texts, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            String text = texts.get(i % texts.size());
            long t0 = System.nanoTime();
            provider.embedQuery(text);
            out[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(out);
        return out;
    }

    private static double throughput(EmbeddingProvider provider, List<String> texts, int n) {
        List<String> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(texts.get((i + 7) % texts.size()));
        }
        long t0 = System.nanoTime();
        provider.embedDocuments(batch);
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static Integer intEnv(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : Integer.parseInt(value.trim());
    }

    /** SciFact claims (short) and abstracts of 1,400-2,200 characters (~300-450 tokens: long). */
    private static void load(Path scifact, List<String> shortTexts, List<String> longTexts) throws IOException {
        Path queries = scifact.resolve("queries.jsonl");
        Path corpus = scifact.resolve("corpus.jsonl.gz");
        if (Files.exists(queries) && Files.exists(corpus)) {
            for (String line : Files.readAllLines(queries, StandardCharsets.UTF_8)) {
                shortTexts.add(JSON.readTree(line).get("text").asText());
            }
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(Files.newInputStream(corpus)), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null && longTexts.size() < 400) {
                    JsonNode doc = JSON.readTree(line);
                    String text = doc.get("text").asText();
                    if (text.length() >= 1400 && text.length() <= 1800) {
                        longTexts.add(text);
                    }
                }
            }
            return;
        }
        String[] words = ("memory agents recall vector index latency the a of to and in that is for it with as was on"
                        + " database query model search result user project branch deploy token chunk heading")
                .split(" ");
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 1000; i++) {
            shortTexts.add(sentence(words, random, 14));
        }
        for (int i = 0; i < 300; i++) {
            longTexts.add(sentence(words, random, 300));
        }
    }

    private static String sentence(String[] words, java.util.Random random, int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
        }
        return text.append('.').toString();
    }
}
