package dev.memax.server.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.sdk.EventListener;
import dev.memax.sdk.EventSubscription;
import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.models.ServerEvent;
import dev.memax.sdk.params.EventSubscribeParams;
import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestServer;
import dev.memax.server.testing.TestUser;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances on one database and Redis, with the table tail slowed to an hour so that only
 * Redis can carry events between them in time; and the Java SDK's subscription against them.
 */
class EventClusterTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.events.tail-interval", "1h")
            .property("memax.events.retry-hint", "1s");

    private static TestServer second;
    private final HubApi hubs = new HubApi(SERVER);

    @BeforeAll
    static void startSecond() {
        second = TestServer.start(SERVER.serverProperties());
    }

    @AfterAll
    static void stopSecond() {
        if (second != null) {
            second.close();
        }
    }

    /** Commits one event through an instance's EventOutbox, in a transaction, as its services do. */
    @SuppressWarnings("unchecked")
    static void commitThrough(TestServer server, UUID hubId, UUID entityId) {
        TransactionOperations<Connection> tx = server.bean(TransactionOperations.class);
        EventOutbox outbox = server.bean(EventOutbox.class);
        tx.executeWrite(status -> {
            outbox.hub(EventType.MEMORIES_CHANGED, hubId, null, entityId, Map.of("action", "created"));
            return null;
        });
    }

    @Test
    void anEventCommittedThroughOneInstanceReachesAStreamOnTheOther() {
        TestUser ada = hubs.user("ada");
        // Ada's own sign-up events (key.changed) first, so they cannot arrive in place of the awaited one.
        EventStreamTest.awaitPublished(SERVER);
        for (TestServer writer : List.of(SERVER.server(), second)) {
            try (SseClient onA =
                            SseClient.open(SERVER.server().uri(), "/v1/events/stream", "Authorization", ada.bearer());
                    SseClient onB = SseClient.open(second.uri(), "/v1/events/stream", "Authorization", ada.bearer())) {
                onA.next();
                onB.next();
                UUID memory = UUID.randomUUID();
                commitThrough(writer, ada.personalHubId(), memory);
                SseClient.Frame a = onA.next(Duration.ofSeconds(5));
                SseClient.Frame b = onB.next(Duration.ofSeconds(5));
                assertThat(a.data().path("entity_id").asText()).isEqualTo(memory.toString());
                assertThat(b.data().path("entity_id").asText()).isEqualTo(memory.toString());
                assertThat(b.id()).isEqualTo(a.id());
            }
        }
        // Exactly one relay in the cluster.
        assertThat(List.of(
                        SERVER.server().bean(EventRelay.class).leader(),
                        second.bean(EventRelay.class).leader()))
                .containsExactlyInAnyOrder(true, false);
    }

    @Test
    void aMemoryPushedThroughOneInstanceReachesAStreamOpenOnTheOther() {
        TestUser ada = hubs.user("ada");
        // Ada's own sign-up events (key.changed) first, so they cannot arrive in place of the awaited one.
        EventStreamTest.awaitPublished(SERVER);
        try (SseClient onB = SseClient.open(second.uri(), "/v1/events/stream", "Authorization", ada.bearer())) {
            onB.next();
            Http.Result pushed = new Http(SERVER.server().uri())
                    .postJson(
                            "/v1/memories",
                            "{\"content\": \"Pushed through instance A\"}",
                            "Authorization",
                            ada.bearer());
            assertThat(pushed.status()).as(pushed.toString()).isEqualTo(201);
            SseClient.Frame event = onB.next(Duration.ofSeconds(5));
            assertThat(event.event()).isEqualTo("hub.memories.changed");
            assertThat(event.data().path("entity_id").asText())
                    .isEqualTo(pushed.json().at("/data/id").asText());
            assertThat(event.data().path("action").asText()).isEqualTo("created");
            assertThat(event.data().path("actor_id").asText())
                    .isEqualTo(ada.id().toString());
        }
    }

    @Test
    void aStoppingInstanceClosesItsStreamsWithARetryHint() {
        TestUser ada = hubs.user("ada");
        TestServer third = TestServer.start(SERVER.serverProperties());
        try (SseClient events = SseClient.open(third.uri(), "/v1/events/stream", "Authorization", ada.bearer())) {
            events.next();
            third.close();
            List<SseClient.Frame> last = events.untilEnd(Duration.ofSeconds(10));
            assertThat(last).isNotEmpty();
            SseClient.Frame close = last.get(last.size() - 1);
            assertThat(close.event()).isEqualTo("close");
            assertThat(close.lines()).contains("retry: 1000");
            assertThat(close.data().path("reason").asText()).isEqualTo("shutdown");
        }
    }

    @Test
    void theSdkSubscriptionReceivesEventsAndResumesAfterADroppedConnection() throws Exception {
        TestUser ada = hubs.user("ada");
        BlockingQueue<ServerEvent> received = new LinkedBlockingQueue<>();
        BlockingQueue<String> readies = new LinkedBlockingQueue<>();
        try (MemaxClient client = MemaxClient.builder()
                .baseUrl(second.uri().toString())
                .apiKey(ada.apiKey())
                .build()) {
            EventSubscription subscription = client.events()
                    .subscribe(
                            EventSubscribeParams.builder()
                                    .types(ServerEvent.MEMORIES_CHANGED)
                                    .build(),
                            new EventListener() {
                                @Override
                                public void onReady(ServerEvent event) {
                                    readies.add(event.data().path("user_id").asText());
                                }

                                @Override
                                public void onEvent(ServerEvent event) {
                                    received.add(event);
                                }
                            });
            assertThat(readies.poll(10, TimeUnit.SECONDS)).isEqualTo(ada.id().toString());
            UUID before = UUID.randomUUID();
            commitThrough(SERVER.server(), ada.personalHubId(), before);
            assertThat(received.poll(10, TimeUnit.SECONDS).entityId()).isEqualTo(before);

            // The server drops every stream (as on shutdown): the SDK reconnects with Last-Event-ID.
            second.bean(EventBus.class).closeAll("shutdown", "test");
            List<UUID> missed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                UUID memory = UUID.randomUUID();
                missed.add(memory);
                commitThrough(SERVER.server(), ada.personalHubId(), memory);
            }
            assertThat(readies.poll(10, TimeUnit.SECONDS)).isEqualTo(ada.id().toString());
            List<UUID> got = new ArrayList<>();
            for (int i = 0; i < missed.size(); i++) {
                ServerEvent event = received.poll(10, TimeUnit.SECONDS);
                assertThat(event).as("event %d of %d", i + 1, missed.size()).isNotNull();
                got.add(event.entityId());
            }
            assertThat(got).containsExactlyElementsOf(missed);
            assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
            subscription.close();
        }
    }
}
