package dev.memax.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memax.sdk.errors.ApiException;
import dev.memax.sdk.errors.AuthenticationException;
import dev.memax.sdk.errors.ConnectionException;
import dev.memax.sdk.errors.MemaxException;
import dev.memax.sdk.errors.NotFoundException;
import dev.memax.sdk.errors.PermissionDeniedException;
import dev.memax.sdk.errors.RateLimitException;
import dev.memax.sdk.errors.ServiceUnavailableException;
import dev.memax.sdk.errors.ValidationException;
import dev.memax.sdk.models.ServerEvent;
import dev.memax.sdk.params.EventSubscribeParams;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Event subscriptions against a fake server writing real SSE bytes. */
class EventSubscriptionTest {
    private static final UUID HUB = UUID.fromString(Fixtures.TEAM_HUB_ID);
    private static final UUID USER = UUID.fromString(Fixtures.USER_ID);
    private static final UUID MEMORY = UUID.fromString("0190f1a2-0000-7000-8000-0000000000d1");
    private static final Duration LONG = Duration.ofSeconds(20);

    private final SseServer server = new SseServer();
    private final RecordingListener listener = new RecordingListener();
    private MemaxClient client;
    private EventSubscription subscription;

    @AfterEach
    void stop() {
        if (subscription != null) {
            subscription.close();
        }
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private EventSubscription subscribe(EventSubscribeParams params) {
        return subscribe(server.client(), params, listener);
    }

    private EventSubscription subscribe(MemaxClient.Builder builder, EventSubscribeParams params, EventListener l) {
        client = builder.build();
        subscription = client.events().subscribe(params, l);
        return subscription;
    }

    /** A change payload as DESIGN §5 describes it. */
    private static String change(String action) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"hub.memories.changed\",\"hub_id\":\"" + HUB
                + "\",\"actor_id\":\"" + USER + "\",\"entity_id\":\"" + MEMORY + "\",\"action\":\"" + action + "\"}";
    }

    private static void ready(SseServer.Conn conn) throws Exception {
        conn.event(null, "ready", "{\"connection_id\":\"c-" + UUID.randomUUID() + "\"}");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private List<String> ids(int count) throws InterruptedException {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(listener.next().id());
        }
        return ids;
    }

    @Test
    void deliversEventsInOrderWithTheirFields() throws Exception {
        server.then(conn -> {
            conn.open();
            ready(conn);
            conn.event("1", ServerEvent.MEMORIES_CHANGED, change("created"));
            conn.write("event: ping\ndata: {\"ts\":1767225600}\n\n");
            conn.event("2", ServerEvent.MEMORIES_CHANGED, change("archived"));
            conn.event("3", ServerEvent.TOPICS_CHANGED, "{\"type\":\"hub.topics.changed\",\"hub_id\":\"" + HUB + "\"}");
            conn.holdUntilClientGone(LONG);
        });
        client = server.client().build();
        subscription = client.events()
                .subscribe(
                        EventSubscribeParams.builder()
                                .hubId(HUB)
                                .types(ServerEvent.MEMORIES_CHANGED, ServerEvent.TOPICS_CHANGED)
                                .build(),
                        listener,
                        RequestOptions.builder()
                                .header("X-Timezone", "Europe/Paris")
                                .build());

        ServerEvent first = listener.next();
        assertEquals("1", first.id());
        assertEquals(ServerEvent.MEMORIES_CHANGED, first.type());
        assertEquals(HUB, first.hubId());
        assertEquals(USER, first.actorId());
        assertEquals(MEMORY, first.entityId());
        assertEquals("created", first.action());
        assertFalse(first.isReset());
        ServerEvent second = listener.next();
        assertEquals("archived", second.action());
        ServerEvent third = listener.next();
        assertEquals(ServerEvent.TOPICS_CHANGED, third.type());
        assertNull(third.entityId());
        assertEquals(
                List.of(
                        "ready",
                        "event hub.memories.changed 1",
                        "event hub.memories.changed 2",
                        "event hub.topics.changed 3"),
                listener.calls,
                "ready first, pings not delivered, in order");
        assertTrue(subscription.isConnected());
        assertEquals("3", subscription.lastEventId());
        assertTrue(
                listener.threads.stream().allMatch(t -> t.startsWith("memax-sdk-stream-")), listener.threads::toString);

        SseServer.Conn conn = server.connection(0);
        assertEquals("GET", conn.method);
        assertEquals("/v1/events/stream", conn.path);
        assertEquals(HUB.toString(), conn.queryParam("hub_id"));
        assertEquals("hub.memories.changed,hub.topics.changed", conn.queryParam("types"));
        assertNull(conn.queryParam("after"));
        assertEquals("text/event-stream", conn.header("Accept"));
        assertEquals("Bearer mxk_test", conn.header("Authorization"));
        assertEquals("Europe/Paris", conn.header("X-Timezone"));
        assertNull(conn.header("Last-Event-ID"));
        assertTrue(conn.header("User-Agent").contains("memax-java/"));
    }

