package dev.memax.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestServices;
import dev.memax.server.testing.TestUser;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL backends terminated under the server ({@code pg_terminate_backend}, what a restart
 * or failover does to a pool): a transaction that lost its connection is re-run on a fresh one,
 * what still fails is 503 with {@code Retry-After}, never 500, and no acknowledged write is lost.
 * docs/reliability.md records the figures this test prints.
 */
class DatabaseFaultTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static final int CLIENTS = 6;
    private static final int TERMINATION_ROUNDS = 30;
    private static final long ROUND_INTERVAL_MS = 300;
    private static TestUser ada;
    private static Connection admin;

    @BeforeAll
    static void setUp() throws SQLException {
        ada = SERVER.server().createUser("ada@example.com");
        TestServices services = TestServices.get();
        admin = DriverManager.getConnection(SERVER.database().jdbcUrl(), services.dbUser, services.dbPassword);
    }

    @AfterAll
    static void tearDown() throws SQLException {
        admin.close();
    }

    /** Terminates every other backend of the test database; returns how many. */
    private static int terminateBackends() {
        try (Statement statement = admin.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                                + "WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double retries() {
        return SERVER.server()
                .bean(MeterRegistry.class)
                .counter("memax.db.connection.failures", "outcome", "retried")
                .count();
    }

    @Test
    void aRequestThatMeetsAKilledPooledConnectionIsRetriedOnAFreshOne() {
        double before = retries();
        int terminated = 0;
        for (int i = 0; i < 20; i++) {
            Http.Result warm = list();
            assertThat(warm.status()).as(warm.toString()).isEqualTo(200);
            terminated += terminateBackends();
            // Borrowed again at once: the pool does not validate a connection used this recently.
            Http.Result after = list();
            assertThat(after.status()).as(after.toString()).isEqualTo(200);
        }
        assertThat(terminated).isPositive();
        assertThat(retries() - before)
                .as("transactions re-run on a fresh connection")
                .isPositive();
    }

    @Test
    void backendsTerminatedUnderConcurrentLoadNeverAnswer500AndLoseNoAcknowledgedWrite() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        Map<UUID, String> acknowledged = new ConcurrentHashMap<>();
        // Warm up (the embedding model, the JIT) before the faults start.
        for (int i = 0; i < CLIENTS; i++) {
            assertThat(push("warm-up " + i).status()).isEqualTo(201);
        }
        double retriesBefore = retries();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                UUID last = null;
                for (int i = 0; running.get(); i++) {
                    String content = "fault test " + client + "-" + i + " " + UUID.randomUUID();
                    Http.Result pushed = push(content);
                    record(statuses, wrong, "POST /v1/memories", pushed);
                    if (pushed.status() == 201) {
                        last = UUID.fromString(pushed.json().at("/data/id").asText());
                        acknowledged.put(last, content);
                    }
                    if (last != null) {
                        record(statuses, wrong, "GET /v1/memories/{id}", get(last));
                    }
                    record(statuses, wrong, "GET /v1/memories", list());
                }
            }));
        }
        int terminated = 0;
        try {
            for (int round = 0; round < TERMINATION_ROUNDS; round++) {
                Thread.sleep(ROUND_INTERVAL_MS);
                terminated += terminateBackends();
            }
        } finally {
            running.set(false);
            for (Future<?> client : clients) {
                client.get();
            }
            pool.shutdown();
        }
        int lost = 0;
        for (Map.Entry<UUID, String> write : acknowledged.entrySet()) {
            Http.Result read = get(write.getKey());
            if (read.status() != 200
                    || !read.json().at("/data/content").asText().equals(write.getValue())) {
                lost++;
            }
        }
        long requests = statuses.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.printf(
                "DatabaseFaultTest: %d requests from %d clients, %d backends terminated in %d rounds %d ms apart, "
                        + "statuses %s, %.0f transactions retried, %d acknowledged writes, %d lost%n",
                requests,
                CLIENTS,
                terminated,
                TERMINATION_ROUNDS,
                ROUND_INTERVAL_MS,
                new TreeMap<>(statuses),
                retries() - retriesBefore,
                acknowledged.size(),
                lost);
        assertThat(terminated).as("backends terminated").isPositive();
        assertThat(wrong).as("answers other than 2xx or 503 with Retry-After").isEmpty();
        assertThat(acknowledged).as("acknowledged writes").isNotEmpty();
        assertThat(lost).as("acknowledged writes lost").isZero();
    }

    private static void record(
            Map<String, AtomicLong> statuses, ConcurrentLinkedQueue<String> wrong, String what, Http.Result result) {
        statuses.computeIfAbsent(Integer.toString(result.status()), s -> new AtomicLong())
                .incrementAndGet();
        boolean ok = result.status() / 100 == 2
                || result.status() == 503
                        && result.header("Retry-After").isPresent()
                        && result.errorCode().equals("service_unavailable");
        if (!ok) {
            wrong.add(what + " -> " + result);
        }
    }

    private static Http.Result push(String content) {
        return SERVER.http()
                .postJson(
                        "/v1/memories",
                        "{\"content\": \"" + content + "\"}",
                        "Authorization",
                        ada.bearer(),
                        "X-Hub-ID",
                        ada.personalHubId().toString());
    }

    private static Http.Result get(UUID id) {
        return SERVER.http().get("/v1/memories/" + id, "Authorization", ada.bearer());
    }

    private static Http.Result list() {
        return SERVER.http()
                .get(
                        "/v1/memories?limit=5",
                        "Authorization",
                        ada.bearer(),
                        "X-Hub-ID",
                        ada.personalHubId().toString());
    }
}
