package dev.memax.server.ask;

import static dev.memax.server.hub.HubApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.FakeLlmReply;
import dev.memax.server.testing.FakeOpenAi;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provider's circuit breaker seen through POST /v1/ask and /health/ready: opening, refusing, closing. */
class AskBreakerTest {
    static final FakeOpenAi OPENAI = new FakeOpenAi();

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.llm.openai-base-url", OPENAI.baseUrl())
            .property("memax.llm.openai-models", "gpt-test")
            .property("memax.llm.max-retries", 0)
            .property("memax.llm.breaker-minimum-calls", 3)
            .property("memax.llm.breaker-failure-rate", 50)
            .property("memax.llm.breaker-open-duration", "2s");

    @AfterAll
    static void stopFake() {
        OPENAI.close();
    }

    @Test
    void breakerOpensAfterFailuresAnswers503WithoutCallingAndClosesAfterAGoodProbe() {
        TestUser ada = new HubApi(SERVER).user("ada");
        String body = "{\"query\": \"anything\", \"model\": \"gpt-test\"}";
        SERVER.http()
                .postJson(
                        "/v1/memories",
                        "{\"content\": \"Anything is possible with tests.\"}",
                        "Authorization",
                        ada.bearer());
        OPENAI.replyByDefault(FakeLlmReply.error(503, "server_error", "overloaded"));
        for (int i = 0; i < 3; i++) {
            Http.Result failed = SERVER.http().postJson("/v1/ask", body, "Authorization", ada.bearer());
            assertError(failed, 503, "service_unavailable");
            assertThat(failed.json().at("/error/details/reason").asText()).isEqualTo("upstream_error");
        }
        int calls = OPENAI.requests().size();

        Http.Result refused = SERVER.http().postJson("/v1/ask", body, "Authorization", ada.bearer());
        assertError(refused, 503, "service_unavailable");
        assertThat(refused.json().at("/error/details/reason").asText()).isEqualTo("breaker_open");
        int retryAfter = Integer.parseInt(refused.header("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1, 2);
        assertThat(OPENAI.requests()).hasSize(calls);
        // Readiness is cached for a moment: wait for it to see the breaker.
        Http.Result degraded = SERVER.http()
                .getUntil(
                        Duration.ofSeconds(5),
                        "/health/ready",
                        r -> r.json().at("/data/checks/llm/status").asText().equals("degraded"),
                        "Authorization",
                        admin());
        assertThat(degraded.status()).isEqualTo(200);
        assertThat(degraded.json().at("/data/checks/llm/status").asText()).isEqualTo("degraded");
        assertThat(degraded.json().at("/data/checks/llm/details/openai").asText())
                .isEqualTo("open");

        OPENAI.replyByDefault(FakeLlmReply.answer("Recovered [1].", 2));
        Http.Result recovered = SERVER.http()
                .getUntil(
                        Duration.ofSeconds(10),
                        "/health/ready",
                        r -> !r.json()
                                .at("/data/checks/llm/details/openai")
                                .asText()
                                .equals("open"),
                        "Authorization",
                        admin());
        assertThat(recovered.status()).isEqualTo(200);
        Http.Result answered = SERVER.http().postJson("/v1/ask", body, "Authorization", ada.bearer());
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        assertThat(answered.json().at("/data/answer").asText()).isEqualTo("Recovered [1].");
        Http.Result closed = SERVER.http()
                .getUntil(
                        Duration.ofSeconds(5),
                        "/health/ready",
                        r -> r.json().at("/data/checks/llm/status").asText().equals("up"),
                        "Authorization",
                        admin());
        assertThat(closed.json().at("/data/checks/llm/details/openai").asText()).isEqualTo("closed");
    }

    /** Readiness details (each breaker's state) are for admins. */
    private static String admin() {
        if (adminBearer == null) {
            adminBearer = SERVER.server().createAdmin("ops@example.com").bearer();
        }
        return adminBearer;
    }

    private static String adminBearer;
}
