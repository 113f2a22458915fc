package dev.memax.server.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.hub.HubApi;
import dev.memax.server.ratelimit.BucketClass;
import dev.memax.server.ratelimit.RouteLimits;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestServices;
import dev.memax.server.testing.TestUser;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The relay's ordering rule (migration V7): a row is numbered only once every transaction older
 * than its own has ended, so a transaction that commits late is delivered late, with a higher
 * position, and never skipped by a client that resumes.
 */
class EventOrderingTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    /**
     * Only the rows these tests insert: the user's own signup events (hub.list.changed) may still be
     * on their way through the relay when the stream opens, and would arrive first.
     */
    private static final String MEMORY_EVENTS = "/v1/events/stream?types=hub.memories.changed";

    private final HubApi hubs = new HubApi(SERVER);

    private static Connection transaction() throws SQLException {
        TestServices services = TestServices.get();
        Connection connection =
                DriverManager.getConnection(SERVER.database().jdbcUrl(), services.dbUser, services.dbPassword);
        connection.setAutoCommit(false);
        return connection;
    }

    private static long insert(Connection connection, UUID hubId, UUID entityId) throws SQLException {
        try (Statement statement = connection.createStatement();
                var rs = statement.executeQuery(
                        "INSERT INTO events (type, hub_id, entity_id) VALUES ('hub.memories.changed', '" + hubId
                                + "', '" + entityId + "') RETURNING id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aLowerIdCommittedLaterIsDeliveredAfterwardsWithAHigherPosition() throws Exception {
        TestUser ada = hubs.user("ada");
        UUID early = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        try (SseClient events = SseClient.open(SERVER.server().uri(), MEMORY_EVENTS, "Authorization", ada.bearer());
                Connection older = transaction();
                Connection slow = transaction()) {
            events.next();
            // `older` takes its transaction id first, `slow` takes the lower row id.
            try (Statement statement = older.createStatement()) {
                statement.execute("SELECT pg_current_xact_id()");
            }
            long slowId = insert(slow, ada.personalHubId(), late);
            long olderId = insert(older, ada.personalHubId(), early);
            assertThat(slowId).isLessThan(olderId);
            older.commit();

            SseClient.Frame first = events.next();
            assertThat(first.data().path("entity_id").asText()).isEqualTo(early.toString());
            events.expectNothing(Duration.ofMillis(300));

            slow.commit();
            SseClient.Frame second = events.next();
            assertThat(second.data().path("entity_id").asText()).isEqualTo(late.toString());
            assertThat(second.seq()).isGreaterThan(first.seq());
            assertThat(SERVER.database().queryLong("SELECT seq FROM events WHERE id = " + slowId))
                    .isGreaterThan(SERVER.database().queryLong("SELECT seq FROM events WHERE id = " + olderId));
        }
    }

    @Test
    void aRowCommittedWhileAnOlderTransactionRunsWaitsForIt() throws Exception {
        TestUser ada = hubs.user("ada");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        try (SseClient events = SseClient.open(SERVER.server().uri(), MEMORY_EVENTS, "Authorization", ada.bearer());
                Connection older = transaction();
                Connection newer = transaction()) {
            events.next();
            insert(older, ada.personalHubId(), first);
            insert(newer, ada.personalHubId(), second);
            newer.commit();
            // Numbering `second` now would let a client resume past `first`, which commits later.
            events.expectNothing(Duration.ofMillis(400));
            assertThat(SERVER.database()
                            .queryLong(
                                    "SELECT count(*) FROM events WHERE seq IS NULL AND entity_id = '" + second + "'"))
                    .isEqualTo(1);

            older.commit();
            SseClient.Frame a = events.next();
            SseClient.Frame b = events.next();
            assertThat(a.data().path("entity_id").asText()).isEqualTo(first.toString());
            assertThat(b.data().path("entity_id").asText()).isEqualTo(second.toString());
            assertThat(b.seq()).isGreaterThan(a.seq());
        }
    }

    @Test
    void aRolledBackTransactionLeavesNoEvent() throws Exception {
        TestUser ada = hubs.user("ada");
        UUID kept = UUID.randomUUID();
        try (SseClient events = SseClient.open(SERVER.server().uri(), MEMORY_EVENTS, "Authorization", ada.bearer());
                Connection aborted = transaction()) {
            events.next();
            insert(aborted, ada.personalHubId(), UUID.randomUUID());
            aborted.rollback();
            SERVER.database()
                    .execute("INSERT INTO events (type, hub_id, entity_id) VALUES ('hub.memories.changed', '"
                            + ada.personalHubId() + "', '" + kept + "')");
            assertThat(events.next().data().path("entity_id").asText()).isEqualTo(kept.toString());
        }
    }

    @Test
    void theStreamCountsAsOneRegularRequest() {
        assertThat(RouteLimits.of("GET", "/v1/events/stream").orElseThrow().bucket())
                .isEqualTo(BucketClass.REGULAR);
    }
}
