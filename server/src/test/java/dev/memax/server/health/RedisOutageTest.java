package dev.memax.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.memax.server.redis.RedisConnections;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.RedisProcess;
import dev.memax.server.testing.TestUser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Redis killed under load: the API keeps serving (rate limits count in local buckets, events
 * travel through the table), {@code /health/ready} stays 200 with {@code status: degraded},
 * the log says so once per outage rather than once per event, and the recovery is logged and
 * seen. docs/reliability.md records the figures this test prints.
 */
class RedisOutageTest {
    /** This class's own Redis, so stopping it cannot disturb other tests. */
    static final RedisProcess REDIS = new RedisProcess();

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.redis.url", REDIS.url())
            .property("memax.rate-limits.enabled", true);

    private static final int REQUESTS_DURING_OUTAGE = 150;
    private static TestUser ada;
    private static String adminKey;
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Logger root;

    @BeforeAll
    static void users() {
        ada = SERVER.server().createUser("ada@example.com");
        adminKey = SERVER.server().createAdmin("root@example.com").apiKey();
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @BeforeEach
    void capture() {
        root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void release() {
        root.detachAppender(captured);
    }

    @Test
    void redisDownDegradesReadinessWithoutFailingItAndIsLoggedOncePerOutage() {
        awaitReady(
                r -> r.status() == 200 && r.json().at("/data/status").asText().equals("ok"));
        captured.list.clear();
        REDIS.stop();
        Map<String, AtomicLong> statuses = new TreeMap<>();
        try {
            for (int i = 0; i < REQUESTS_DURING_OUTAGE / 3; i++) {
                count(
                        statuses,
                        SERVER.http()
                                .postJson(
                                        "/v1/memories",
                                        "{\"content\": \"written while Redis is down " + i + "\"}",
                                        "Authorization",
                                        ada.bearer(),
                                        "X-Hub-ID",
                                        ada.personalHubId().toString()));
                count(
                        statuses,
                        SERVER.http()
                                .get(
                                        "/v1/memories?limit=5",
                                        "Authorization",
                                        ada.bearer(),
                                        "X-Hub-ID",
                                        ada.personalHubId().toString()));
                count(statuses, SERVER.http().get("/health/ready"));
            }
            // Served, and limited by this instance's own buckets (429 once a plan's cap is reached).
            assertThat(statuses.keySet())
                    .as("statuses while Redis is down")
                    .allMatch(s -> s.startsWith("2") || s.equals("429"));
            assertThat(statuses).containsKey("201");

            Http.Result degraded = awaitReady(r -> r.status() == 200
                    && r.json().at("/data/checks/redis/status").asText().equals("down"));
            assertThat(degraded.json().at("/data/ready").asBoolean()).isTrue();
            assertThat(degraded.json().at("/data/status").asText()).isEqualTo("degraded");
            assertThat(degraded.json().at("/data/checks/postgres/status").asText())
                    .isEqualTo("up");
            // Anonymous: statuses only, no error strings (they name hosts and failures).
            assertThat(degraded.json().at("/data/checks/redis").has("error")).isFalse();
            assertThat(degraded.json().at("/data/checks/rate_limits").has("error"))
                    .isFalse();
            assertThat(degraded.body()).doesNotContain("127.0.0.1").doesNotContain("refused");
            // An admin sees why.
            Http.Result detailed = SERVER.http().get("/health/ready", "Authorization", "Bearer " + adminKey);
            assertThat(detailed.status()).as(detailed.toString()).isEqualTo(200);
            assertThat(detailed.json().at("/data/checks/redis/error").asText()).isNotBlank();
            assertThat(SERVER.http().get("/health").json().at("/data/ready").asBoolean())
                    .isTrue();
        } finally {
            REDIS.start();
        }
        List<ILoggingEvent> outageWarnings = redisWarnings();
        System.out.printf(
                "RedisOutageTest: %d requests while Redis was down, statuses %s, %d Redis warnings logged, by logger %s%n",
                statuses.values().stream().mapToLong(AtomicLong::get).sum(),
                statuses,
                outageWarnings.size(),
                outageWarnings.stream()
                        .collect(Collectors.groupingBy(
                                ILoggingEvent::getLoggerName, TreeMap::new, Collectors.counting())));
        // One warning per outage from the connection's owner (and one from the rate limiter,
        // which says what it does meanwhile), not one per event or reconnection attempt.
        assertThat(outageWarnings)
                .as("warnings about Redis during one outage, by logger")
                .extracting(ILoggingEvent::getLoggerName)
                .containsExactlyInAnyOrder(
                        RedisConnections.class.getName(), "dev.memax.server.ratelimit.RateLimitService");

        Http.Result back = awaitReady(
                r -> r.status() == 200 && r.json().at("/data/status").asText().equals("ok"));
        assertThat(back.json().at("/data/checks/redis/status").asText()).isEqualTo("up");
        // The limiter notices on its next call to Redis.
        SERVER.http()
                .get(
                        "/v1/memories?limit=1",
                        "Authorization",
                        ada.bearer(),
                        "X-Hub-ID",
                        ada.personalHubId().toString());
        awaitReady(r -> r.json().at("/data/checks/rate_limits/status").asText().equals("up"));
        assertThat(captured.list)
                .as("the recovery is logged")
                .anyMatch(e -> e.getLevel() == Level.INFO
                        && e.getFormattedMessage().contains("Redis")
                        && e.getFormattedMessage().toLowerCase().contains("again"));
    }

    private List<ILoggingEvent> redisWarnings() {
        return List.copyOf(captured.list).stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .filter(e -> (e.getFormattedMessage() + " " + e.getLoggerName())
                        .toLowerCase()
                        .matches(".*(redis|lettuce).*"))
                .collect(Collectors.toList());
    }

    private static void count(Map<String, AtomicLong> statuses, Http.Result result) {
        statuses.computeIfAbsent(Integer.toString(result.status()), s -> new AtomicLong())
                .incrementAndGet();
    }

    private static Http.Result awaitReady(Predicate<Http.Result> condition) {
        return SERVER.http().getUntil(Duration.ofSeconds(30), "/health/ready", condition);
    }
}
