package dev.memax.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.RedisProcess;
import dev.memax.server.testing.TestUser;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Fail-closed: while Redis is down limited requests get 503, health probes excepted. */
class RateLimitFailClosedTest {
    /** This class's own Redis, to kill. */
    static final RedisProcess REDIS = new RedisProcess();

    private static final Duration AWAIT = Duration.ofSeconds(40);

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.redis.url", REDIS.url())
            .property("memax.rate-limits.enabled", true)
            .property("memax.rate-limits.redis-failure", "closed");

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void refusesWith503WhileRedisIsDownButNeverTheHealthProbes() {
        TestUser user = SERVER.server().createUser("closed@example.com");
        TestUser admin = SERVER.server().createAdmin("ops@example.com");
        Http http = SERVER.http();
        assertThat(http.get("/v1/auth/me", "Authorization", user.bearer()).status())
                .isEqualTo(200);
        REDIS.stop();
        try {
            Http.Result refused = http.get("/v1/auth/me", "Authorization", user.bearer());
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.errorCode()).isEqualTo("service_unavailable");
            assertThat(refused.header("Retry-After")).hasValue("1");

            Http.Result live = http.get("/health/live");
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.header("X-RateLimit-Limit")).isPresent();
            // Only PostgreSQL makes the server unready: readiness is 200, degraded.
            Http.Result ready = http.getUntil(
                    AWAIT,
                    "/health/ready",
                    r -> r.status() == 200
                            && r.json()
                                    .at("/data/checks/rate_limits/status")
                                    .asText()
                                    .equals("down"));
            assertThat(ready.json().at("/data/status").asText()).isEqualTo("degraded");
            Http.Result detailed = http.get("/health/ready", "Authorization", admin.bearer());
            assertThat(detailed.json().at("/data/checks/rate_limits/mode").asText())
                    .isEqualTo("closed");
        } finally {
            REDIS.start();
        }
        http.getUntil(AWAIT, "/v1/auth/me", r -> r.status() == 200, "Authorization", user.bearer());
    }
}
