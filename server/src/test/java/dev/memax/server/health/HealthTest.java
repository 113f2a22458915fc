package dev.memax.server.health;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTest {
    /** This class's own Redis, so stopping it cannot disturb other tests. */
    static final RedisProcess REDIS = new RedisProcess();

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension().property("memax.redis.url", REDIS.url());

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void healthReportsServiceAndReadiness() {
        Http.Result result = SERVER.http().get("/health");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        JsonNode data = result.json().path("data");
        assertThat(data.path("status").asText()).isEqualTo("ok");
        assertThat(data.path("service").asText()).isEqualTo("memax");
        assertThat(data.path("version").asText()).isNotBlank();
        assertThat(data.path("ready").asBoolean()).isTrue();
    }

    @Test
    void liveAnswersWithoutDependencies() {
        Http.Result result = SERVER.http().get("/health/live");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.json().at("/data/status").asText()).isEqualTo("ok");
    }

    @Test
    void readyReallyChecksEveryDependency() {
        Http.Result result = awaitReady(r -> r.status() == 200);
        JsonNode checks = result.json().at("/data/checks");
        for (String dependency : new String[]{"postgres", "redis", "s3"}) {
            assertThat(checks.path(dependency).path("status").asText()).as(dependency).isEqualTo("up");
            assertThat(checks.path(dependency).path("latency_ms").isNumber()).isTrue();
        }
        assertThat(checks.at("/llm/status").asText()).isEqualTo("not_configured");
    }

    @Test
    void readyFlipsTo503WhileRedisIsDownAndBackWhenItReturns() {
        awaitReady(r -> r.status() == 200);
        REDIS.stop();
        try {
            Http.Result down = awaitReady(r -> r.status() == 503);
            assertThat(down.errorCode()).isEqualTo("service_unavailable");
            assertThat(down.header("Retry-After")).isPresent();
            JsonNode checks = down.json().at("/error/details/checks");
            assertThat(checks.at("/redis/status").asText()).isEqualTo("down");
            assertThat(checks.at("/redis/error").asText()).isNotBlank();
            assertThat(checks.at("/postgres/status").asText()).isEqualTo("up");
            assertThat(SERVER.http().get("/health").json().at("/data/ready").asBoolean()).isFalse();
            assertThat(SERVER.http().get("/health/live").status()).isEqualTo(200);
        } finally {
            REDIS.start();
        }
        Http.Result back = awaitReady(r -> r.status() == 200);
        assertThat(back.json().at("/data/checks/redis/status").asText()).isEqualTo("up");
    }

    @Test
    void metricsArePrometheusText() {
        SERVER.http().get("/health");
        Http.Result result = SERVER.http().get("/metrics", "Authorization", "Bearer " + MemaxServerExtension.METRICS_TOKEN);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.header("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
        assertThat(result.body()).contains("# TYPE jvm_memory_used_bytes gauge").contains("http_server_requests_seconds_count");
        assertThat(result.body()).contains("hikaricp_connections");
    }

    private static Http.Result awaitReady(Predicate<Http.Result> condition) {
        return SERVER.http().getUntil(Duration.ofSeconds(20), "/health/ready", condition);
    }
}
