package dev.memax.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memax.sdk.errors.ConflictException;
import dev.memax.sdk.errors.ConnectionException;
import dev.memax.sdk.errors.InternalServerException;
import dev.memax.sdk.errors.NotFoundException;
import dev.memax.sdk.errors.RateLimitException;
import dev.memax.sdk.errors.ServiceUnavailableException;
import dev.memax.sdk.errors.ValidationException;
import dev.memax.sdk.models.HubEntry;
import dev.memax.sdk.params.HubCreateParams;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryTest {
    private final MockServer server = new MockServer();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private MemaxClient.Builder client() {
        return server.client().sleeper(sleeps::add);
    }

    private static HubCreateParams hub() {
        return HubCreateParams.builder().name("Research").build();
    }

    @Test
    void rateLimitedPostIsRetriedAfterRetryAfterWithTheSameIdempotencyKey() {
        server.error(429, "rate_limited", "Rate limit exceeded", "Retry-After", "3")
                .error(429, "rate_limited", "Rate limit exceeded", "Retry-After", "1")
                .reply(201, "{\"data\":" + Fixtures.TEAM_HUB_ENTRY + "}");
        try (MemaxClient client = client().build()) {
            HubEntry entry = client.hubs().create(hub());
            assertEquals("research", entry.hub().slug());
        }
        assertEquals(3, server.requests().size());
        assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(1)), sleeps);
        String key = server.requests().get(0).header("Idempotency-Key");
        assertNotNull(key);
        UUID.fromString(key);
        server.requests().forEach(r -> assertEquals(key, r.header("Idempotency-Key")));
        // The body is the same on every attempt, as the server's idempotency check requires.
        server.requests().forEach(r -> assertEquals(server.requests().get(0).body(), r.body()));
    }

    @Test
    void rateLimitedThrowsAfterMaxRetriesWithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            server.error(429, "rate_limited", "Rate limit exceeded", "Retry-After", "2");
        }
        try (MemaxClient client = client().build()) {
            RateLimitException e =
                    assertThrows(RateLimitException.class, () -> client.hubs().create(hub()));
            assertEquals(Duration.ofSeconds(2), e.retryAfter());
        }
        assertEquals(3, server.requests().size());
        assertEquals(
                1,
                server.requests().stream()
                        .map(r -> r.header("Idempotency-Key"))
                        .distinct()
                        .count());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)), sleeps);
    }

    @Test
    void eachLogicalCallGetsItsOwnIdempotencyKey() {
        server.reply(201, "{\"data\":" + Fixtures.TEAM_HUB_ENTRY + "}")
                .reply(201, "{\"data\":" + Fixtures.TEAM_HUB_ENTRY + "}");
        try (MemaxClient client = client().build()) {
            client.hubs().create(hub());
            client.hubs().create(hub());
        }
        assertTrue(!server.requests()
                .get(0)
                .header("Idempotency-Key")
                .equals(server.requests().get(1).header("Idempotency-Key")));
    }

    @Test
    void aRetryAfterLongerThanTheCapIsThrownAtOnce() {
        server.error(429, "rate_limited", "Rate limit exceeded", "Retry-After", "120");
        try (MemaxClient client = client().maxRetryAfter(Duration.ofSeconds(30)).build()) {
            RateLimitException e =
                    assertThrows(RateLimitException.class, () -> client.hubs().list());
            assertEquals(Duration.ofSeconds(120), e.retryAfter());
        }
        assertEquals(1, server.requests().size());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void serviceUnavailableHonoursRetryAfter() {
        server.error(503, "service_unavailable", "A dependency is unavailable", "Retry-After", "5")
                .data("[" + Fixtures.PERSONAL_HUB_ENTRY + "]");
        try (MemaxClient client = client().build()) {
            assertEquals(1, client.hubs().list().items().size());
        }
        assertEquals(2, server.requests().size());
        assertEquals(List.of(Duration.ofSeconds(5)), sleeps);
    }

    @Test
    void serviceUnavailableThrowsAfterRetries() {
        for (int i = 0; i < 3; i++) {
            server.error(503, "service_unavailable", "down", "Retry-After", "1");
        }
        try (MemaxClient client = client().build()) {
            ServiceUnavailableException e = assertThrows(
                    ServiceUnavailableException.class, () -> client.auth().me());
            assertEquals(Duration.ofSeconds(1), e.retryAfter());
        }
        assertEquals(3, server.requests().size());
    }

    @Test
    void serverErrorsBackOffExponentiallyWithJitterUpToTheCap() {
        for (int i = 0; i < 5; i++) {
            server.error(500, "internal", "An unexpected error occurred");
        }
        server.data(Fixtures.USER);
        try (MemaxClient client = client().maxRetries(5)
                .initialRetryDelay(Duration.ofMillis(100))
                .maxRetryDelay(Duration.ofMillis(500))
                .build()) {
            assertEquals("ada@example.com", client.auth().me().email());
        }
        assertEquals(6, server.requests().size());
        long[] nominal = {100, 200, 400, 500, 500};
        assertEquals(5, sleeps.size());
        for (int i = 0; i < nominal.length; i++) {
            long ms = sleeps.get(i).toMillis();
            assertTrue(ms <= nominal[i] && ms >= nominal[i] * 3 / 4, "sleep " + i + " was " + ms + " ms");
        }
    }

    @Test
    void serverErrorIsThrownAfterMaxRetries() {
        for (int i = 0; i < 3; i++) {
            server.error(500, "internal", "An unexpected error occurred", "X-Request-ID", "req-" + i);
        }
        try (MemaxClient client = client().build()) {
            InternalServerException e = assertThrows(
                    InternalServerException.class, () -> client.auth().me());
            assertEquals("req-2", e.requestId());
        }
        assertEquals(3, server.requests().size());
        assertEquals(2, sleeps.size());
    }

    @Test
    void otherServerErrorsAndGatewayPagesAreRetried() {
        server.reply(502, "<html>Bad gateway</html>", "Content-Type", "text/html")
                .reply(504, "")
                .data(Fixtures.USER);
        try (MemaxClient client = client().build()) {
            client.auth().me();
        }
        assertEquals(3, server.requests().size());
    }

    @Test
    void postWithoutIdempotencyKeyIsNeverRetried() {
        server.error(500, "internal", "boom").error(500, "internal", "boom");
        try (MemaxClient client = client().idempotencyKeys(false).build()) {
            assertThrows(InternalServerException.class, () -> client.hubs().create(hub()));
        }
        assertEquals(1, server.requests().size());
        assertNull(server.only().header("Idempotency-Key"));
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void postWithoutIdempotencyKeyIsNotRetriedOnRateLimitEither() {
        server.error(429, "rate_limited", "slow down", "Retry-After", "1");
        try (MemaxClient client = client().idempotencyKeys(false).build()) {
            assertThrows(RateLimitException.class, () -> client.hubs().create(hub()));
        }
        assertEquals(1, server.requests().size());
    }

    @Test
    void anExplicitIdempotencyKeyMakesAPostRetryableEvenWithGenerationOff() {
        server.error(500, "internal", "boom").reply(201, "{\"data\":" + Fixtures.TEAM_HUB_ENTRY + "}");
        try (MemaxClient client = client().idempotencyKeys(false).build()) {
            client.hubs().create(hub(), RequestOptions.ofIdempotencyKey("create-research"));
        }
        assertEquals(2, server.requests().size());
        server.requests().forEach(r -> assertEquals("create-research", r.header("Idempotency-Key")));
    }

    @Test
    void getIsRetriedWithoutAKeyAndNeverCarriesOne() {
        server.error(500, "internal", "boom").data(Fixtures.USER);
        try (MemaxClient client = client().idempotencyKeys(false).build()) {
            client.auth().me();
        }
        assertEquals(2, server.requests().size());
        server.requests().forEach(r -> assertNull(r.header("Idempotency-Key")));
    }

    @Test
    void clientErrorsAreNotRetried() {
        server.error(404, "not_found", "hub not found");
        try (MemaxClient client = client().build()) {
            assertThrows(NotFoundException.class, () -> client.hubs().get(UUID.randomUUID()));
        }
        assertEquals(1, server.requests().size());
        server.error(422, "validation_failed", "Request validation failed");
        try (MemaxClient client = client().build()) {
            assertThrows(ValidationException.class, () -> client.hubs().create(hub()));
        }
        assertEquals(2, server.requests().size());
    }

    @Test
    void notReadyIsRetriedOnReadsButNotOnPosts() {
        server.error(409, "not_ready", "still processing", "Retry-After", "2").data(Fixtures.USER);
        try (MemaxClient client = client().build()) {
            client.auth().me();
        }
        assertEquals(2, server.requests().size());
        assertEquals(List.of(Duration.ofSeconds(2)), sleeps);

        server.error(409, "not_ready", "still processing");
        try (MemaxClient client = client().build()) {
            ConflictException e =
                    assertThrows(ConflictException.class, () -> client.hubs().create(hub()));
            assertTrue(e.isNotReady());
        }
        assertEquals(3, server.requests().size());
    }

    @Test
    void maxRetriesPerCallOverridesTheClient() {
        server.error(500, "internal", "boom").error(500, "internal", "boom");
        try (MemaxClient client = client().build()) {
            assertThrows(
                    InternalServerException.class,
                    () -> client.auth()
                            .me(RequestOptions.builder().maxRetries(0).build()));
        }
        assertEquals(1, server.requests().size());
    }

    @Test
    void theTokenSupplierIsAskedAgainOnEveryAttempt() {
        server.error(503, "service_unavailable", "down", "Retry-After", "0").data(Fixtures.USER);
        AtomicInteger asked = new AtomicInteger();
        try (MemaxClient client =
                client().tokenSupplier(() -> "token-" + asked.incrementAndGet()).build()) {
            client.auth().me();
        }
        assertEquals("Bearer token-1", server.requests().get(0).header("Authorization"));
        assertEquals("Bearer token-2", server.requests().get(1).header("Authorization"));
    }

    @Test
    void connectionRefusedIsAConnectionExceptionAfterRetries() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (MemaxClient client = MemaxClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .apiKey("mxk_x")
                .sleeper(sleeps::add)
                .build()) {
            ConnectionException e =
                    assertThrows(ConnectionException.class, () -> client.auth().me());
            assertEquals(3, e.attempts());
            assertInstanceOf(java.io.IOException.class, e.getCause());
        }
        assertEquals(2, sleeps.size());
    }

    @Test
    void timeoutsAreRetriedThenAConnectionException() {
        for (int i = 0; i < 3; i++) {
            server.slow(Duration.ofMillis(1500), Fixtures.USER);
        }
        try (MemaxClient client =
                client().requestTimeout(Duration.ofMillis(200)).build()) {
            ConnectionException e =
                    assertThrows(ConnectionException.class, () -> client.auth().me());
            assertEquals(3, e.attempts());
            assertInstanceOf(java.net.http.HttpTimeoutException.class, e.getCause());
        }
        assertEquals(3, server.requests().size());
    }

    @Test
    void aTimedOutPostWithoutKeyIsNotResent() {
        server.slow(Duration.ofMillis(1500), Fixtures.TEAM_HUB_ENTRY);
        try (MemaxClient client = client().idempotencyKeys(false)
                .requestTimeout(Duration.ofMillis(200))
                .build()) {
            ConnectionException e =
                    assertThrows(ConnectionException.class, () -> client.hubs().create(hub()));
            assertEquals(1, e.attempts());
        }
        assertEquals(1, server.requests().size());
    }

    @Test
    void aNetworkErrorThenSuccessRecovers() {
        server.slow(Duration.ofMillis(1500), Fixtures.USER).data(Fixtures.USER);
        try (MemaxClient client =
                client().requestTimeout(Duration.ofMillis(300)).build()) {
            assertEquals("Ada", client.auth().me().name());
        }
        assertEquals(2, server.requests().size());
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        String inTenSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(10));
        server.error(503, "service_unavailable", "down", "Retry-After", inTenSeconds)
                .data(Fixtures.USER);
        try (MemaxClient client = client().build()) {
            client.auth().me();
        }
        assertEquals(1, sleeps.size());
        assertTrue(sleeps.get(0).toSeconds() >= 8 && sleeps.get(0).toSeconds() <= 10, sleeps.toString());
    }
}
