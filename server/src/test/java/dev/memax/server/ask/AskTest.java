package dev.memax.server.ask;

import static dev.memax.server.hub.HubApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.sdk.AskStream;
import dev.memax.sdk.AskStreamListener;
import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.errors.MemaxException;
import dev.memax.sdk.errors.QuotaExceededException;
import dev.memax.sdk.models.AskResponse;
import dev.memax.sdk.models.AskSource;
import dev.memax.sdk.models.Usage;
import dev.memax.sdk.params.AskParams;
import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /v1/ask without a language model (extractive), over real HTTP: answers, citations, streams, tenancy, quota. */
class AskTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static HubApi api;
    private static TestUser ada;
    private static TestUser eve;
    private static UUID team;
    private static UUID freeze;
    private static UUID caching;
    private static UUID evesFreeze;
    private static MemaxClient client;

    @BeforeAll
    static void seed() {
        api = new HubApi(SERVER);
        ada = api.user("ada");
        eve = api.user("eve");
        team = api.createHub(ada, "Ops");
        freeze = push(
                ada,
                team,
                "Deploy freeze",
                "The deploy freeze starts on December 18. No production deploys "
                        + "happen until January 5. Hotfixes need approval from the on-call lead.");
        caching = push(
                ada, team, "Caching decision", "We cache recall results for 60 seconds. The cache lives in Redis.");
        push(ada, team, "Lunch", "The team lunch is on Fridays at noon.");
        evesFreeze = push(
                eve,
                eve.personalHubId(),
                "Secret freeze",
                "The deploy freeze of the secret project starts on March 3.");
        client = MemaxClient.builder()
                .baseUrl(SERVER.server().uri().toString())
                .apiKey(ada.apiKey())
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static UUID push(TestUser user, UUID hub, String title, String content) {
        Http.Result created = SERVER.http()
                .postJson(
                        "/v1/memories",
                        "{\"title\": \"" + title + "\", \"content\": \"" + content + "\", \"hub_id\": \"" + hub + "\"}",
                        "Authorization",
                        user.bearer());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().at("/data/id").asText());
    }

    private static Http.Result ask(TestUser user, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", user.bearer()));
        all.addAll(List.of(headers));
        return SERVER.http().postJson("/v1/ask", body, all.toArray(String[]::new));
    }

    @Test
    void extractiveAnswerQuotesAndCitesTheBestMemory() {
        Http.Result result =
                ask(ada, "{\"query\": \"When does the deploy freeze start?\", \"hub_ids\": [\"" + team + "\"]}");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        JsonNode data = result.json().get("data");
        assertThat(data.get("answer").asText()).contains("The deploy freeze starts on December 18. [1]");
        assertThat(data.at("/sources/0/id").asText()).isEqualTo(freeze.toString());
        assertThat(data.at("/sources/0/index").asInt()).isEqualTo(1);
        assertThat(data.at("/sources/0/chunk_content").asText()).contains("December 18");
        assertThat(data.at("/citations/0/index").asInt()).isEqualTo(1);
        assertThat(data.at("/citations/0/memory_id").asText()).isEqualTo(freeze.toString());
        assertThat(data.at("/citations/0/title").asText()).isEqualTo("Deploy freeze");
        JsonNode metadata = data.get("metadata");
        assertThat(metadata.get("model").asText()).isEqualTo("extractive");
        assertThat(metadata.get("input_tokens").asLong()).isPositive();
        assertThat(metadata.get("answer_tokens").asLong()).isPositive();
        assertThat(metadata.get("tokens").asLong())
                .isEqualTo(metadata.get("input_tokens").asLong()
                        + metadata.get("answer_tokens").asLong());
        assertThat(metadata.get("sources_used").asInt())
                .isEqualTo(data.get("sources").size());
        assertThat(metadata.get("cost_usd").asDouble()).isZero();
        assertThat(metadata.get("total_latency_ms").asLong())
                .isGreaterThanOrEqualTo(metadata.get("retrieval_latency_ms").asLong());
        assertThat(metadata.has("fallback")).isFalse();
    }

    @Test
    void answerPicksTheSentenceThatAnswersAcrossSources() {
        AskResponse answer = client.ask()
                .create(AskParams.builder()
                        .query("Where does the recall cache live?")
                        .hubIds(List.of(team))
                        .build());
        assertThat(answer.answer()).contains("The cache lives in Redis.");
        assertThat(answer.citations()).extracting(c -> c.memoryId()).contains(caching);
        assertThat(answer.citations())
                .allSatisfy(c ->
                        assertThat(answer.sources().get(c.index() - 1).id()).isEqualTo(c.memoryId()));
        assertThat(answer.metadata().model()).isEqualTo("extractive");
        assertThat(answer.sources().get(0).index()).isEqualTo(1);
    }

    @Test
    void askNeverReadsAnotherTenantsMemories() {
        AskResponse adas = client.ask().create(AskParams.of("When does the deploy freeze start?"));
        assertThat(adas.sources()).extracting(AskSource::id).contains(freeze).doesNotContain(evesFreeze);
        Http.Result eves = ask(eve, "{\"query\": \"When does the deploy freeze start?\"}");
        assertThat(eves.status()).isEqualTo(200);
        assertThat(eves.json().at("/data/sources").findValuesAsText("id")).containsExactly(evesFreeze.toString());
        assertThat(eves.json().at("/data/answer").asText()).contains("March 3").doesNotContain("December");
        assertError(ask(eve, "{\"query\": \"freeze\", \"hub_ids\": [\"" + team + "\"]}"), 404, "not_found");
    }

    @Test
    void streamSendsSourcesThenDeltasThenDoneAsStrictFrames() throws Exception {
        Http.Result result = ask(
                ada,
                "{\"query\": \"When does the deploy freeze start?\", \"hub_id\": \"" + team + "\"}",
                "Accept",
                "text/event-stream");
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("Content-Type").orElseThrow()).startsWith("text/event-stream");
        List<String> names = new ArrayList<>();
        StringBuilder deltas = new StringBuilder();
        JsonNode done = null;
        for (String frame : result.body().split("\n\n")) {
            String[] lines = frame.split("\n");
            assertThat(lines).hasSize(2);
            assertThat(lines[0]).startsWith("event: ");
            assertThat(lines[1]).startsWith("data: ");
            String name = lines[0].substring("event: ".length());
            JsonNode data = JSON.readTree(lines[1].substring("data: ".length()));
            names.add(name);
            if (name.equals("sources")) {
                assertThat(data.isArray()).isTrue();
                assertThat(data.at("/0/id").asText()).isEqualTo(freeze.toString());
            } else if (name.equals("delta")) {
                deltas.append(data.get("text").asText());
            } else if (name.equals("done")) {
                done = data;
            }
        }
        assertThat(names.get(0)).isEqualTo("sources");
        assertThat(names.subList(1, names.size() - 1)).isNotEmpty().containsOnly("delta");
        assertThat(names.get(names.size() - 1)).isEqualTo("done");
        assertThat(done).isNotNull();
        assertThat(done.get("answer").asText()).isEqualTo(deltas.toString()).contains("December 18");
        assertThat(done.at("/citations/0/memory_id").asText()).isEqualTo(freeze.toString());
        assertThat(done.at("/metadata/model").asText()).isEqualTo("extractive");
    }

    @Test
    void sdkStreamDeliversTheSameAnswerAsTheWholeResponse() throws Exception {
        AskParams params = AskParams.builder()
                .query("When does the deploy freeze start?")
                .hubIds(List.of(team))
                .build();
        AskResponse whole = client.ask().create(params);
        List<String> calls = new CopyOnWriteArrayList<>();
        AskStream stream = client.ask().stream(params, new AskStreamListener() {
            @Override
            public void onSources(List<AskSource> sources) {
                calls.add("sources:" + sources.size());
            }

            @Override
            public void onDelta(String text) {
                calls.add("delta");
            }

            @Override
            public void onDone(AskResponse response) {
                calls.add("done");
            }

            @Override
            public void onError(MemaxException error) {
                calls.add("error:" + error.getMessage());
            }
        });
        AskResponse streamed = stream.result().get(30, TimeUnit.SECONDS);
        assertThat(streamed.answer()).isEqualTo(whole.answer());
        assertThat(streamed.citations()).isEqualTo(whole.citations());
        assertThat(streamed.sources())
                .extracting(AskSource::id)
                .isEqualTo(whole.sources().stream().map(AskSource::id).toList());
        assertThat(calls.get(0)).isEqualTo("sources:" + whole.sources().size());
        assertThat(calls.get(calls.size() - 1)).isEqualTo("done");
    }

    @Test
    void refusedRequestsAreErrorsNotStreams() {
        Http.Result blank = ask(ada, "{\"query\": \"  \"}");
        assertError(blank, 422, "validation_failed");
        assertThat(blank.json().at("/error/details/fields/query").isMissingNode())
                .isFalse();
        Http.Result tooMany = ask(ada, "{\"query\": \"freeze\", \"limit\": 51}");
        assertError(tooMany, 422, "validation_failed");
        assertThat(tooMany.json().at("/error/details/fields/limit").isMissingNode())
                .isFalse();
        assertError(ask(ada, "{\"query\": \"freeze\", \"created_after\": \"soon\"}"), 422, "validation_failed");
        assertError(ask(ada, "{\"query\": \"freeze\", \"kind\": \"dream\"}"), 422, "validation_failed");
        Http.Result model = ask(ada, "{\"query\": \"freeze\", \"model\": \"gpt-4o\"}");
        assertError(model, 422, "validation_failed");
        assertThat(model.json().at("/error/details/fields/model").asText()).contains("no language model is configured");
        assertError(
                ask(ada, "{\"query\": \"freeze\", \"hub_ids\": [\"" + UUID.randomUUID() + "\"]}"), 404, "not_found");
        Http.Result streamed = ask(ada, "{\"query\": \"\"}", "Accept", "text/event-stream");
        assertError(streamed, 422, "validation_failed");
        assertThat(streamed.header("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(ask(ada, "{\"query\": \"freeze\", \"model\": \"auto\"}").status())
                .isEqualTo(200);
        assertThat(ask(ada, "{\"query\": \"freeze\", \"model\": \"extractive\"}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void questionWithoutMemoriesSaysSo() {
        TestUser newcomer = api.user("newcomer");
        Http.Result result = ask(newcomer, "{\"query\": \"When does the deploy freeze start?\"}");
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.json().at("/data/answer").asText()).isEqualTo(ExtractiveAnswerer.NOTHING_FOUND);
        assertThat(result.json().at("/data/citations").size()).isZero();
        assertThat(result.json().at("/data/sources").size()).isZero();
    }

    @Test
    void asksCountAgainstTheAskQuotaAndRecordTokensPerModel() {
        SERVER.database()
                .execute(
                        "INSERT INTO plans (id, name, position, memory_limit, monthly_pushes, monthly_recalls, "
                                + "monthly_asks, storage_bytes, max_upload_bytes, heavy_per_minute, regular_per_minute, light_per_minute, "
                                + "dreams) VALUES ('test-asks', 'Two asks', 20, NULL, NULL, NULL, 2, NULL, NULL, 1000, 1000, 1000, false)");
        TestUser bob = api.user("bob");
        SERVER.database().execute("UPDATE users SET plan = 'test-asks' WHERE id = '" + bob.id() + "'");
        push(bob, bob.personalHubId(), "Note", "Bob keeps his notes in Markdown files.");
        try (MemaxClient bobs = MemaxClient.builder()
                .baseUrl(SERVER.server().uri().toString())
                .apiKey(bob.apiKey())
                .maxRetries(0)
                .build()) {
            bobs.ask().create(AskParams.of("Where are the notes?"));
            bobs.ask().create(AskParams.of("What format are the notes?"));
            assertThatThrownBy(() -> bobs.ask().create(AskParams.of("Notes?")))
                    .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                        assertThat(e.metric()).isEqualTo("asks");
                        assertThat(e.limit()).isEqualTo(2L);
                    });
            Usage usage = bobs.usage().get();
            assertThat(usage.asks().used()).isEqualTo(2);
            assertThat(usage.recalls().used()).isZero();
            assertThat(usage.models()).hasSize(1);
            assertThat(usage.models().get(0).model()).isEqualTo("extractive");
            assertThat(usage.models().get(0).asks()).isEqualTo(2);
            assertThat(usage.models().get(0).inputTokens()).isPositive();
            assertThat(usage.models().get(0).outputTokens()).isPositive();
        }
    }
}
