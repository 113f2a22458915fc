package dev.memax.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestServer;
import dev.memax.server.testing.TestUser;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.web.router.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-minute limits against the real Redis, through real HTTP. */
class RateLimitTest {
    private static final int LIGHT = 5;
    private static final int REGULAR = 20;
    private static final int ANONYMOUS_LIGHT = 30;

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.rate-limits.enabled", true)
            .property("memax.rate-limits.anonymous-light", ANONYMOUS_LIGHT)
            // Redis is shared by every test class: this class's buckets are its own.
            .property("memax.rate-limits.key-prefix", "memax-test:" + UUID.randomUUID() + ":");

    @BeforeAll
    static void smallCaps() {
        SERVER.database()
                .execute("UPDATE plans SET light_per_minute = " + LIGHT + ", regular_per_minute = " + REGULAR
                        + " WHERE id = 'free'");
    }

    /**
     * No row of {@link RouteLimits} waits for a route that does not exist: each matches at least
     * one route of the running server (a path variable read as one segment, query parts dropped).
     */
    @Test
    void everyRouteLimitsRowMatchesARouteTheServerHas() {
        List<String> routes = SERVER.server()
                .bean(Router.class)
                .uriRoutes()
                .map(route -> route.getHttpMethodName() + " "
                        + route.getUriMatchTemplate()
                                .toString()
                                .replaceAll("\\{[?&#][^}]*}", "")
                                .replaceAll("\\{[^}]+}", "x"))
                .toList();
        assertThat(routes).contains("POST /v1/memories/x/share", "GET /health/ready");
        for (RouteLimits.Row row : RouteLimits.ROWS) {
            assertThat(routes)
                    .as("a route for the row %s %s", row.method(), row.path())
                    .anySatisfy(route -> {
                        String[] methodAndPath = route.split(" ", 2);
                        assertThat(row.matches(methodAndPath[0], methodAndPath[1]))
                                .isTrue();
                    });
        }
    }

    @Test
    void headersCountDownExactlyAndAnEmptyBucketIs429WithTheEnvelope() {
        TestUser user = SERVER.server().createUser("counts@example.com");
        for (int i = 1; i <= LIGHT; i++) {
            long now = System.currentTimeMillis() / 1000;
            Http.Result ok = SERVER.http().get("/v1/auth/me", "Authorization", user.bearer());
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("X-RateLimit-Limit")).hasValue(Integer.toString(LIGHT));
            assertThat(ok.header("X-RateLimit-Remaining")).hasValue(Integer.toString(LIGHT - i));
            // Continuous refill: full again after 60/LIGHT seconds per token taken. `now` is rounded
            // down before the request and the server rounds its reset up after it: up to 2 s more
            // when the request crosses a second boundary (it failed at +2 on a loaded machine).
            long reset = Long.parseLong(ok.header("X-RateLimit-Reset").orElseThrow());
            assertThat(reset - now).isBetween((long) (i * 60 / LIGHT) - 1, (long) (i * 60 / LIGHT) + 2);
        }
        Http.Result limited = SERVER.http().get("/v1/auth/me", "Authorization", user.bearer());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.errorCode()).isEqualTo("rate_limited");
        JsonNode details = limited.json().at("/error/details");
        assertThat(details.path("bucket").asText()).isEqualTo("light");
        assertThat(details.path("limit").asInt()).isEqualTo(LIGHT);
        long retryAfter = Long.parseLong(limited.header("Retry-After").orElseThrow());
        assertThat(details.path("retry_after_seconds").asLong()).isEqualTo(retryAfter);
        assertThat(retryAfter).isBetween(1L, 60L / LIGHT);
        assertThat(limited.header("X-RateLimit-Limit")).hasValue(Integer.toString(LIGHT));
        assertThat(limited.header("X-RateLimit-Remaining")).hasValue("0");
        assertThat(limited.header("X-RateLimit-Reset")).isPresent();

        // Another bucket class of the same user is untouched.
        Http.Result regular = SERVER.http().get("/v1/hubs", "Authorization", user.bearer());
        assertThat(regular.status()).isEqualTo(200);
        assertThat(regular.header("X-RateLimit-Limit")).hasValue(Integer.toString(REGULAR));
        assertThat(regular.header("X-RateLimit-Remaining")).hasValue(Integer.toString(REGULAR - 1));

        // Errors after the limiter still count and still carry the headers.
        Http.Result notFound = SERVER.http().get("/v1/hubs/" + UUID.randomUUID(), "Authorization", user.bearer());
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.header("X-RateLimit-Remaining")).hasValue(Integer.toString(REGULAR - 2));

        // (Read from the registry: /metrics shares the per-address light bucket another test empties.)
        assertThat(SERVER.server()
                        .bean(MeterRegistry.class)
                        .get("memax.ratelimit.rejections")
                        .tag("bucket", "light")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void retryAfterIsWithinASecondOfTheRealRefill() throws InterruptedException {
        // Unauthenticated: the client address's bucket, ANONYMOUS_LIGHT a minute = one token every 2 s.
        Http.Result last;
        int ok = 0;
        do {
            last = SERVER.http().get("/health/live");
            if (last.status() == 200) {
                ok++;
            }
        } while (last.status() == 200 && ok <= ANONYMOUS_LIGHT);
        assertThat(ok).isEqualTo(ANONYMOUS_LIGHT);
        assertThat(last.status()).isEqualTo(429);
        long refusedAt = System.nanoTime();
        double retryAfter = Double.parseDouble(last.header("Retry-After").orElseThrow());
        long resetIn =
                Long.parseLong(last.header("X-RateLimit-Reset").orElseThrow()) - System.currentTimeMillis() / 1000;
        assertThat(resetIn).isBetween(58L, 61L);

        Http.Result next;
        do {
            Thread.sleep(50);
            next = SERVER.http().get("/health/live");
        } while (next.status() == 429 && System.nanoTime() - refusedAt < 10_000_000_000L);
        double refilledAfter = (System.nanoTime() - refusedAt) / 1e9;
        assertThat(next.status()).isEqualTo(200);
        assertThat(refilledAfter).isBetween(retryAfter - 1, retryAfter + 1);
        assertThat(next.header("X-RateLimit-Remaining")).hasValue("0");
    }

    @Test
    void twoInstancesSharingRedisNeverAllowMoreThanTheCapTogether() throws Exception {
        TestUser user = SERVER.server().createUser("shared@example.com");
        try (TestServer second = TestServer.start(SERVER.serverProperties())) {
            List<Http> instances = List.of(SERVER.http(), new Http(second.uri()));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                long started = System.nanoTime();
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 3 * REGULAR; i++) {
                    Http http = instances.get(i % 2);
                    results.add(pool.submit(() ->
                            http.get("/v1/hubs", "Authorization", user.bearer()).status()));
                }
                int ok = 0;
                int limited = 0;
                for (Future<Integer> result : results) {
                    int status = result.get();
                    if (status == 200) {
                        ok++;
                    } else if (status == 429) {
                        limited++;
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                // One token comes back every 60/REGULAR seconds while the requests run.
                int refilled = (int) (seconds * REGULAR / 60);
                assertThat(ok).isBetween(REGULAR, REGULAR + refilled);
                assertThat(ok + limited).isEqualTo(3 * REGULAR);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
