package dev.memax.server.dream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.testing.FakeLlmReply;
import dev.memax.server.testing.FakeLlmServer;
import dev.memax.server.testing.FakeOpenAi;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dream phases with a language model, over HTTP against real PostgreSQL, the real embedding model
 * and a local fake of OpenAI's API: the model's contradiction verdict decides both ways, new topics
 * take the model's name, a session summary is the model's text, every request carries the
 * memories' text, a run asks no more than its calls allow, and a failing or nonsensical model
 * leaves the heuristics in charge while the run completes.
 */
class DreamLlmTest {
    static final FakeOpenAi OPENAI = new FakeOpenAi();
    static final String MODEL = "gpt-dream";
    static final int CALLS_PER_RUN = 3;

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.dreams.cooldown", "0s")
            .property("memax.llm.openai-base-url", OPENAI.baseUrl())
            .property("memax.llm.openai-api-key", "sk-test-openai")
            .property("memax.llm.openai-models", MODEL)
            .property("memax.llm.prices", MODEL + "=1/2")
            .property("memax.dreams.model.calls-per-run", CALLS_PER_RUN)
            .property("memax.llm.max-retries", 0)
            .property("memax.llm.first-token-timeout", "2s")
            .property("memax.llm.idle-timeout", "2s")
            // Failures here are the fallback's test, not the breaker's (AskBreakerTest).
            .property("memax.llm.breaker-minimum-calls", 1000);

    static final String WEEKLY_A = "The staging database is backed up every night at 2am by the ops team.";
    static final String WEEKLY_B = "The staging database is backed up once a week by the ops team.";
    static final String NEGATED_A = "The staging database is backed up nightly.";
    static final String NEGATED_B = "The staging database isn't backed up nightly.";
    static final List<String> BILLING = List.of(
            "Invoices for the Acme account are emailed to billing@acme.example on the first of the month.",
            "The Acme invoice must list the purchase order number, or their billing team rejects it.",
            "Acme pays invoices within 30 days; late Acme invoices go to their billing contact.",
            "Billing for Acme: invoices in EUR, VAT shown separately on every invoice.");
    static final List<String> TURNS = List.of(
            "We decided to move the nightly backup of the orders database from 2am to 4am.",
            "The backup moves to 4am because the 2am slot collides with the orders export job.",
            "Backup retention for the orders database stays at 14 days after the move.");
    static final String CONTRADICTION = "{\"phases\": [\"contradiction\"]}";

    static DreamApi api;
    static TestUser ada;

    @BeforeAll
    static void users() {
        api = new DreamApi(SERVER);
        ada = api.dreamer("ada");
    }

    @AfterAll
    static void stopFake() {
        OPENAI.close();
    }

