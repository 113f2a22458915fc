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
 * BEIR SciFact and the LoCoMo dev split. {@code MEMAX_BENCH_DATA} points elsewhere.
 */
final class Datasets {
    private static final Pattern DIA_ID = Pattern.compile("D\\d+:\\d+");
    private static final DateTimeFormatter LOCOMO_DATE = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("h:mm a 'on' d MMMM, yyyy").toFormatter(Locale.ENGLISH);

    private Datasets() {
    }

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

    record Doc(String id, String title, String text) {
    }

    /** SciFact: corpus, queries and the qrels of one split (query id → relevant doc id → grade). */
    record SciFact(List<Doc> corpus, Map<String, String> queries, Map<String, Map<String, Integer>> qrels) {
    }

    static SciFact scifact(String split) throws IOException {
        Path dir = root().resolve("scifact");
        List<Doc> corpus = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(dir.resolve("corpus.jsonl.gz"))), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode doc = Api.JSON.readTree(line);
                corpus.add(new Doc(doc.path("_id").asText(), doc.path("title").asText(), doc.path("text").asText()));
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
    record Turn(String diaId, String speaker, String text, String caption, Instant sessionDate) {
    }

    /** {@code answer} as LoCoMo's evaluation reads it ({@code str(answer)}: a few are numbers); empty for category 5. */
    record Question(String question, String answer, int category, Set<String> evidence) {
    }

    record Conversation(String id, List<Turn> turns, List<Question> questions) {
    }

    static List<Conversation> locomo() throws IOException {
        JsonNode root = Api.JSON.readTree(root().resolve("locomo").resolve("locomo-dev.json").toFile());
        List<Conversation> out = new ArrayList<>();
        for (JsonNode sample : root) {
            JsonNode conversation = sample.path("conversation");
            List<Turn> turns = new ArrayList<>();
            for (int n = 1; conversation.has("session_" + n); n++) {
                Instant date = LocalDateTime.parse(conversation.path("session_" + n + "_date_time").asText().strip(), LOCOMO_DATE)
                        .toInstant(ZoneOffset.UTC);
                for (JsonNode turn : conversation.path("session_" + n)) {
                    String caption = turn.path("blip_caption").asText("").strip();
                    turns.add(new Turn(turn.path("dia_id").asText(), turn.path("speaker").asText(), turn.path("text").asText(),
                            caption.isEmpty() ? null : caption, date));
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
                questions.add(new Question(qa.path("question").asText(), qa.path("answer").asText(), qa.path("category").asInt(),
                        evidence));
            }
            out.add(new Conversation(sample.path("sample_id").asText(), turns, questions));
        }
        return out;
    }
}
