package dev.memax.server.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The plain-Java WordPiece counter agrees with the models' own HuggingFace tokenizer (via DJL). */
class WordPieceCounterTest {
    private static final List<String> TRICKY = List.of(
            "",
            " ",
            "hello world",
            "Hello, World!!",
            "unbelievably antidisestablishmentarianism",
            "Café naïve résumé Ångström façade",
            "ÀÉÎÕÜ ß ø Æ œ",
            "İstanbul ǅ ﬁ ligature",
            "東京 is 日本の首都です。 北京 한국어 テスト",
            "emoji 🎉🚀 and ☃ snowman",
            "tab\tnew\nline\r\nand\u000Bvt\u000Cff\u0085nel",
            "zero\u200Bwidth\u200Djoiner\uFEFFbom",
            "nul\u0000char \uFFFD replacement",
            "\u00A0nbsp\u2003em\u3000ideographic",
            "[CLS] literal [SEP] and [MASK] [PAD][UNK] [cls] [ MASK ]",
            "a[CLS]b",
            "x".repeat(150) + " short",
            "https://example.com/a-b_c?d=e&f=g#h",
            "snake_case camelCase kebab-case SCREAMING_CASE",
            "C++ C# F# .NET node.js",
            "```java\npublic static void main(String[] args) { System.out.println(\"hi\"); }\n```",
            "— – - ‐ “quoted” «guillemets» ‘single’ … ¿¡ § ¶ † ‡ • ·",
            "$100 + 50% = <x> ^ `y` | ~z",
            "numbers 3.14159 1,000,000 2026-11-22T18:00:00Z 0x1F 1e-9",
            "ﾃｽﾄ half-width ＡＢＣ full-width",
            "Ελληνικά Русский текст עברית العربية हिन्दी ไทย",
            "\uD83D unpaired surrogate",
            "emoji 🎉 then a lone \uDC00 surrogate",
            "a\u0301 combining e\u0300");
    private static final Map<OnnxModel, HuggingFaceTokenizer> REFERENCE = new java.util.EnumMap<>(OnnxModel.class);
    private static final Map<OnnxModel, WordPieceCounter> COUNTERS = new java.util.EnumMap<>(OnnxModel.class);

    @BeforeAll
    static void load() throws Exception {
        DjlCache.configure(null);
        for (OnnxModel model : OnnxModel.values()) {
            try (InputStream json = resource(model)) {
                REFERENCE.put(
                        model,
                        HuggingFaceTokenizer.newInstance(
                                json, Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false")));
            }
            try (InputStream json = resource(model)) {
                COUNTERS.put(model, WordPieceCounter.fromTokenizerJson(json));
            }
        }
    }

    @AfterAll
    static void close() {
        REFERENCE.values().forEach(HuggingFaceTokenizer::close);
    }

    private static InputStream resource(OnnxModel model) {
        return WordPieceCounterTest.class.getClassLoader().getResourceAsStream(model.tokenizerResource());
    }

    private static int reference(OnnxModel model, String text) {
        return REFERENCE.get(model).encode(text, false, false).getIds().length;
    }

    @ParameterizedTest
    @EnumSource(OnnxModel.class)
    void matchesTheHuggingFaceTokenizerOnTrickyText(OnnxModel model) {
        for (String text : TRICKY) {
            assertThat(COUNTERS.get(model).count(text))
                    .as("%s: %s", model, text)
                    .isEqualTo(reference(model, text));
        }
    }

    /** ../shared/bench/scifact of the checkout (tests run in server/), or under MEMAX_BENCH_DIR. */
    static Path scifactCorpus() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("MEMAX_BENCH_DIR");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env, "scifact", "corpus.jsonl.gz"));
        }
        candidates.add(Path.of("..", "..", "shared", "bench", "scifact", "corpus.jsonl.gz"));
        candidates.add(Path.of("..", "shared", "bench", "scifact", "corpus.jsonl.gz"));
        return candidates.stream().filter(Files::exists).findFirst().orElse(null);
    }

    @Test
    void matchesOnRealAbstractsAndIsMuchFaster() throws Exception {
        List<String> texts = new ArrayList<>();
        Path corpus = scifactCorpus();
        if (corpus != null) {
            ObjectMapper json = new ObjectMapper();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(Files.newInputStream(corpus)), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null && texts.size() < 1500) {
                    var doc = json.readTree(line);
                    texts.add(
                            doc.get("title").asText() + "\n\n" + doc.get("text").asText());
                }
            }
        } else {
            for (int i = 0; i < 200; i++) {
                texts.add(String.join(" ", TRICKY) + " " + i);
            }
        }
        WordPieceCounter counter = COUNTERS.get(OnnxModel.BGE_SMALL);
        long ours = 0;
        long theirs = 0;
        for (String text : texts) {
            long t0 = System.nanoTime();
            int a = counter.count(text);
            long t1 = System.nanoTime();
            int b = reference(OnnxModel.BGE_SMALL, text);
            long t2 = System.nanoTime();
            ours += t1 - t0;
            theirs += t2 - t1;
            assertThat(a).as(text).isEqualTo(b);
        }
        System.out.printf(
                "WordPieceCounter: %d texts, %.0f µs/text vs DJL %.0f µs/text%n",
                texts.size(), ours / 1e3 / texts.size(), theirs / 1e3 / texts.size());
    }
}
