package dev.memax.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.memax.server.recall.RecallSettings;
import dev.memax.server.recall.RecallTuning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pure parts of the quality bench's comparison (docs/benchmarks.md, "Comparing two settings"): graded
 * metrics, the paired bootstrap, settings overrides and the agent-memory loader. Compiled with the bench
 * sources: {@code mvn -Pbench -pl server test -Dtest=RecallCompareTest}.
 */
class RecallCompareTest {
    private static final org.assertj.core.data.Offset<Double> EXACT = within(1e-9);

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void ndcgUsesTheGradesAsGainsAndTheJudgmentsAsTheIdeal() {
        Map<String, Integer> judged = Map.of("a", 2, "b", 1, "c", 1);
        // Ideal order a, b, c: 2 + 1/log2(3) + 1/log2(4).
        double ideal = 2 + 1 / log2(3) + 0.5;
        assertThat(Metrics.ndcg(List.of("a", "b", "c"), judged, 10)).isCloseTo(1.0, EXACT);
        // x (0) at 1, b at 2, a at 3: 1/log2(3) + 2/log2(4) = 1/log2(3) + 1.
        assertThat(Metrics.ndcg(List.of("x", "b", "a"), judged, 10)).isCloseTo((1 / log2(3) + 1) / ideal, EXACT);
        // A grade-2 memory at place 1 alone scores 2 / ideal, not 1 (the related ones are missing).
        assertThat(Metrics.ndcg(List.of("a"), judged, 10)).isCloseTo(2 / ideal, EXACT);
        // Only the first k places count, for the ideal as well.
        assertThat(Metrics.ndcg(List.of("x", "a"), judged, 1)).isZero();
        assertThat(Metrics.ndcg(List.of("a", "x"), judged, 1)).isCloseTo(1.0, EXACT);
        assertThat(Metrics.ndcg(List.of("a"), Map.of(), 10)).isZero();
    }

    @Test
    void recallAndReciprocalRankByGrade() {
        Map<String, Integer> judged = Map.of("a", 2, "b", 1, "c", 1, "d", 2);
        assertThat(Metrics.recall(List.of("b", "x", "a"), judged, 1, 10)).isCloseTo(0.5, EXACT);
        assertThat(Metrics.recall(List.of("b", "x", "a"), judged, 1, 2)).isCloseTo(0.25, EXACT);
        assertThat(Metrics.recall(List.of("b", "x", "a"), judged, 2, 10)).isCloseTo(0.5, EXACT);
        // The first grade-2 memory is third: b (grade 1) does not count.
        assertThat(Metrics.reciprocalRank(List.of("b", "x", "a"), judged, 2, 10))
                .isCloseTo(1.0 / 3, EXACT);
        assertThat(Metrics.reciprocalRank(List.of("b", "x", "a"), judged, 2, 2)).isZero();
    }

    @Test
    void bootstrapIntervalIsSeededAndMatchesAHandComputedCase() {
        double[] values = {0.1, 0.9, 0.4, 0.7, 0.2, 0.6};
        Paired.Interval first = Paired.bootstrapMean(values);
        assertThat(Paired.bootstrapMean(values)).isEqualTo(first);
        assertThat(first.contains(Paired.mean(values))).isTrue();
        assertThat(first.low()).isLessThan(first.high());
        // Constant values: every resample has the same mean.
        assertThat(Paired.bootstrapMean(new double[] {0.3, 0.3, 0.3})).isEqualTo(new Paired.Interval(0.3, 0.3));
        // {0, 1}: a resample's mean is 0, 0.5 or 1 with chances 1/4, 1/2, 1/4, so about 2,500 of 10,000 sit at
        // each end and both the 251st smallest and the 251st largest are the extremes: [0, 1].
        assertThat(Paired.bootstrapMean(new double[] {0, 1})).isEqualTo(new Paired.Interval(0, 1));
        // {0, 0, 0, 1}: the mean is k/4 with k ~ Binomial(4, 1/4); P(k = 0) = 81/256 puts the lower end at 0;
        // P(k ≥ 3) = 13/256 > 2.5 % and P(k = 4) = 1/256 < 2.5 %, so the upper end is 3/4.
        assertThat(Paired.bootstrapMean(new double[] {0, 0, 0, 1})).isEqualTo(new Paired.Interval(0, 0.75));
        assertThat(Paired.bootstrapMean(new double[] {0, 0, 0, 1}).halfWidth()).isCloseTo(0.375, EXACT);
    }

