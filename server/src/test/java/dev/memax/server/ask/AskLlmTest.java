package dev.memax.server.ask;

import static dev.memax.server.hub.HubApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.sdk.AskStream;
import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.params.AskParams;
import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.FakeAnthropic;
import dev.memax.server.testing.FakeLlmReply;
import dev.memax.server.testing.FakeLlmServer;
import dev.memax.server.testing.FakeOpenAi;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /v1/ask with language models, over real HTTP, against local fakes that speak OpenAI's and
 * Anthropic's streaming formats: answers and citations, streams, token accounting, plan models,
 * upstream errors, timeouts, malformed streams and a client that leaves.
 */
class AskLlmTest {
    static final FakeOpenAi OPENAI = new FakeOpenAi();
    static final FakeAnthropic ANTHROPIC = new FakeAnthropic();

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.llm.openai-base-url", OPENAI.baseUrl())
            .property("memax.llm.openai-api-key", "sk-test-openai")
            .property("memax.llm.openai-models", "gpt-test,gpt-big")
            .property("memax.llm.anthropic-base-url", ANTHROPIC.baseUrl())
            .property("memax.llm.anthropic-api-key", "test-anthropic-key")
            .property("memax.llm.anthropic-models", "claude-test")
            .property("memax.llm.default-model", "gpt-test")
            .property("memax.llm.prices", "gpt-test=1/2,claude-test=3/15")
            .property("memax.llm.max-retries", 0)
            .property("memax.llm.first-token-timeout", "1s")
            .property("memax.llm.idle-timeout", "1s")
            // The breaker has its own test (AskBreakerTest): here failures must not open it.
            .property("memax.llm.breaker-minimum-calls", 1000)
            .property("memax.ask.plan-models", "free=gpt-test,claude-test;pro=gpt-test,gpt-big,claude-test");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static HubApi api;
    private static TestUser ada;
    private static UUID team;
    private static UUID freeze;

    @BeforeAll
    static void seed() {
        api = new HubApi(SERVER);
        ada = api.user("ada");
        team = api.createHub(ada, "Ops");
        freeze = push("Deploy freeze", "The deploy freeze starts on December 18. Hotfixes need the on-call lead.");
        push("Caching decision", "We cache recall results for 60 seconds in Redis.");
    }

    @AfterAll
    static void stopFakes() {
        OPENAI.close();
        ANTHROPIC.close();
    }