    @Test
    void heartbeatsReachOnEventWhenAskedFor() throws Exception {
        server.then(conn -> {
            conn.open();
            ready(conn);
            conn.write("event: ping\ndata: {\"ts\":1767225600}\n\n");
            conn.holdUntilClientGone(LONG);
        });
        subscribe(EventSubscribeParams.builder().includeHeartbeats(true).build());
        ServerEvent ping = listener.next();
        assertEquals(ServerEvent.PING, ping.type());
        assertEquals(1767225600L, ping.data().get("ts").asLong());
        assertNull(server.connection(0).queryParam("types"));
    }

    @Test
    void framesInAnyFormTheSpecAllows() throws Exception {
        server.then(conn -> {
            conn.open();
            conn.write("\uFEFF: a comment first, after a byte order mark\r\n\r\n");
            conn.write("retry: 5000\r\nevent: ready\r\ndata: {}\r\n\r\n");
            // multi-line JSON, CR line endings, an id-only block, a frame without event name, non-JSON data
            conn.write("id: 7\revent: hub.memories.changed\rdata: {\"action\":\rdata: \"updated\"}\r\r");
            conn.write("id: 9\n\n");
            conn.write("id: 10\ndata: plain text\n\n");
            conn.holdUntilClientGone(LONG);
        });
        subscribe(EventSubscribeParams.DEFAULT);
        ServerEvent multiLine = listener.next();
        assertEquals("7", multiLine.id());
        assertEquals("updated", multiLine.action());
        ServerEvent message = listener.next();
        assertEquals("message", message.type());
        assertEquals("10", message.id());
        assertTrue(message.data().isTextual());
        assertEquals("plain text", message.data().asText());
        assertNull(message.hubId());
        assertEquals(1, listener.readies.size());
        assertEquals("10", subscription.lastEventId());
    }