    @Test
    void pairedComparisonCountsAndJudges() {
        double[] a = {0.5, 0.5, 0.5, 0.5};
        Paired.Result lower = Paired.compare(a, new double[] {0.2, 0.3, 0.4, 0.5});
        assertThat(lower.delta()).isCloseTo(-0.15, EXACT);
        assertThat(lower.wins()).isZero();
        assertThat(lower.losses()).isEqualTo(3);
        assertThat(lower.ties()).isEqualTo(1);
        // Deltas -0.3, -0.2, -0.1, 0: every resample's mean is ≤ 0, and all-zero draws (1/256) are under 2.5 %.
        assertThat(lower.deltaInterval().high()).isLessThan(0);
        assertThat(lower.worse()).isTrue();
        assertThat(lower.noise()).isZero();
        Paired.Result mixed = Paired.compare(new double[] {0.2, 0.8, 0.5, 0.5}, new double[] {0.8, 0.2, 0.5, 0.5});
        assertThat(mixed.delta()).isCloseTo(0, EXACT);
        assertThat(mixed.worse()).isFalse();
        assertThat(mixed.better()).isFalse();
        assertThat(mixed.wins()).isEqualTo(1);
        assertThat(mixed.losses()).isEqualTo(1);
        assertThatThrownBy(() -> Paired.compare(new double[1], new double[2]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsOverridesAreBuiltFromTheRecordComponents() {
        RecallSettings d = defaults();
        RecallSettings b = RecallTuning.with(
                d, "session-context-weight=0, semantic-weight=0.7,fusion=rrf,rrf-k=20," + "memax.recall.bm25-k1=0.9");
        assertThat(b.sessionContextWeight()).isZero();
        assertThat(b.semanticWeight()).isEqualTo(0.7);
        assertThat(b.fusion()).isEqualTo("rrf");
        assertThat(b.rrfK()).isEqualTo(20);
        assertThat(b.bm25K1()).isEqualTo(0.9);
        assertThat(b.dateWeight()).isEqualTo(d.dateWeight());
        assertThat(b.candidates()).isEqualTo(d.candidates());
        assertThat(RecallTuning.with(d, "")).isEqualTo(d);
        assertThat(RecallTuning.with(d, " ")).isEqualTo(d);
        assertThat(RecallTuning.difference(d, RecallTuning.with(d, "date-weight=0.1,rrf-k=5")))
                .isEqualTo("rrf-k=5,date-weight=0.1");
        assertThat(RecallTuning.difference(d, d)).isEqualTo("(same)");
        assertThat(RecallTuning.changes(RecallTuning.with(d, "rrf-k=5"), RecallTuning.with(d, "rrf-k=7")))
                .isEqualTo("rrf-k 5 → 7");
        assertThat(RecallTuning.value(b, "rrf-k")).isEqualTo(20);
        assertThat(RecallTuning.value(b, "no-such-knob")).isNull();
        assertThat(RecallTuning.sameCandidates(d, b)).isFalse();
        assertThat(RecallTuning.sameCandidates(d, RecallTuning.with(d, "semantic-weight=0.1")))
                .isTrue();
        // The declared defaults (memax.recall.* unset) are read from the record's annotations.
        assertThat(d.candidates()).isPositive();
        assertThat(d.fusion()).isNotBlank();
    }

    @Test
    void settingsOverridesRejectUnknownKeysAndBadValues() {
        RecallSettings d = defaults();
        assertThatThrownBy(() -> RecallTuning.with(d, "session-weight=0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown recall setting 'session-weight'")
                .hasMessageContaining("session-context-weight");
        assertThatThrownBy(() -> RecallTuning.with(d, "rrf-k=0.5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'rrf-k' wants a int");
        assertThatThrownBy(() -> RecallTuning.with(d, "semantic-weight"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key=value");
    }

    @Test
    void agentMemoryLoadsEveryPartInOrderAndChecksJudgments(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("b"));
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a/memories.jsonl"), """
                {"id":"a-001","title":"Auth design","content":"# Auth\\nJWT","kind":"semantic","category":"architecture","source":"claude-code","source_agent":"claude","session":"a-s01","tags":["auth"]}
                {"id":"a-002","title":null,"content":"Fixed the flaky test","kind":"episodic","category":"debugging","source":"claude-code","source_agent":"claude","session":null,"tags":[]}
                """);
        Files.writeString(dir.resolve("a/queries.jsonl"), """
                {"id":"a-q01","query":"how do we authenticate","category":"lookup","relevant":{"a-001":2,"b-001":1}}
                """);
        Files.writeString(dir.resolve("b/memories.jsonl"), """
                {"id":"b-001","title":"Token refresh","content":"Refresh tokens rotate","kind":"procedural","category":"procedure","source":"claude-code","source_agent":"codex","session":"b-s01","tags":["auth","tokens"]}
                """);
        Datasets.AgentSet set = Datasets.agentMemory(dir);
        assertThat(set.parts()).containsExactly("a", "b");
        assertThat(set.memories()).extracting(Datasets.AgentMemory::id).containsExactly("a-001", "a-002", "b-001");
        assertThat(set.memories().get(1).title()).isNull();
        assertThat(set.memories().get(1).session()).isNull();
        assertThat(set.queries())
                .singleElement()
                .satisfies(q -> assertThat(q.relevant()).containsEntry("b-001", 1));
        var body = QualityBench.agentMemoryBody(set.memories().get(0), true);
        assertThat(body.path("session_id").asText()).isEqualTo("a-s01");
        assertThat(body.path("source_path").asText()).isEqualTo("agent-memory/a-001");
        assertThat(body.path("tags").get(0).asText()).isEqualTo("auth");
        assertThat(QualityBench.agentMemoryBody(set.memories().get(0), false).has("session_id"))
                .isFalse();
        assertThat(QualityBench.agentMemoryBody(set.memories().get(1), true).has("title"))
                .isFalse();
        assertThat(Datasets.agentMemory(dir).fingerprint()).isEqualTo(set.fingerprint());

        Files.writeString(dir.resolve("b/queries.jsonl"), """
                {"id":"b-q01","query":"refresh","category":"howto","relevant":{"b-404":2}}
                """);
        assertThatThrownBy(() -> Datasets.agentMemory(dir)).hasMessageContaining("unknown memory b-404");
    }

    private static RecallSettings defaults() {
        return RecallTuning.declaredDefaults();
    }
}
