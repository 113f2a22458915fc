package dev.memax.server.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import io.micronaut.core.io.buffer.ReadBuffer;
import io.micronaut.http.body.stream.BaseStreamingByteBody;
import io.micronaut.http.body.stream.BufferConsumer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /v1/events/stream}: what a stream receives, when, and in which order. */
class EventStreamTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.events.access-ttl", "200ms")
            .property("memax.events.heartbeat", "300ms");

    private final HubApi hubs = new HubApi(SERVER);

    private SseClient stream(TestUser user, String query, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = user.bearer();
        System.arraycopy(headers, 0, all, 2, headers.length);
        SseClient client = SseClient.open(SERVER.server().uri(), "/v1/events/stream" + query, all);
        assertThat(client.response().statusCode()).isEqualTo(200);
        return client;
    }

    /** Commits one hub event straight into the outbox, as a service's transaction would. */
    private void hubEvent(String type, UUID hubId, UUID entityId) {
        SERVER.database()
                .execute("INSERT INTO events (type, hub_id, entity_id, payload) VALUES ('" + type + "', '" + hubId
                        + "', '" + entityId + "', '{\"action\": \"created\"}')");
    }

    private void userEvent(String type, UUID userId) {
        SERVER.database().execute("INSERT INTO events (type, user_id) VALUES ('" + type + "', '" + userId + "')");
    }

    @Test
    void readyComesFirstWithTheUserAndItsHubs() {
        TestUser ada = hubs.user("ada");
        try (SseClient events = stream(ada, "")) {
            assertThat(events.response().headers().firstValue("Content-Type").orElse(""))
                    .startsWith("text/event-stream");
            SseClient.Frame ready = events.next();
            assertThat(ready.event()).isEqualTo("ready");
            assertThat(ready.lines().get(0)).isEqualTo("event: ready");
            assertThat(ready.lines().get(1)).startsWith("data: {");
            assertThat(ready.data().path("user_id").asText()).isEqualTo(ada.id().toString());
            assertThat(ready.data().path("hub_ids").toString())
                    .contains(ada.personalHubId().toString());
        }
    }

    @Test
    void aHubEventReachesTheStreamWithItsData() {
        TestUser ada = hubs.user("ada");
        UUID memory = UUID.randomUUID();
        try (SseClient events = stream(ada, "")) {
            events.next();
            hubEvent("hub.memories.changed", ada.personalHubId(), memory);
            SseClient.Frame event = events.next();
            assertThat(event.event()).isEqualTo("hub.memories.changed");
            assertThat(event.lines())
                    .containsExactly("event: hub.memories.changed", "data: " + event.data(), "id: " + event.id());
            assertThat(event.data().path("id").asLong()).isEqualTo(event.seq());
            assertThat(event.data().path("type").asText()).isEqualTo("hub.memories.changed");
            assertThat(event.data().path("hub_id").asText())
                    .isEqualTo(ada.personalHubId().toString());
            assertThat(event.data().path("entity_id").asText()).isEqualTo(memory.toString());
            assertThat(event.data().path("action").asText()).isEqualTo("created");
            assertThat(event.data().has("actor_id")).isTrue();
            assertThat(event.data().path("created_at").asText()).isNotEmpty();
        }
    }

    @Test
    void heartbeatsKeepTheStreamAlive() {
        TestUser ada = hubs.user("ada");
        try (SseClient events = stream(ada, "")) {
            events.next();
            SseClient.Frame ping = events.nextNamed("ping", Duration.ofSeconds(5));
            assertThat(ping.id()).isNull();
            assertThat(java.time.Instant.parse(ping.data().path("ts").asText())).isNotNull();
        }
    }

    @Test
    void userEventsReachOnlyTheirUser() {
        TestUser ada = hubs.user("ada");
        TestUser bob = hubs.user("bob");
        try (SseClient events = stream(ada, "")) {
            events.next();
            userEvent("key.changed", bob.id());
            userEvent("key.changed", ada.id());
            SseClient.Frame event = events.next();
            assertThat(event.event()).isEqualTo("key.changed");
            events.expectNothing(Duration.ofMillis(300));
        }
    }

    @Test
    void typeAndHubFiltersNarrowTheStream() {
        TestUser ada = hubs.user("ada");
        UUID team = hubs.createHub(ada, "Team " + UUID.randomUUID());
        UUID wanted = UUID.randomUUID();
        try (SseClient typed = stream(ada, "?types=hub.topics.changed,key.changed");
                SseClient hubOnly = stream(ada, "?hub_id=" + team)) {
            assertThat(typed.next().event()).isEqualTo("ready");
            SseClient.Frame ready = hubOnly.next();
            assertThat(ready.data().path("hub_ids").toString()).isEqualTo("[\"" + team + "\"]");
            hubEvent("hub.memories.changed", ada.personalHubId(), UUID.randomUUID());
            hubEvent("hub.topics.changed", team, wanted);
            SseClient.Frame topic = typed.next();
            assertThat(topic.event()).isEqualTo("hub.topics.changed");
            SseClient.Frame inTeam = hubOnly.next();
            assertThat(inTeam.data().path("hub_id").asText()).isEqualTo(team.toString());
            assertThat(inTeam.data().path("entity_id").asText()).isEqualTo(wanted.toString());
        }
    }

    @Test
    void badFiltersAreRefused() {
        TestUser ada = hubs.user("ada");
        TestUser bob = hubs.user("bob");
        Http.Result unknownType = hubs.get(ada, "/v1/events/stream?types=hub.nothing");
        assertThat(unknownType.status()).isEqualTo(422);
        assertThat(unknownType.errorCode()).isEqualTo("validation_failed");
        Http.Result foreignHub = hubs.get(ada, "/v1/events/stream?hub_id=" + bob.personalHubId());
        assertThat(foreignHub.status()).isEqualTo(404);
        Http.Result anonymous = hubs.http().get("/v1/events/stream");
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void aNonMemberNeverSeesAHubsEvents() {
        TestUser ada = hubs.user("ada");
        TestUser eve = hubs.user("eve");
        try (SseClient events = stream(eve, "")) {
            events.next();
            hubEvent("hub.memories.changed", ada.personalHubId(), UUID.randomUUID());
            UUID own = UUID.randomUUID();
            hubEvent("hub.memories.changed", eve.personalHubId(), own);
            SseClient.Frame first = events.next();
            assertThat(first.data().path("entity_id").asText()).isEqualTo(own.toString());
        }
    }

    @Test
    void losingMembershipStopsAHubsEventsAndGainingItStartsThemWithoutReconnecting() throws Exception {
        TestUser ada = hubs.user("ada");
        TestUser bob = hubs.user("bob");
        UUID team = hubs.createHub(ada, "Team " + UUID.randomUUID());
        try (SseClient events = stream(bob, "?types=hub.memories.changed")) {
            events.next();
            hubEvent("hub.memories.changed", team, UUID.randomUUID());
            UUID marker = UUID.randomUUID();
            hubEvent("hub.memories.changed", bob.personalHubId(), marker);
            // Delivered (and skipped) before bob joins: the marker comes first.
            assertThat(events.next().data().path("entity_id").asText()).isEqualTo(marker.toString());
            hubs.addMember(ada, team, bob, "viewer");
            Thread.sleep(400);
            UUID whileMember = UUID.randomUUID();
            hubEvent("hub.memories.changed", team, whileMember);
            assertThat(events.next().data().path("entity_id").asText()).isEqualTo(whileMember.toString());

            Http.Result removed = hubs.send(ada, "DELETE", "/v1/hubs/" + team + "/members/" + bob.id(), null);
            assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
            Thread.sleep(400);
            hubEvent("hub.memories.changed", team, UUID.randomUUID());
            UUID own = UUID.randomUUID();
            hubEvent("hub.memories.changed", bob.personalHubId(), own);
            assertThat(events.next().data().path("entity_id").asText()).isEqualTo(own.toString());
        }
    }

    @Test
    void resumingDeliversExactlyTheMissedEventsInOrderThenLiveOnes() {
        TestUser ada = hubs.user("ada");
        String last;
        try (SseClient events = stream(ada, "")) {
            events.next();
            for (int i = 0; i < 3; i++) {
                hubEvent("hub.memories.changed", ada.personalHubId(), UUID.randomUUID());
            }
            events.next();
            events.next();
            last = events.next().id();
        }
        List<UUID> missed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID entity = UUID.randomUUID();
            missed.add(entity);
            hubEvent("hub.memories.changed", ada.personalHubId(), entity);
        }
        awaitPublished();
        for (boolean header : List.of(true, false)) {
            try (SseClient resumed = header ? stream(ada, "", "Last-Event-ID", last) : stream(ada, "?after=" + last)) {
                assertThat(resumed.next().event()).isEqualTo("ready");
                long previous = Long.parseLong(last);
                List<UUID> got = new ArrayList<>();
                for (int i = 0; i < missed.size(); i++) {
                    SseClient.Frame frame = resumed.next();
                    assertThat(frame.seq()).isGreaterThan(previous);
                    previous = frame.seq();
                    got.add(UUID.fromString(frame.data().path("entity_id").asText()));
                }
                assertThat(got).containsExactlyElementsOf(missed);
                UUID live = UUID.randomUUID();
                hubEvent("hub.memories.changed", ada.personalHubId(), live);
                SseClient.Frame next = resumed.next();
                assertThat(next.data().path("entity_id").asText()).isEqualTo(live.toString());
                assertThat(next.seq()).isGreaterThan(previous);
                resumed.expectNothing(Duration.ofMillis(200));
            }
            missed.clear();
            last = Long.toString(SERVER.server().bean(EventRepository.class).latest());
            for (int i = 0; i < 2; i++) {
                UUID entity = UUID.randomUUID();
                missed.add(entity);
                hubEvent("hub.memories.changed", ada.personalHubId(), entity);
            }
            awaitPublished();
        }
    }

    @Test
    void aPositionPastTheRetentionOrUnknownGetsAResetAndGoesOnFromNow() {
        TestUser ada = hubs.user("ada");
        hubEvent("hub.memories.changed", ada.personalHubId(), UUID.randomUUID());
        awaitPublished();
        long old = SERVER.server().bean(EventRepository.class).latest();
        hubEvent("hub.memories.changed", ada.personalHubId(), UUID.randomUUID());
        hubEvent("hub.memories.changed", ada.personalHubId(), UUID.randomUUID());
        awaitPublished();
        // The retention job removes what is older than MEMAX_EVENTS_RETENTION.
        SERVER.database().execute("UPDATE events SET created_at = now() - interval '8 days' WHERE seq <= " + (old + 1));
        SERVER.server().bean(EventRetentionJob.class).run();
        long latest = SERVER.server().bean(EventRepository.class).latest();
        for (String position : List.of(Long.toString(old - 1), "99999999", "not-a-number")) {
            try (SseClient events = stream(ada, "", "Last-Event-ID", position)) {
                assertThat(events.next().event()).isEqualTo("ready");
                SseClient.Frame reset = events.next();
                assertThat(reset.event()).as(position).isEqualTo("reset");
                assertThat(reset.seq()).isEqualTo(latest);
                UUID live = UUID.randomUUID();
                hubEvent("hub.memories.changed", ada.personalHubId(), live);
                SseClient.Frame next = events.next();
                assertThat(next.data().path("entity_id").asText()).isEqualTo(live.toString());
                latest = next.seq();
            }
        }
    }

    @Test
    void aClientThatHangsUpEndsItsStream() throws InterruptedException {
        // Streams of the tests before end a moment after their clients close.
        awaitOpenStreams(SERVER, 0, Duration.ofSeconds(5));
        TestUser ada = hubs.user("ada");
        SseClient events = stream(ada, "");
        events.next();
        awaitOpenStreams(SERVER, 1, Duration.ZERO);
        events.close();
        awaitOpenStreams(SERVER, 0, Duration.ofSeconds(5));
    }

    /** Waits until the server has {@code expected} streams open (gauge {@code memax.events.streams}). */
    static void awaitOpenStreams(MemaxServerExtension server, int expected, Duration timeout)
            throws InterruptedException {
        io.micrometer.core.instrument.Gauge open = server.server()
                .bean(io.micrometer.core.instrument.MeterRegistry.class)
                .get("memax.events.streams")
                .gauge();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (open.value() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(open.value()).isEqualTo(expected);
    }

    @Test
    void aSlowConsumerIsClosedWithAReason() {
        // 3 frames beyond a window of one frame in flight; a connection that takes nothing is cut off.
        TestUser ada = hubs.user("ada");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        EventStream stream = unconnectedStream(ada, json, 3, 1);
        stream.start(0, false, List.of(), null);
        Connection connection = Connection.of(stream);
        for (int i = 1; i <= 5; i++) {
            PublishedEvent event =
                    new PublishedEvent(i, "key.changed", null, ada.id(), null, null, null, java.time.Instant.now());
            stream.offer(event, EventStream.frameOf(event, json), stream.visible(event));
        }
        assertThat(stream.done()).isTrue();
        assertThat(connection.frames).hasSize(1);
        assertThat(connection.frames.get(0)).startsWith("event: ready");
        // Once the socket takes the bytes, the rest follows and the stream ends with the reason.
        connection.consumeAll();
        assertThat(connection.frames).hasSize(5);
        assertThat(connection.frames.get(4))
                .startsWith("event: close")
                .contains("\"reason\":\"slow_consumer\"")
                .contains("\"last_event_id\":\"3\"");
        assertThat(connection.completed).isTrue();
    }

    @Test
    void eventsOfferedBeforeTheStreamStartsFollowReadyAndOnlyAfterThePosition() {
        // The bus may hand a just-registered stream events before open() has read the position.
        TestUser ada = hubs.user("ada");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        EventStream stream = unconnectedStream(ada, json, 10, EventStream.WINDOW);
        for (int i = 7; i <= 9; i++) {
            PublishedEvent event =
                    new PublishedEvent(i, "key.changed", null, ada.id(), null, null, null, java.time.Instant.now());
            stream.offer(event, EventStream.frameOf(event, json), stream.visible(event));
        }
        assertThat(stream.start(8, false, List.of(), null)).isFalse();
        Connection connection = Connection.of(stream);
        assertThat(connection.frames).hasSize(2);
        assertThat(connection.frames.get(0)).startsWith("event: ready");
        assertThat(connection.frames.get(1)).startsWith("event: key.changed").contains("id: 9\n");
    }

    /** A stream of all the user's events on a connection of its own ({@link Connection} reads it). */
    private static EventStream unconnectedStream(
            TestUser user, com.fasterxml.jackson.databind.ObjectMapper json, int capacity, long window) {
        return new EventStream(
                new dev.memax.server.identity.Caller(user.id(), false, null, null, java.util.Set.of(), null, null),
                null,
                null,
                SERVER.server().bean(ReadableHubs.class),
                json,
                capacity,
                window,
                new EmbeddedChannel());
    }

    /**
     * A stream's body read the way Micronaut's HTTP/1 writer reads it: started once the headers
     * are out, each frame as it is added, the written bytes reported back only when told.
     */
    private static final class Connection implements BufferConsumer {
        final List<String> frames = new ArrayList<>();
        long written;
        boolean completed;
        BufferConsumer.Upstream upstream;

        static Connection of(EventStream stream) {
            Connection connection = new Connection();
            BaseStreamingByteBody<?> body = (BaseStreamingByteBody<?>) stream.body(() -> {}, () -> {});
            connection.upstream = body.primary(connection);
            connection.upstream.start();
            return connection;
        }

        void consumeAll() {
            while (written > 0) {
                long bytes = written;
                written = 0;
                upstream.onBytesConsumed(bytes);
            }
        }

        @Override
        public void add(ReadBuffer buffer) {
            written += buffer.readable();
            frames.add(buffer.toString(java.nio.charset.StandardCharsets.UTF_8));
            buffer.close();
        }

        @Override
        public void complete() {
            completed = true;
        }

        @Override
        public void error(Throwable e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until the relay has published everything committed so far. */
    static void awaitPublished() {
        awaitPublished(SERVER);
    }

    static void awaitPublished(MemaxServerExtension server) {
        awaitPublished(server, Duration.ofSeconds(10));
    }

    /** As above, with room for large bursts on a busy machine: returns as soon as all are published. */
    static void awaitPublished(MemaxServerExtension server, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (server.database().queryLong("SELECT count(*) FROM events WHERE seq IS NULL") > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("events were not published");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
