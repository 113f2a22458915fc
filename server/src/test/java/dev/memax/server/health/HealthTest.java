package dev.memax.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.RedisProcess;
import dev.memax.server.testing.TestServices;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HealthTest {
    /** This class's own Redis, so stopping it cannot disturb other tests. */
    static final RedisProcess REDIS = new RedisProcess();

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension().property("memax.redis.url", REDIS.url());

    private static String adminKey;
    private static String userKey;

    @BeforeAll
    static void users() {
        adminKey = SERVER.server().createAdmin("root@example.com").apiKey();
        userKey = SERVER.server().createUser("ada@example.com").apiKey();
    }

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
        assertThat(result.json().at("/data/status").asText()).isEqualTo("ok");
        JsonNode checks = result.json().at("/data/checks");
        for (String dependency : new String[] {"postgres", "redis", "s3"}) {
            assertThat(checks.path(dependency).path("status").asText())
                    .as(dependency)
                    .isEqualTo("up");
            // Anonymous callers get statuses only.
            assertThat(checks.path(dependency).has("latency_ms")).isFalse();
        }
        assertThat(checks.at("/llm/status").asText()).isEqualTo("not_configured");
        JsonNode detailed = SERVER.http()
                .get("/health/ready", "Authorization", "Bearer " + adminKey)
                .json()
                .at("/data/checks");
        for (String dependency : new String[] {"postgres", "redis", "s3"}) {
            assertThat(detailed.path(dependency).path("latency_ms").isNumber())
                    .as(dependency)
                    .isTrue();
        }
        assertThat(detailed.at("/rate_limits/mode").asText()).isNotBlank();
        // Not an admin: statuses only, like anonymous callers.
        JsonNode user = SERVER.http()
                .get("/health/ready", "Authorization", "Bearer " + userKey)
                .json()
                .at("/data/checks");
        assertThat(user.path("postgres").has("latency_ms")).isFalse();
    }

    /** Only PostgreSQL makes the server unready (Redis and S3 degrade it: RedisOutageTest). */
    @Test
    void readyIs503WhilePostgresIsUnreachableAndBackWhenItReturns() {
        awaitReady(r -> r.status() == 200);
        String database = SERVER.database().queryString("SELECT current_database()");
        TestServices services = TestServices.get();
        services.admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
        try {
            services.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            Http.Result down = awaitReady(r -> r.status() == 503);
            assertThat(down.errorCode()).isEqualTo("service_unavailable");
            assertThat(down.header("Retry-After")).isPresent();
            JsonNode checks = down.json().at("/error/details/checks");
            assertThat(checks.at("/postgres/status").asText()).isEqualTo("down");
            // Statuses only: the error would name the database and the host.
            assertThat(checks.path("postgres").has("error")).isFalse();
            assertThat(down.body()).doesNotContain(database);
            assertThat(checks.at("/redis/status").asText()).isEqualTo("up");
            assertThat(SERVER.http().get("/health").json().at("/data/ready").asBoolean())
                    .isFalse();
            assertThat(SERVER.http().get("/health/live").status()).isEqualTo(200);
        } finally {
            services.admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
        }
        Http.Result back = awaitReady(r -> r.status() == 200);
        assertThat(back.json().at("/data/checks/postgres/status").asText()).isEqualTo("up");
    }

    @Test
    void metricsArePrometheusText() {
        SERVER.http().get("/health");
        Http.Result result =
                SERVER.http().get("/metrics", "Authorization", "Bearer " + MemaxServerExtension.METRICS_TOKEN);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.header("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
        assertThat(result.body())
                .contains("# TYPE jvm_memory_used_bytes gauge")
                .contains("http_server_requests_seconds_count");
        assertThat(result.body()).contains("hikaricp_connections");
    }

    private static Http.Result awaitReady(Predicate<Http.Result> condition) {
        return SERVER.http().getUntil(Duration.ofSeconds(20), "/health/ready", condition);
    }
}