    @Test
    void afterIsSentOnTheFirstConnectionAndNothingAtOrBelowItIsDelivered() throws Exception {
        server.then(conn -> {
            conn.open();
            ready(conn);
            conn.event("41", ServerEvent.MEMORIES_CHANGED, change("created"));
            conn.event("42", ServerEvent.MEMORIES_CHANGED, change("updated"));
            conn.holdUntilClientGone(LONG);
        });
        subscribe(EventSubscribeParams.builder().after(41).build());
        assertEquals("42", listener.next().id());
        SseServer.Conn conn = server.connection(0);
        assertEquals("41", conn.queryParam("after"));
        assertNull(conn.header("Last-Event-ID"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dropped", "ended by the server"})
    void reconnectsWithLastEventIdAndDeliversEveryIdExactlyOnce(String how) throws Exception {
        // The connection ends only once the client has read 1-3: the JDK client discards bytes
        // received but not yet read when a connection breaks (a replay covers them).
        CountDownLatch seen = new CountDownLatch(1);
        server.then(conn -> {
                    conn.open();
                    ready(conn);
                    for (int id = 1; id <= 3; id++) {
                        conn.event(Integer.toString(id), ServerEvent.MEMORIES_CHANGED, change("created"));
                    }
                    seen.await(5, TimeUnit.SECONDS);
                    if (how.equals("dropped")) {
                        conn.drop();
                    }
                })
                .then(conn -> {
                    conn.open();
                    ready(conn);
                    // A replay that overlaps what was delivered before the drop.
                    for (int id = 2; id <= 5; id++) {
                        conn.event(Integer.toString(id), ServerEvent.MEMORIES_CHANGED, change("created"));
                    }
                    conn.holdUntilClientGone(LONG);
                });
        subscribe(EventSubscribeParams.builder().after("0").build());

        List<String> ids = new java.util.ArrayList<>(ids(3));
        seen.countDown();
        ids.addAll(ids(2));
        assertEquals(List.of("1", "2", "3", "4", "5"), ids);
        assertNull(listener.events.poll(200, TimeUnit.MILLISECONDS), "nothing twice");
        SseServer.Conn second = server.connection(1);
        assertEquals("3", second.header("Last-Event-ID"));
        assertNull(second.queryParam("after"), "after= only on the first connection");
        assertEquals(2, listener.readies.size());
        assertEquals(1, listener.reconnects.size());
        assertInstanceOf(ConnectionException.class, listener.reconnects.get(0).cause());
        assertEquals(1, listener.reconnects.get(0).attempt());
        assertEquals("5", subscription.lastEventId());
    }

    @Test
    void anAbruptDropLosesNothingWhenTheServerResumesFromLastEventId() throws Exception {
        // No synchronisation: whatever the client had read when the connection broke, the
        // server replays from the Last-Event-ID it sends (the id itself included, as a sloppy
        // server might), and every event still arrives exactly once.
        server.then(conn -> {
                    conn.open();
                    ready(conn);
                    for (int id = 1; id <= 3; id++) {
                        conn.event(Integer.toString(id), ServerEvent.MEMORIES_CHANGED, "{}");
                    }
                    conn.drop();
                })
                .then(conn -> {
                    conn.open();
                    ready(conn);
                    String last = conn.header("Last-Event-ID");
                    for (int id = last == null ? 1 : Integer.parseInt(last); id <= 6; id++) {
                        conn.event(Integer.toString(id), ServerEvent.MEMORIES_CHANGED, "{}");
                    }
                    conn.holdUntilClientGone(LONG);
                });
        subscribe(EventSubscribeParams.DEFAULT);
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), ids(6));
        assertNull(listener.events.poll(200, TimeUnit.MILLISECONDS), "nothing twice");
    }

    @Test
    void idsAreComparedAsNumbersNotStrings() throws Exception {
        server.then(conn -> {
            conn.open();
            for (String id : List.of("9", "10", "99", "100", "0100", "101")) {
                conn.event(id, ServerEvent.MEMORIES_CHANGED, "{}");
            }
            conn.holdUntilClientGone(LONG);
        });
        subscribe(EventSubscribeParams.DEFAULT);
        assertEquals(List.of("9", "10", "99", "100", "101"), ids(5));
    }

    @Test
    void honoursTheServersRetryHint() throws Exception {
        server.then(conn -> {
                    conn.open();
                    conn.write("retry: 700\n\n");
                    ready(conn);
                    conn.event("1", ServerEvent.MEMORIES_CHANGED, change("created"));
                })
                .then(conn -> {
                    conn.open();
                    ready(conn);
                    conn.holdUntilClientGone(LONG);
                });
        subscribe(EventSubscribeParams.DEFAULT);
        SseServer.Conn second = server.connection(1);
        RecordingListener.Reconnect reconnect = listener.reconnects.get(0);
        assertEquals(Duration.ofMillis(700), reconnect.delay());
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(second.arrivedNanos - reconnect.atNanos());
        assertTrue(waitedMs >= 600 && waitedMs < 5000, "waited " + waitedMs + " ms");
        assertEquals("1", second.header("Last-Event-ID"));
    }

    @Test
    void theBackoffGrowsFromTheRetryHintWhileAttemptsFail() throws Exception {
        server.then(conn -> {
                    conn.open();
                    conn.write("retry: 100\n\n");
                    ready(conn);
                })
                .then(conn -> conn.error(503, "service_unavailable", "down"))
                .then(conn -> conn.error(500, "internal", "bug"))
                .then(conn -> {
                    conn.open();
                    ready(conn);
                    conn.holdUntilClientGone(LONG);
                });
        subscribe(EventSubscribeParams.DEFAULT);
        server.connection(3);
        await(() -> listener.readies.size() == 2, "the second ready");
        List<RecordingListener.Reconnect> r = listener.reconnects;
        assertEquals(
                List.of(1, 2, 3),
                r.stream().map(RecordingListener.Reconnect::attempt).toList());
        assertEquals(Duration.ofMillis(100), r.get(0).delay(), "the hint after a working connection");
        assertInstanceOf(ServiceUnavailableException.class, r.get(1).cause());
        long second = r.get(1).delay().toMillis();
        long third = r.get(2).delay().toMillis();
        assertTrue(second >= 150 && second <= 200, "100 ms doubled, minus jitter: " + second);
        assertTrue(third >= 300 && third <= 400, "doubled again: " + third);
    }

    @Test
    void withoutAHintTheBackoffIsExponentialAndCapped() throws Exception {
        for (int i = 0; i < 4; i++) {
            server.then(conn -> conn.error(503, "service_unavailable", "down"));
        }
        server.then(conn -> {
            conn.open();
            ready(conn);
            conn.holdUntilClientGone(LONG);
        });
        // The client's initial retry delay is 20 ms here.
        subscribe(EventSubscribeParams.builder()
                .maxReconnectDelay(Duration.ofMillis(60))
                .build());
        await(() -> listener.readies.size() == 1, "ready");
        List<Long> delays =
                listener.reconnects.stream().map(r -> r.delay().toMillis()).toList();
        assertEquals(4, delays.size(), delays::toString);
        assertTrue(delays.get(0) >= 15 && delays.get(0) <= 20, delays::toString);
        assertTrue(delays.get(1) >= 30 && delays.get(1) <= 40, delays::toString);
        assertTrue(delays.get(2) >= 45 && delays.get(2) <= 60, "capped: " + delays);
        assertTrue(delays.get(3) >= 45 && delays.get(3) <= 60, "capped: " + delays);
    }

    @Test
    void rateLimitedWaitsRetryAfter() throws Exception {
        server.then(conn -> conn.error(429, "rate_limited", "slow down", "Retry-After", "1"))
                .then(conn -> {
                    conn.open();
                    ready(conn);
                    conn.holdUntilClientGone(LONG);
                });
        subscribe(EventSubscribeParams.DEFAULT);
        SseServer.Conn second = server.connection(1);
        RecordingListener.Reconnect reconnect = listener.reconnects.get(0);
        assertInstanceOf(RateLimitException.class, reconnect.cause());
        assertEquals(Duration.ofSeconds(1), reconnect.delay());
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(second.arrivedNanos - server.connection(0).arrivedNanos);
        assertTrue(waitedMs >= 900, "waited " + waitedMs + " ms");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"401, unauthorized", "403, forbidden", "404, not_found", "422, validation_failed", "400, bad_request"})
    void stopsForGoodOnAnswersRetryingCannotFix(int status, String code) throws Exception {
        server.otherwise(conn -> conn.error(status, code, "no", "X-Request-ID", "req-42"));
        subscribe(EventSubscribeParams.DEFAULT);
        assertTrue(listener.awaitClosed(Duration.ofSeconds(5)));
        assertEquals(2, listener.calls.size(), listener.calls::toString);
        assertEquals("closed", listener.calls.get(1));
        ApiException error = assertInstanceOf(ApiException.class, listener.errors.get(0));
        assertEquals(status, error.status());
        assertEquals(code, error.code());
        assertEquals("req-42", error.requestId());
        Class<?> expected = switch (status) {
            case 401 -> AuthenticationException.class;
            case 403 -> PermissionDeniedException.class;
            case 404 -> NotFoundException.class;
            default -> ValidationException.class;
        };
        assertInstanceOf(expected, error);
        Thread.sleep(300);
        assertEquals(1, server.connections().size(), "never retried");
        assertTrue(subscription.isClosed());
        assertTrue(listener.reconnects.isEmpty());
    }

