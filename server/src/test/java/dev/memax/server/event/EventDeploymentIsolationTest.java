package dev.memax.server.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestDatabase;
import dev.memax.server.testing.TestServer;
import dev.memax.server.testing.TestServices;
import dev.memax.server.testing.TestUser;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two deployments (two databases) sharing one Redis, each a single instance whose relay hands
 * its events to its own streams: the other's messages, numbered far ahead, and forged ones must
 * neither reach a stream nor move a bus's position. The table tail is slowed to an hour so that
 * it cannot repair a position a message moved.
 */
class EventDeploymentIsolationTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension().property("memax.events.tail-interval", "1h");

    private static TestDatabase otherDatabase;
    private static TestServer other;
    private final HubApi hubs = new HubApi(SERVER);

    @BeforeAll
    static void startOtherDeployment() {
        otherDatabase = TestDatabase.create(TestServices.get());
        Map<String, Object> properties = SERVER.serverProperties();
        properties.put("datasources.default.url", otherDatabase.jdbcUrl());
        properties.put(
                "memax.auth.api-key-file",
                System.getProperty("java.io.tmpdir") + "/memax-test-other-" + UUID.randomUUID() + "/api-key");
        other = TestServer.start(properties);
        // The other deployment's positions are far ahead of ours, as after a long-running benchmark.
        otherDatabase.execute("SELECT setval('event_seq', 1000000)");
    }

    @AfterAll
    static void stopOtherDeployment() {
        if (other != null) {
            other.close();
        }
        if (otherDatabase != null) {
            otherDatabase.close();
        }
    }

    /** Reads {@code count} events, asserting they are exactly {@code expected} in order with growing ids, then silence. */
    private static void assertReceives(SseClient stream, List<UUID> expected) {
        List<String> got = new ArrayList<>();
        long lastId = -1;
        for (int i = 0; i < expected.size(); i++) {
            SseClient.Frame frame = stream.next(Duration.ofSeconds(10));
            long id = Long.parseLong(frame.id());
            assertThat(id).as("ids grow").isGreaterThan(lastId);
            lastId = id;
            got.add(frame.data().path("entity_id").asText());
        }
        assertThat(got)
                .containsExactlyElementsOf(expected.stream().map(UUID::toString).toList());
        stream.expectNothing(Duration.ofMillis(500));
    }

    @Test
    void twoDeploymentsOnOneRedisEachDeliverTheirOwnEventsInOrderExactlyOnce() {
        TestUser ada = hubs.user("ada");
        TestUser bob = other.createUser("bob@example.com");
        EventStreamTest.awaitPublished(SERVER);
        assertThat(SERVER.server()
                        .bean(dev.memax.server.platform.DeploymentIdentity.class)
                        .id())
                .isNotEqualTo(other.bean(dev.memax.server.platform.DeploymentIdentity.class)
                        .id());
        try (SseClient onA = SseClient.open(SERVER.server().uri(), "/v1/events/stream", "Authorization", ada.bearer());
                SseClient onB = SseClient.open(other.uri(), "/v1/events/stream", "Authorization", bob.bearer())) {
            onA.next();
            onB.next();
            List<UUID> ofA = new ArrayList<>();
            List<UUID> ofB = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                UUID b = UUID.randomUUID();
                ofB.add(b);
                EventClusterTest.commitThrough(other, bob.personalHubId(), b);
                UUID a = UUID.randomUUID();
                ofA.add(a);
                EventClusterTest.commitThrough(SERVER.server(), ada.personalHubId(), a);
            }
            assertReceives(onA, ofA);
            assertReceives(onB, ofB);
        }
        // Each deployment's own positions, the other's never taken.
        assertThat(SERVER.server().bean(EventBus.class).state().position())
                .isLessThanOrEqualTo(SERVER.server().bean(EventRepository.class).latest());
        assertThat(other.bean(EventBus.class).state().position()).isGreaterThan(1_000_000);
    }

    @Test
    void forgedMessagesOnTheChannelAreIgnoredAndMoveNoPosition() throws Exception {
        TestUser ada = hubs.user("ada");
        EventStreamTest.awaitPublished(SERVER);
        EventBus bus = SERVER.server().bean(EventBus.class);
        EventRepository repository = SERVER.server().bean(EventRepository.class);
        MeterRegistry meters = SERVER.server().bean(MeterRegistry.class);
        ObjectMapper json = SERVER.server().bean(ObjectMapper.class);
        try (SseClient stream =
                SseClient.open(SERVER.server().uri(), "/v1/events/stream", "Authorization", ada.bearer())) {
            stream.next();
            UUID forgedEntity = UUID.randomUUID();
            long latest = repository.latest();
            PublishedEvent ahead = new PublishedEvent(
                    latest + 1000,
                    EventType.MEMORIES_CHANGED.wireName(),
                    ada.personalHubId(),
                    null,
                    null,
                    forgedEntity,
                    JsonNodeFactory.instance.objectNode().put("action", "created"),
                    Instant.now());
            PublishedEvent next = new PublishedEvent(
                    latest + 1,
                    ahead.type(),
                    ahead.hubId(),
                    null,
                    null,
                    forgedEntity,
                    ahead.payload(),
                    ahead.createdAt());
            String signedByCurrentRelay = bus.message(repository.currentRelay(), ahead);
            String unsigned = "0".repeat(64)
                    + bus.message(repository.currentRelay(), next).substring(64);
            String ofAnotherDeployment = bus.message(repository.currentRelay(), next)
                    .replace(
                            "\"deployment\":\""
                                    + SERVER.server()
                                            .bean(dev.memax.server.platform.DeploymentIdentity.class)
                                            .id() + "\"",
                            "\"deployment\":\"0123456789abcdef\"");
            String ofAnotherRelay = bus.message(UUID.randomUUID().toString(), next);
            try (RedisClient client = RedisClient.create(TestServices.get().redisUrl);
                    StatefulRedisConnection<String, String> redis = client.connect()) {
                // In this order: the dispatcher handles them in turn, so once the last one is
                // counted the signed one ahead of the table has been handled too.
                for (String message : List.of(
                        "not json at all", ofAnotherDeployment, unsigned, signedByCurrentRelay, ofAnotherRelay)) {
                    assertThat(redis.sync().publish(bus.channel(), message)).isEqualTo(1);
                }
            }
            for (String reason : List.of("malformed", "deployment", "signature", "relay")) {
                awaitCount(meters, reason);
            }
            // The signed message ahead of the table was read against the table, which does not hold it.
            assertThat(bus.state().position()).isEqualTo(latest);

            List<UUID> committed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                UUID memory = UUID.randomUUID();
                committed.add(memory);
                EventClusterTest.commitThrough(SERVER.server(), ada.personalHubId(), memory);
            }
            assertReceives(stream, committed);
        }
        TestUser admin = SERVER.server().createAdmin("root@example.com");
        Http.Result ready = SERVER.http().get("/health/ready", "Authorization", admin.bearer());
        assertThat(ready.json().at("/data/checks/events/status").asText()).isEqualTo("up");
        assertThat(ready.json().at("/data/checks/events/details/position").asLong())
                .isEqualTo(repository.latest());
    }

    private static void awaitCount(MeterRegistry meters, String reason) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            var counter =
                    meters.find("memax.events.ignored").tag("reason", reason).counter();
            if (counter != null && counter.count() >= 1) {
                return;
            }
            assertThat(System.nanoTime()).as("a message ignored for " + reason).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
