package dev.memax.server.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.FakeLlmReply;
import dev.memax.server.testing.FakeOpenAi;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MEMAX_LLM_FALLBACK=extractive: a model that fails before answering gives way to an extractive answer. */
class AskFallbackTest {
    static final FakeOpenAi OPENAI = new FakeOpenAi();

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.llm.openai-base-url", OPENAI.baseUrl())
            .property("memax.llm.openai-models", "gpt-test")
            .property("memax.llm.max-retries", 0)
            .property("memax.llm.fallback", "extractive")
            .property("memax.llm.breaker-minimum-calls", 2)
            .property("memax.llm.breaker-open-duration", "10m");

    @AfterAll
    static void stopFake() {
        OPENAI.close();
    }

    @Test
    void failuresAndAnOpenBreakerAnswerExtractivelyAndSaySo() {
        TestUser ada = new HubApi(SERVER).user("ada");
        Http.Result pushed = SERVER.http()
                .postJson(
                        "/v1/memories",
                        "{\"content\": \"The deploy freeze starts on December 18.\"}",
                        "Authorization",
                        ada.bearer());
        assertThat(pushed.status()).isEqualTo(201);
        OPENAI.replyByDefault(FakeLlmReply.error(500, "server_error", "down"));
        String body = "{\"query\": \"When does the deploy freeze start?\"}";
        for (String reason : new String[] {"upstream_error", "upstream_error", "breaker_open"}) {
            Http.Result result = SERVER.http().postJson("/v1/ask", body, "Authorization", ada.bearer());
            assertThat(result.status()).as(result.toString()).isEqualTo(200);
            JsonNode metadata = result.json().at("/data/metadata");
            assertThat(metadata.get("model").asText()).isEqualTo("extractive");
            assertThat(metadata.get("fallback").asText()).isEqualTo(reason);
            assertThat(result.json().at("/data/answer").asText()).contains("December 18. [1]");
        }
        assertThat(OPENAI.requests()).hasSize(2);
    }
}