    @Test
    void closeStopsWithinASecondAndClosesTheConnection() throws Exception {
        server.then(conn -> {
            conn.open();
            ready(conn);
            conn.event("1", ServerEvent.MEMORIES_CHANGED, change("created"));
            conn.holdUntilClientGone(LONG);
        });
        subscribe(EventSubscribeParams.DEFAULT);
        listener.next();
        long start = System.nanoTime();
        subscription.close();
        assertTrue(subscription.awaitTermination(Duration.ofSeconds(1)), "stopped within a second");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1000);
        assertTrue(subscription.isClosed());
        assertFalse(subscription.isConnected());
        assertEquals("closed", listener.calls.get(listener.calls.size() - 1));
        assertTrue(listener.errors.isEmpty(), "closing is not an error");
        assertTrue(server.connection(0).awaitClientGone(Duration.ofSeconds(5)), "the server saw the client leave");
        Thread.sleep(200);
        assertEquals(1, server.connections().size(), "no reconnection after close");
    }

    @Test
    void closeEndsAWaitBeforeReconnecting() throws Exception {
        server.then(conn -> conn.error(503, "service_unavailable", "down", "Retry-After", "30"));
        subscribe(EventSubscribeParams.DEFAULT);
        await(() -> listener.reconnects.size() == 1, "the reconnect callback");
        assertEquals(Duration.ofSeconds(30), listener.reconnects.get(0).delay());
        subscription.close();
        assertTrue(subscription.awaitTermination(Duration.ofSeconds(1)));
    }

    @Test
    void closeAbortsARequestStillWaitingForItsResponse() throws Exception {
        server.then(conn -> conn.holdSilently(Duration.ofSeconds(10)));
        subscribe(EventSubscribeParams.DEFAULT);
        server.connection(0);
        Thread.sleep(50);
        subscription.close();
        assertTrue(subscription.awaitTermination(Duration.ofSeconds(1)));
        assertTrue(listener.errors.isEmpty());
    }

    @Test
    void closeFromInsideTheListenerStopsDelivery() throws Exception {
        server.then(conn -> {
            conn.open();
            for (int id = 1; id <= 3; id++) {
                conn.event(Integer.toString(id), ServerEvent.MEMORIES_CHANGED, "{}");
            }
            conn.holdUntilClientGone(LONG);
        });
        RecordingListener closing = new RecordingListener() {
            @Override
            public void onEvent(ServerEvent event) {
                super.onEvent(event);
                subscription.close();
            }
        };
        client = server.client().build();
        subscription = client.events().subscribe(EventSubscribeParams.DEFAULT, closing);
        assertTrue(closing.awaitClosed(Duration.ofSeconds(5)));
        assertEquals(List.of("event hub.memories.changed 1", "closed"), closing.calls);
    }

    @Test
    void aResetIsDeliveredAndStartsTheDeduplicationOver() throws Exception {
        CountDownLatch seen = new CountDownLatch(1);
        server.then(conn -> {
                    conn.open();
                    ready(conn);
                    conn.event("10", ServerEvent.MEMORIES_CHANGED, change("created"));
                    conn.event("3", ServerEvent.RESET, "{\"reason\":\"position expired\"}");
                    conn.event("4", ServerEvent.MEMORIES_CHANGED, change("created"));
                    conn.event("5", ServerEvent.MEMORIES_CHANGED, change("created"));
                    seen.await(5, TimeUnit.SECONDS);
                    conn.drop();
                })
                .then(conn -> {
                    conn.open();
                    ready(conn);
                    conn.holdUntilClientGone(LONG);
                });
        subscribe(EventSubscribeParams.DEFAULT);
        assertEquals("10", listener.next().id());
        ServerEvent reset = listener.next();
        assertTrue(reset.isReset());
        assertEquals("3", reset.id());
        assertEquals(List.of("4", "5"), ids(2), "below the old position, but after the reset");
        seen.countDown();
        assertEquals("5", server.connection(1).header("Last-Event-ID"));
    }

    @Test
    void anIdleConnectionIsAbandonedAndReopened() throws Exception {
        server.then(conn -> {
                    conn.open();
                    ready(conn);
                    conn.holdSilently(Duration.ofSeconds(10));
                })
                .then(conn -> {
                    conn.open();
                    ready(conn);
                    conn.holdUntilClientGone(LONG);
                });
        subscribe(EventSubscribeParams.builder()
                .idleTimeout(Duration.ofMillis(300))
                .build());
        SseServer.Conn second = server.connection(1);
        long afterMs = TimeUnit.NANOSECONDS.toMillis(second.arrivedNanos - server.connection(0).arrivedNanos);
        assertTrue(afterMs >= 250, "after " + afterMs + " ms");
        ConnectionException cause = assertInstanceOf(
                ConnectionException.class, listener.reconnects.get(0).cause());
        assertTrue(cause.getMessage().contains("nothing arrived"), cause.getMessage());
        // The second connection writes comments every 20 ms: they keep it alive.
        Thread.sleep(600);
        assertEquals(2, server.connections().size());
    }

    @Test
    void aResponseThatIsNotAnEventStreamStopsTheSubscription() throws Exception {
        server.otherwise(conn -> conn.reply(200, "text/html", "<html>a captive portal</html>"));
        subscribe(EventSubscribeParams.DEFAULT);
        assertTrue(listener.awaitClosed(Duration.ofSeconds(5)));
        assertTrue(
                listener.errors.get(0).getMessage().contains("text/html"),
                listener.errors.get(0).getMessage());
        assertEquals(1, server.connections().size());
    }

    @Test
    void noContentMeansStopWithoutAnError() throws Exception {
        server.otherwise(conn -> conn.reply(204, "text/event-stream", ""));
        subscribe(EventSubscribeParams.DEFAULT);
        assertTrue(listener.awaitClosed(Duration.ofSeconds(5)));
        assertEquals(List.of("closed"), listener.calls);
        assertEquals(1, server.connections().size());
    }

    @Test
    void aListenerThatThrowsEndsTheSubscriptionWithThatCause() throws Exception {
        server.then(conn -> {
            conn.open();
            conn.event("1", ServerEvent.MEMORIES_CHANGED, "{}");
            conn.event("2", ServerEvent.MEMORIES_CHANGED, "{}");
            conn.holdUntilClientGone(LONG);
        });
        IllegalStateException bug = new IllegalStateException("app bug");
        RecordingListener throwing = new RecordingListener() {
            @Override
            public void onEvent(ServerEvent event) {
                super.onEvent(event);
                throw bug;
            }
        };
        subscribe(server.client(), EventSubscribeParams.DEFAULT, throwing);
        assertTrue(throwing.awaitClosed(Duration.ofSeconds(5)));
        assertEquals(List.of("event hub.memories.changed 1", "error MemaxException", "closed"), throwing.calls);
        assertSame(bug, throwing.errors.get(0).getCause());
        assertTrue(server.connection(0).awaitClientGone(Duration.ofSeconds(5)));
    }

    @Test
    void closingTheClientClosesItsSubscriptions() throws Exception {
        server.then(conn -> {
            conn.open();
            ready(conn);
            conn.holdUntilClientGone(LONG);
        });
        subscribe(EventSubscribeParams.DEFAULT);
        await(() -> listener.readies.size() == 1, "ready");
        client.close();
        assertTrue(subscription.awaitTermination(Duration.ofSeconds(1)));
        assertTrue(listener.errors.isEmpty());
    }

    @Test
    void aSuppliedExecutorRunsTheSubscription() throws Exception {
        AtomicInteger count = new AtomicInteger();
        ExecutorService executor =
                Executors.newCachedThreadPool(r -> new Thread(r, "app-events-" + count.incrementAndGet()));
        try {
            server.then(conn -> {
                conn.open();
                ready(conn);
                conn.event("1", ServerEvent.MEMORIES_CHANGED, "{}");
                conn.holdUntilClientGone(LONG);
            });
            subscribe(server.client().streamExecutor(executor), EventSubscribeParams.DEFAULT, listener);
            listener.next();
            subscription.close();
            assertTrue(subscription.awaitTermination(Duration.ofSeconds(1)));
            assertEquals(3, listener.threads.size());
            assertTrue(
                    listener.threads.stream().allMatch(t -> t.startsWith("app-events-")), listener.threads::toString);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aClosedClientRefusesNewSubscriptions() {
        client = server.client().build();
        client.close();
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class, () -> client.events().subscribe(event -> {}));
    }

    @Test
    void connectionErrorsAreRetried() throws Exception {
        // A port nobody listens on: connection refused, again and again, until closed.
        int port;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        client = MemaxClient.builder()
                .baseUrl("http://127.0.0.1:" + port)
                .apiKey("mxk_test")
                .initialRetryDelay(Duration.ofMillis(10))
                .build();
        subscription = client.events()
                .subscribe(
                        EventSubscribeParams.builder()
                                .maxReconnectDelay(Duration.ofMillis(20))
                                .build(),
                        listener);
        await(() -> listener.reconnects.size() >= 3, "three reconnection attempts");
        assertInstanceOf(ConnectionException.class, listener.reconnects.get(0).cause());
        assertEquals(3, listener.reconnects.get(2).attempt());
        assertTrue(listener.errors.isEmpty());
        subscription.close();
        assertTrue(subscription.awaitTermination(Duration.ofSeconds(1)));
        MemaxException none = listener.errors.isEmpty() ? null : listener.errors.get(0);
        assertNull(none);
    }
}
