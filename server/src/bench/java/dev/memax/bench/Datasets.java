package dev.memax.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The public evaluation data in {@code ../shared/bench} (never copied into this repo):
 * BEIR SciFact and the LoCoMo dev split. {@code MEMAX_BENCH_DATA} points elsewhere. And the
 * agent-memory development set written for this bench, in {@code server/src/bench/data/agent-memory}.
 */
final class Datasets {
    private static final Pattern DIA_ID = Pattern.compile("D\\d+:\\d+");
    private static final DateTimeFormatter LOCOMO_DATE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("h:mm a 'on' d MMMM, yyyy")
            .toFormatter(Locale.ENGLISH);

    private Datasets() {}

    static Path root() {
        String configured = System.getenv("MEMAX_BENCH_DATA");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolveSibling("shared").resolve("bench");
            if (Files.isDirectory(candidate.resolve("scifact"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("No ../shared/bench found from " + dir + ": set MEMAX_BENCH_DATA");
    }

    record Doc(String id, String title, String text) {}

    /** SciFact: corpus, queries and the qrels of one split (query id → relevant doc id → grade). */
    record SciFact(List<Doc> corpus, Map<String, String> queries, Map<String, Map<String, Integer>> qrels) {}

    static SciFact scifact(String split) throws IOException {
        Path dir = root().resolve("scifact");
        List<Doc> corpus = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(dir.resolve("corpus.jsonl.gz"))), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode doc = Api.JSON.readTree(line);
                corpus.add(new Doc(
                        doc.path("_id").asText(),
                        doc.path("title").asText(),
                        doc.path("text").asText()));
            }
        }
        Map<String, String> queries = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("queries.jsonl"))) {
            JsonNode query = Api.JSON.readTree(line);
            queries.put(query.path("_id").asText(), query.path("text").asText());
        }
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve("qrels").resolve(split + ".tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split("\t");
            qrels.computeIfAbsent(parts[0], k -> new HashMap<>()).put(parts[1], Integer.parseInt(parts[2]));
        }
        return new SciFact(corpus, queries, qrels);
    }

    /** One dialogue turn; {@code caption} describes the photo the speaker shared with it (BLIP), or null. */
    record Turn(String diaId, String speaker, String text, String caption, Instant sessionDate) {}

    /** {@code answer} as LoCoMo's evaluation reads it ({@code str(answer)}: a few are numbers); empty for category 5. */
    record Question(String question, String answer, int category, Set<String> evidence) {}

    record Conversation(String id, List<Turn> turns, List<Question> questions) {}

    static List<Conversation> locomo() throws IOException {
        JsonNode root = Api.JSON.readTree(
                root().resolve("locomo").resolve("locomo-dev.json").toFile());
        List<Conversation> out = new ArrayList<>();
        for (JsonNode sample : root) {
            JsonNode conversation = sample.path("conversation");
            List<Turn> turns = new ArrayList<>();
            for (int n = 1; conversation.has("session_" + n); n++) {
                Instant date = LocalDateTime.parse(
                                conversation
                                        .path("session_" + n + "_date_time")
                                        .asText()
                                        .strip(),
                                LOCOMO_DATE)
                        .toInstant(ZoneOffset.UTC);
                for (JsonNode turn : conversation.path("session_" + n)) {
                    String caption = turn.path("blip_caption").asText("").strip();
                    turns.add(new Turn(
                            turn.path("dia_id").asText(),
                            turn.path("speaker").asText(),
                            turn.path("text").asText(),
                            caption.isEmpty() ? null : caption,
                            date));
                }
            }
            List<Question> questions = new ArrayList<>();
            for (JsonNode qa : sample.path("qa")) {
                Set<String> evidence = new LinkedHashSet<>();
                for (JsonNode e : qa.path("evidence")) {
                    for (String part : e.asText().split("[;,]")) {
                        if (DIA_ID.matcher(part.strip()).matches()) {
                            evidence.add(part.strip());
                        }
                    }
                }
                questions.add(new Question(
                        qa.path("question").asText(),
                        qa.path("answer").asText(),
                        qa.path("category").asInt(),
                        evidence));
            }
            out.add(new Conversation(sample.path("sample_id").asText(), turns, questions));
        }
        return out;
    }
    // --- agent memory (server/src/bench/data/agent-memory, written for this bench) ---

    /** One memory of the agent-memory set; {@code title} and {@code session} may be null. */
    record AgentMemory(
            String id,
            String title,
            String content,
            String kind,
            String category,
            String source,
            String sourceAgent,
            String session,
            List<String> tags) {}

    /** One query with graded judgments: memory id → 2 (answers it) or 1 (related). */
    record AgentQuery(String id, String query, String category, Map<String, Integer> relevant) {}

    /**
     * Every part of the set ({@code <dir>/<part>/memories.jsonl} and {@code queries.jsonl}, parts in name
     * order, memories in file order); {@code fingerprint} changes whenever a memory does.
     */
    record AgentSet(
            Path dir, List<String> parts, List<AgentMemory> memories, List<AgentQuery> queries, String fingerprint) {
        Map<String, AgentMemory> byId() {
            Map<String, AgentMemory> out = new LinkedHashMap<>();
            memories.forEach(m -> out.put(m.id(), m));
            return out;
        }
    }

    /**
     * The agent-memory set's directory: the system property {@code memax.bench.agent-memory}, else
     * {@code server/src/bench/data/agent-memory} found from the working directory (the repo root, {@code
     * server/} or below) or from where the bench classes were compiled.
     */
    static Path agentMemoryDir() {
        String configured = System.getProperty("memax.bench.agent-memory");
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured).toAbsolutePath();
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("memax.bench.agent-memory=" + configured + " is not a directory");
            }
            return dir;
        }
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of(System.getProperty("user.dir")).toAbsolutePath());
        try {
            starts.add(Path.of(Datasets.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI()));
        } catch (Exception ignored) {
            // no code source: the working directory alone
        }
        for (Path start : starts) {
            for (Path d = start; d != null; d = d.getParent()) {
                for (Path candidate : List.of(
                        d.resolve("server/src/bench/data/agent-memory"), d.resolve("src/bench/data/agent-memory"))) {
                    if (Files.isDirectory(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        throw new IllegalStateException(
                "No server/src/bench/data/agent-memory found from " + starts + ": set -Dmemax.bench.agent-memory=DIR");
    }

    static AgentSet agentMemory() throws IOException {
        return agentMemory(agentMemoryDir());
    }

    /** Loads and checks every part under {@code dir} (unique ids, judgments naming known memories, grades 1-2). */
    static AgentSet agentMemory(Path dir) throws IOException {
        List<Path> partDirs;
        try (var listing = Files.list(dir)) {
            partDirs = listing.filter(Files::isDirectory)
                    .filter(p -> Files.exists(p.resolve("memories.jsonl")) || Files.exists(p.resolve("queries.jsonl")))
                    .sorted()
                    .toList();
        }
        if (partDirs.isEmpty()) {
            throw new IllegalStateException("No part directory with memories.jsonl under " + dir);
        }
        List<String> parts = new ArrayList<>();
        List<AgentMemory> memories = new ArrayList<>();
        List<AgentQuery> queries = new ArrayList<>();
        java.security.MessageDigest digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Path partDir : partDirs) {
            parts.add(partDir.getFileName().toString());
            for (JsonNode m : jsonLines(partDir.resolve("memories.jsonl"))) {
                digest.update(m.toString().getBytes(StandardCharsets.UTF_8));
                List<String> tags = new ArrayList<>();
                m.path("tags").forEach(t -> tags.add(t.asText()));
                memories.add(new AgentMemory(
                        required(m, "id"),
                        text(m, "title"),
                        required(m, "content"),
                        text(m, "kind"),
                        text(m, "category"),
                        text(m, "source"),
                        text(m, "source_agent"),
                        text(m, "session"),
                        List.copyOf(tags)));
            }
            for (JsonNode q : jsonLines(partDir.resolve("queries.jsonl"))) {
                Map<String, Integer> relevant = new LinkedHashMap<>();
                q.path("relevant")
                        .fields()
                        .forEachRemaining(
                                e -> relevant.put(e.getKey(), e.getValue().asInt()));
                queries.add(new AgentQuery(required(q, "id"), required(q, "query"), text(q, "category"), relevant));
            }
        }
        Set<String> ids = new java.util.HashSet<>();
        for (AgentMemory m : memories) {
            if (!ids.add(m.id())) {
                throw new IllegalStateException("agent-memory: memory id " + m.id() + " appears twice");
            }
        }
        Set<String> queryIds = new java.util.HashSet<>();
        for (AgentQuery q : queries) {
            if (!queryIds.add(q.id())) {
                throw new IllegalStateException("agent-memory: query id " + q.id() + " appears twice");
            }
            if (q.relevant().isEmpty()) {
                throw new IllegalStateException("agent-memory: query " + q.id() + " judges no memory");
            }
            q.relevant().forEach((id, grade) -> {
                if (!ids.contains(id)) {
                    throw new IllegalStateException("agent-memory: query " + q.id() + " judges unknown memory " + id);
                }
                if (grade < 1 || grade > 2) {
                    throw new IllegalStateException("agent-memory: query " + q.id() + " grades " + id + " " + grade
                            + " (1 related, 2 answers)");
                }
            });
        }
        String fingerprint = java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 8);
        return new AgentSet(dir, List.copyOf(parts), List.copyOf(memories), List.copyOf(queries), fingerprint);
    }

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(Api.JSON.readTree(line));
            } catch (IOException e) {
                throw new IOException(file + ":" + number + ": not JSON: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** A string field, or null when absent, null or blank. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw new IllegalStateException("agent-memory: a line lacks \"" + field + "\": " + node);
        }
        return value;
    }
}