    @Test
    void theModelFlagsAContradictionTheHeuristicsMiss() {
        UUID hub = hub("Missed by heuristics", WEEKLY_A, WEEKLY_B);
        int before = OPENAI.requests().size();
        OPENAI.replyByDefault(FakeLlmReply.answer(
                        "```json\n{\"contradicts\": true, \"reason\": \"One says nightly,\\n the other weekly.\"}\n```",
                        3)
                .usage(120, 20));

        UUID run = api.trigger(ada, hub, CONTRADICTION);
        JsonNode detail = completed(run);

        assertThat(detail.at("/run/contradictions_found").asLong()).isEqualTo(1);
        JsonNode action = DreamApi.phaseActions(detail, "contradiction").get(0);
        assertThat(action.path("reason").asText())
                .startsWith("contradiction judged by the model " + MODEL + ": One says nightly, the other weekly.");
        JsonNode review = review(run);
        assertThat(review.at("/data/judged_by").asText()).isEqualTo(MODEL);
        assertThat(review.at("/data/cue").isMissingNode()).isTrue();
        assertThat(review.at("/data/memory_a/statement").asText()).isEqualTo(WEEKLY_A);
        assertThat(review.path("body").asText()).contains("judged by the model " + MODEL);

        List<FakeLlmServer.Received> sent =
                OPENAI.requests().subList(before, OPENAI.requests().size());
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).body().path("model").asText()).isEqualTo(MODEL);
        // The memories' text, and the system prompt asking for the strict JSON verdict.
        assertThat(sent.get(0).body().toString()).contains(WEEKLY_A, WEEKLY_B, "contradicts");
        // Counted as an ask's model use is: tokens and estimated cost on the hub owner.
        assertThat(SERVER.database()
                        .queryLong("SELECT coalesce(sum(input_tokens), 0) FROM usage_llm WHERE user_id = '" + ada.id()
                                + "' AND model = '" + MODEL + "'"))
                .isGreaterThanOrEqualTo(120);
    }

    @Test
    void theModelOverrulesAContradictionTheHeuristicsWouldFlag() {
        UUID hub = hub("Overruled", NEGATED_A, NEGATED_B);
        int before = OPENAI.requests().size();
        OPENAI.replyByDefault(
                FakeLlmReply.answer("{\"contradicts\": false, \"reason\": \"Test fixture says no.\"}", 2));

        UUID run = api.trigger(ada, hub, CONTRADICTION);
        JsonNode detail = completed(run);

        assertThat(detail.at("/run/contradictions_found").asLong()).isZero();
        assertThat(DreamApi.phaseActions(detail, "contradiction")).isEmpty();
        assertThat(OPENAI.requests().subList(before, OPENAI.requests().size()))
                .singleElement()
                .satisfies(r -> assertThat(r.body().toString()).contains(NEGATED_A, NEGATED_B));
    }

    @Test
    void aNewTopicIsNamedByTheModel() {
        UUID hub = hub("Named topics", BILLING.toArray(String[]::new));
        int before = OPENAI.requests().size();
        OPENAI.replyByDefault(FakeLlmReply.answer("\"Acme billing.\"\nThese notes are about invoices.", 2));

        JsonNode detail = completed(api.trigger(ada, hub, "{\"phases\": [\"organize\"]}"));

        JsonNode tree = api.ok(api.send(ada, "GET", "/v1/topics?hub_id=" + hub, null));
        assertThat(tree.path("topics"))
                .singleElement()
                .satisfies(t -> assertThat(t.path("name").asText()).isEqualTo("Acme billing"));
        assertThat(DreamApi.phaseActions(detail, "organize"))
                .anySatisfy(a -> assertThat(a.path("reason").asText()).contains("named by the model " + MODEL));
        assertThat(OPENAI.requests().subList(before, OPENAI.requests().size()))
                .singleElement()
                .satisfies(r -> assertThat(r.body().toString()).contains(BILLING.get(0), BILLING.get(3)));
    }

    @Test
    void aSessionSummaryIsWrittenByTheModel() {
        UUID hub = hub("Model summaries");
        List<UUID> turns = turns(hub);
        String written = "The orders database backup moved from 2am to 4am to avoid the export job;"
                + " retention stays at 14 days.";
        int before = OPENAI.requests().size();
        OPENAI.replyByDefault(FakeLlmReply.answer(written, 4));

        JsonNode detail = completed(api.trigger(ada, hub, "{\"phases\": [\"synthesize\"]}"));

        JsonNode action = DreamApi.phaseActions(detail, "synthesize").get(0);
        assertThat(action.path("reason").asText()).endsWith("written by the model " + MODEL);
        JsonNode summary = api.memoryJson(
                ada, UUID.fromString(action.path("result_memory_id").asText()));
        assertThat(summary.path("content").asText()).isEqualTo(written);
        assertThat(summary.path("source").asText()).isEqualTo("dream");
        List<UUID> derived = new ArrayList<>();
        summary.path("derived_from").forEach(id -> derived.add(UUID.fromString(id.asText())));
        assertThat(derived).containsExactlyElementsOf(turns);
        assertThat(OPENAI.requests().subList(before, OPENAI.requests().size()))
                .singleElement()
                .satisfies(r -> assertThat(r.body().toString()).contains(TURNS.toArray(String[]::new)));
    }

    @Test
    void aRunAsksTheModelAtMostItsCallsPerRun() {
        UUID hub = hub(
                "Bounded",
                "The staging database is backed up nightly.",
                "The staging database is backed up every night at 2am.",
                "Backups of the staging database run each night.",
                "The nightly backup of the staging database runs at 2am.",
                "Every night the staging database gets backed up.");
        int before = OPENAI.requests().size();
        OPENAI.replyByDefault(FakeLlmReply.answer("{\"contradicts\": false, \"reason\": \"They agree.\"}", 1));

        JsonNode detail = completed(api.trigger(ada, hub, CONTRADICTION));

        assertThat(detail.at("/run/contradictions_found").asLong()).isZero();
        assertThat(OPENAI.requests().size() - before).isEqualTo(CALLS_PER_RUN);
    }

    @Test
    void aFailingModelLeavesTheHeuristicsInCharge() {
        UUID missed = hub("Fallback, missed", WEEKLY_A, WEEKLY_B);
        UUID negated = hub("Fallback, negated", NEGATED_A, NEGATED_B);
        UUID topics = hub("Fallback, topics", BILLING.toArray(String[]::new));
        turns(topics);
        // Any text could be a summary: only the failing model leaves the extracted one.
        FakeLlmReply down = FakeLlmReply.error(500, "server_error", "the fake is down");
        for (FakeLlmReply failing : List.of(
                down, FakeLlmReply.answer("I would rather not answer in JSON, and this is no topic name at all.", 3))) {
            OPENAI.replyByDefault(failing);
            String phases = failing == down ? "[\"organize\", \"synthesize\"]" : "[\"organize\"]";
            int before = OPENAI.requests().size();

            // The heuristics alone: they miss the nightly/weekly pair and flag the denial.
            assertThat(completed(api.trigger(ada, missed, CONTRADICTION))
                            .at("/run/contradictions_found")
                            .asLong())
                    .isZero();
            JsonNode flagged =
                    completed(api.trigger(ada, negated, "{\"dry_run\": true, \"phases\": [\"contradiction\"]}"));
            assertThat(flagged.at("/run/contradictions_found").asLong()).isEqualTo(1);
            assertThat(DreamApi.phaseActions(flagged, "contradiction")
                            .get(0)
                            .path("reason")
                            .asText())
                    .startsWith("possible contradiction, one denies what the other states");

            JsonNode organised = completed(api.trigger(ada, topics, "{\"dry_run\": true, \"phases\": " + phases + "}"));
            assertThat(DreamApi.phaseActions(organised, "organize"))
                    .isNotEmpty()
                    .allSatisfy(a -> assertThat(a.path("reason").asText()).doesNotContain("named by the model"));
            assertThat(DreamApi.phaseActions(organised, "synthesize"))
                    .hasSizeLessThanOrEqualTo(1)
                    .allSatisfy(a -> assertThat(a.path("reason").asText()).doesNotContain("written by the model"));
            assertThat(DreamApi.phaseActions(organised, "synthesize")).hasSize(failing == down ? 1 : 0);
            // Each phase did ask: the fallback follows a failed call, not a skipped one.
            assertThat(OPENAI.requests().size() - before).isGreaterThanOrEqualTo(failing == down ? 4 : 3);
        }
    }

    private static UUID hub(String name, String... memories) {
        UUID hub = api.hubs.createHub(ada, name);
        for (String text : memories) {
            api.push(ada, hub, text);
        }
        return hub;
    }

    private static List<UUID> turns(UUID hub) {
        List<UUID> out = new ArrayList<>();
        for (String text : TURNS) {
            ObjectNode turn = DreamApi.memory(text);
            turn.put("kind", "episodic");
            turn.put("session_id", "sess-backup");
            out.add(api.push(ada, hub, turn));
        }
        return out;
    }

    private static JsonNode completed(UUID run) {
        JsonNode detail = api.finished(ada, run);
        assertThat(detail.at("/run/status").asText()).as(detail.toString()).isEqualTo("completed");
        return detail;
    }

    private static JsonNode review(UUID run) {
        JsonNode page = api.ok(api.send(ada, "GET", "/v1/notifications?kind=review_contradiction&status=all", null));
        for (JsonNode notification : page.path("notifications")) {
            if (notification.at("/data/run_id").asText().equals(run.toString())) {
                return notification;
            }
        }
        throw new AssertionError("no review of run " + run + ": " + page);
    }
}