    private static UUID push(String title, String content) {
        Http.Result created = SERVER.http()
                .postJson(
                        "/v1/memories",
                        "{\"title\": \"" + title + "\", \"content\": \"" + content + "\", \"hub_id\": \"" + team
                                + "\"}",
                        "Authorization",
                        ada.bearer());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().at("/data/id").asText());
    }

    private static Http.Result ask(String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", ada.bearer()));
        all.addAll(List.of(headers));
        return SERVER.http().postJson("/v1/ask", body, all.toArray(String[]::new));
    }

    private static String question(String model) {
        return "{\"query\": \"When does the deploy freeze start?\", \"hub_ids\": [\"" + team + "\"], \"model\": \""
                + model + "\"}";
    }

    private static long asksUsed() {
        return SERVER.http()
                .get("/v1/usage", "Authorization", ada.bearer())
                .json()
                .at("/data/usage/asks/used")
                .asLong();
    }

    @Test
    void openAiAnswerIsReturnedWithOnlyRealCitationsAndCounted() {
        OPENAI.enqueue(FakeLlmReply.answer("The freeze starts on December 18 [1]. Redis is unrelated [2][9].", 5)
                .usage(420, 17));
        long before = asksUsed();
        Http.Result result = ask(question("gpt-test"));
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        JsonNode data = result.json().get("data");
        assertThat(data.get("answer").asText())
                .isEqualTo("The freeze starts on December 18 [1]. Redis is unrelated [2][9].");
        assertThat(data.get("citations").findValuesAsText("index")).containsExactly("1", "2");
        assertThat(data.at("/citations/0/memory_id").asText()).isEqualTo(freeze.toString());
        assertThat(data.at("/citations/1/memory_id").asText())
                .isEqualTo(data.at("/sources/1/id").asText());
        JsonNode metadata = data.get("metadata");
        assertThat(metadata.get("model").asText()).isEqualTo("gpt-test");
        assertThat(metadata.get("input_tokens").asLong()).isEqualTo(420);
        assertThat(metadata.get("answer_tokens").asLong()).isEqualTo(17);
        assertThat(metadata.get("tokens").asLong()).isEqualTo(437);
        assertThat(metadata.get("cost_usd").asDouble()).isCloseTo((420 * 1 + 17 * 2) / 1e6, within(1e-9));
        assertThat(metadata.get("finish_reason").asText()).isEqualTo("stop");
        assertThat(asksUsed()).isEqualTo(before + 1);

        // What the model was told: the rules, the numbered sources, the question.
        FakeLlmServer.Received sent = OPENAI.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer sk-test-openai");
        JsonNode body = sent.body();
        assertThat(body.get("model").asText()).isEqualTo("gpt-test");
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/0/content").asText()).contains("square brackets");
        String user = body.at("/messages/1/content").asText();
        assertThat(user)
                .contains("[1] Deploy freeze (")
                .contains("The deploy freeze starts on December 18.")
                .endsWith("Question: When does the deploy freeze start?");
    }

    @Test
    void anthropicAnswerStreamsDeltasInOrderAndRecordsUsagePerModel() throws Exception {
        FakeLlmReply reply = FakeLlmReply.answer("It starts on December 18 [1].", 4)
                .usage(300, 12)
                .finishReason("end_turn");
        ANTHROPIC.enqueue(reply);
        Http.Result result = ask(question("claude-test"), "Accept", "text/event-stream");
        assertThat(result.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        List<String> deltas = new ArrayList<>();
        JsonNode done = null;
        for (String frame : result.body().split("\n\n")) {
            String[] lines = frame.split("\n");
            String name = lines[0].substring("event: ".length());
            JsonNode data = JSON.readTree(lines[1].substring("data: ".length()));
            names.add(name);
            if (name.equals("delta")) {
                deltas.add(data.get("text").asText());
            } else if (name.equals("done")) {
                done = data;
            }
        }
        assertThat(names).containsExactly("sources", "delta", "delta", "delta", "delta", "done");
        assertThat(deltas).isEqualTo(reply.deltas());
        assertThat(done.get("answer").asText()).isEqualTo(reply.text());
        assertThat(done.at("/citations/0/memory_id").asText()).isEqualTo(freeze.toString());
        assertThat(done.at("/metadata/model").asText()).isEqualTo("claude-test");
        assertThat(done.at("/metadata/finish_reason").asText()).isEqualTo("end_turn");
        FakeLlmServer.Received sent = ANTHROPIC.lastRequest();
        assertThat(sent.header("x-api-key")).isEqualTo("test-anthropic-key");
        assertThat(sent.body().get("system").asText()).contains("square brackets");

        JsonNode models = SERVER.http()
                .get("/v1/usage", "Authorization", ada.bearer())
                .json()
                .at("/data/models");
        JsonNode claude = null;
        for (JsonNode model : models) {
            if (model.get("model").asText().equals("claude-test")) {
                claude = model;
            }
        }
        assertThat(claude).isNotNull();
        assertThat(claude.get("input_tokens").asLong()).isGreaterThanOrEqualTo(300);
        assertThat(claude.get("output_tokens").asLong()).isGreaterThanOrEqualTo(12);
        assertThat(claude.get("cost_usd").asDouble()).isPositive();
    }

    @Test
    void modelsAreLimitedByPlanAndConfiguration() {
        Http.Result big = ask(question("gpt-big"));
        assertError(big, 403, "forbidden");
        assertThat(big.json().at("/error/details/allowed_models").findValuesAsText(""))
                .isEmpty();
        assertThat(big.json().at("/error/details/allowed_models").toString())
                .contains("gpt-test")
                .doesNotContain("gpt-big");
        Http.Result unknown = ask(question("gpt-none"));
        assertError(unknown, 422, "validation_failed");
        assertThat(unknown.json().at("/error/details/fields/model").asText()).contains("gpt-test");

        OPENAI.enqueue(FakeLlmReply.answer("December 18 [1].", 2));
        Http.Result auto = ask(question("auto"));
        assertThat(auto.json().at("/data/metadata/model").asText()).isEqualTo("gpt-test");
        Http.Result extractive = ask(question("extractive"));
        assertThat(extractive.json().at("/data/metadata/model").asText()).isEqualTo("extractive");
    }

    @Test
    void upstreamErrorIs503WithRetryAfterAndTheAskIsNotCounted() {
        OPENAI.enqueue(FakeLlmReply.error(500, "server_error", "The server had an error"));
        long before = asksUsed();
        Http.Result failed = ask(question("gpt-test"));
        assertError(failed, 503, "service_unavailable");
        assertThat(failed.header("Retry-After")).isPresent();
        assertThat(failed.json().at("/error/details/reason").asText()).isEqualTo("upstream_error");
        assertThat(failed.json().at("/error/details/model").asText()).isEqualTo("gpt-test");
        assertThat(failed.body()).doesNotContain("sk-test-openai");
        assertThat(asksUsed()).isEqualTo(before);
    }

    @Test
    void timeoutBeforeTheFirstTokenIs503() {
        OPENAI.enqueue(FakeLlmReply.answer("late", 1).hangBeforeHeaders(Duration.ofSeconds(3)));
        Http.Result failed = ask(question("gpt-test"));
        assertError(failed, 503, "service_unavailable");
        assertThat(failed.json().at("/error/details/reason").asText()).isEqualTo("timeout");
    }

    @Test
    void malformedStreamMidAnswerEndsTheStreamWithAnErrorEvent() throws Exception {
        OPENAI.enqueue(FakeLlmReply.answer("Half an answer that breaks", 4).malformedAfter(2));
        Http.Result result = ask(question("gpt-test"), "Accept", "text/event-stream");
        assertThat(result.status()).isEqualTo(200);
        String[] frames = result.body().split("\n\n");
        assertThat(frames[0]).startsWith("event: sources");
        assertThat(frames[1]).startsWith("event: delta");
        String last = frames[frames.length - 1];
        assertThat(last).startsWith("event: error\ndata: ");
        JsonNode error = JSON.readTree(last.substring(last.indexOf("data: ") + 6));
        assertThat(error.at("/error/code").asText()).isEqualTo("service_unavailable");
        assertThat(error.at("/error/details/reason").asText()).isEqualTo("malformed_stream");
        assertThat(result.body()).doesNotContain("event: done");

        OPENAI.enqueue(FakeLlmReply.answer("Broken", 3).malformedAfter(1));
        assertThat(ask(question("gpt-test")).json().at("/error/details/reason").asText())
                .isEqualTo("malformed_stream");
    }

    @Test
    void clientThatLeavesCancelsTheUpstreamCall() throws Exception {
        OPENAI.enqueue(FakeLlmReply.answer("one two three four five six seven eight nine ten", 10)
                .delayBetweenDeltas(Duration.ofMillis(300)));
        CountDownLatch firstDelta = new CountDownLatch(1);
        try (MemaxClient client = MemaxClient.builder()
                .baseUrl(SERVER.server().uri().toString())
                .apiKey(ada.apiKey())
                .maxRetries(0)
                .build()) {
            AskStream stream = client.ask().stream(
                    AskParams.builder()
                            .query("When does the deploy freeze start?")
                            .hubIds(List.of(team))
                            .model("gpt-test")
                            .build(),
                    text -> firstDelta.countDown());
            assertThat(firstDelta.await(10, TimeUnit.SECONDS)).isTrue();
            stream.cancel();
        }
        assertThat(OPENAI.lastRequest().clientDisconnected(Duration.ofSeconds(10)))
                .isTrue();
    }
}
