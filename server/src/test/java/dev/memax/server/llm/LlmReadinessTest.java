package dev.memax.server.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.FakeLlmReply;
import dev.memax.server.testing.FakeOpenAi;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /health/ready} shows each LLM provider's breaker, and an open one leaves the server ready. */
class LlmReadinessTest {
    static final FakeOpenAi OPENAI = new FakeOpenAi();

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.llm.openai-base-url", OPENAI.baseUrl())
            .property("memax.llm.openai-models", "gpt-test")
            .property("memax.llm.max-retries", 0)
            .property("memax.llm.breaker-minimum-calls", 2)
            .property("memax.llm.breaker-open-duration", "10m");

    @AfterAll
    static void stopFake() {
        OPENAI.close();
    }

    @Test
    void anOpenBreakerDegradesTheLlmCheckButNotReadiness() {
        Http.Result closed = SERVER.http()
                .getUntil(Duration.ofSeconds(20), "/health/ready", r -> r.status() == 200, "Authorization", admin());
        assertThat(closed.json().at("/data/checks/llm/status").asText()).isEqualTo("up");
        assertThat(closed.json().at("/data/checks/llm/details/openai").asText()).isEqualTo("closed");

        LlmGateway gateway = SERVER.server().context().getBean(LlmGateway.class);
        OPENAI.replyByDefault(FakeLlmReply.error(500, "server_error", "down"));
        for (int i = 0; i < 3; i++) {
            catchThrowableOfType(
                    () -> gateway.complete(
                            new LlmRequest("gpt-test", "s", "u", 10, 0), text -> {}, new LlmCancellation()),
                    LlmException.class);
        }

        Http.Result degraded = SERVER.http()
                .getUntil(
                        Duration.ofSeconds(20),
                        "/health/ready",
                        r -> r.json().at("/data/checks/llm/status").asText().equals("degraded"),
                        "Authorization",
                        admin());
        assertThat(degraded.status()).isEqualTo(200);
        JsonNode data = degraded.json().path("data");
        assertThat(data.path("ready").asBoolean()).isTrue();
        assertThat(data.at("/checks/llm/details/openai").asText()).isEqualTo("open");
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
