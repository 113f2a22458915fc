package dev.memax.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IdempotencyTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER =
            new MemaxServerExtension().property("memax.jobs.idempotency-purge-interval", "1s");

    private static final String WIDGETS = "/v1/test-fixtures/widgets";

    private static long widgetsNamed(String name) {
        return SERVER.database().queryLong("SELECT count(*) FROM test_widgets WHERE name = '" + name + "'");
    }

    @Test
    void sameKeyAndBodyReplaysTheFirstResponseWithoutRunningAgain() {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\": \"idem1\", \"color\": \"red\"}";
        Http.Result first = SERVER.http().postJson(WIDGETS, body, "Idempotency-Key", key);
        Http.Result second = SERVER.http().postJson(WIDGETS, body, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(second.header("Idempotent-Replayed")).hasValue("true");
        assertThat(first.header("Idempotent-Replayed")).isEmpty();
        assertThat(widgetsNamed("idem1")).isEqualTo(1);
        assertThat(second.header("Cache-Control")).hasValue("no-store");
    }

    @Test
    void storedResponsesAreEncrypted() {
        String key = UUID.randomUUID().toString();
        SERVER.http().postJson(WIDGETS, "{\"name\": \"plaintext-marker\", \"color\": \"red\"}", "Idempotency-Key", key);
        long readable = SERVER.database()
                .queryLong("SELECT count(*) FROM idempotency_records WHERE idempotency_key = '" + key
                        + "' AND response_body LIKE '%plaintext-marker%'");
        long stored = SERVER.database()
                .queryLong("SELECT count(*) FROM idempotency_records WHERE idempotency_key = '" + key
                        + "' AND response_body IS NOT NULL");
        assertThat(stored).isEqualTo(1);
        assertThat(readable).isZero();
    }

    @Test
    void sameKeyWithAnotherBodyIsConflict() {
        String key = UUID.randomUUID().toString();
        SERVER.http().postJson(WIDGETS, "{\"name\": \"idem2\", \"color\": \"red\"}", "Idempotency-Key", key);
        Http.Result other =
                SERVER.http().postJson(WIDGETS, "{\"name\": \"idem2b\", \"color\": \"red\"}", "Idempotency-Key", key);
        assertThat(other.status()).as(other.toString()).isEqualTo(409);
        assertThat(other.errorCode()).isEqualTo("conflict");
        assertThat(widgetsNamed("idem2b")).isZero();
    }

    @Test
    void withoutKeyEveryPostRuns() {
        String body = "{\"name\": \"nokey\", \"color\": \"green\"}";
        SERVER.http().postJson(WIDGETS, body);
        SERVER.http().postJson(WIDGETS, body);
        assertThat(widgetsNamed("nokey")).isEqualTo(2);
    }

    @Test
    void keysAreScopedToTheUser() {
        TestUser a = SERVER.server().createUser("idem-a@example.com");
        TestUser b = SERVER.server().createUser("idem-b@example.com");
        String key = UUID.randomUUID().toString();
        String body = "{\"name\": \"scoped\", \"color\": \"red\"}";
        Http.Result first = SERVER.http().postJson(WIDGETS, body, "Idempotency-Key", key, "Authorization", a.bearer());
        Http.Result other = SERVER.http().postJson(WIDGETS, body, "Idempotency-Key", key, "Authorization", b.bearer());
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(other.header("Idempotent-Replayed")).isEmpty();
        assertThat(widgetsNamed("scoped")).isEqualTo(2);
    }

    @Test
    void concurrentRequestsWithOneKeyRunOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\": \"race\", \"color\": \"red\"}";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Http.Result>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> SERVER.http().postJson(WIDGETS, body, "Idempotency-Key", key));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Http.Result> result : pool.invokeAll(calls)) {
            statuses.add(result.get().status());
        }
        pool.shutdown();
        assertThat(statuses).allMatch(s -> s == 201 || s == 409);
        assertThat(statuses).contains(201);
        assertThat(widgetsNamed("race")).isEqualTo(1);
    }

    @Test
    void serverErrorsAreNotStoredSoARetryRunsAgain() {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\": \"flaky-" + key + "\"}";
        Http.Result first = SERVER.http().postJson("/v1/test-fixtures/flaky", body, "Idempotency-Key", key);
        Http.Result retry = SERVER.http().postJson("/v1/test-fixtures/flaky", body, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(500);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        assertThat(retry.json().at("/data/call").asInt()).isEqualTo(2);
    }

    @Test
    void invalidKeyIsBadRequest() {
        Http.Result result = SERVER.http()
                .postJson(WIDGETS, "{\"name\": \"k\", \"color\": \"red\"}", "Idempotency-Key", "x".repeat(256));
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.errorCode()).isEqualTo("bad_request");
    }

    @Test
    void thePurgeJobDeletesExpiredRecords() throws InterruptedException {
        String key = "expiring-" + UUID.randomUUID();
        SERVER.http().postJson(WIDGETS, "{\"name\": \"purge\", \"color\": \"red\"}", "Idempotency-Key", key);
        String where = " FROM idempotency_records WHERE idempotency_key = '" + key + "'";
        assertThat(SERVER.database().queryLong("SELECT count(*)" + where)).isEqualTo(1);
        SERVER.database()
                .execute(
                        "UPDATE idempotency_records SET expires_at = now() - interval '1 minute' WHERE idempotency_key = '"
                                + key + "'");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (SERVER.database().queryLong("SELECT count(*)" + where) > 0
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(SERVER.database().queryLong("SELECT count(*)" + where)).isZero();
    }

    @Test
    void anExpiredRecordIsNotReplayed() {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\": \"expired-replay\", \"color\": \"red\"}";
        SERVER.http().postJson(WIDGETS, body, "Idempotency-Key", key);
        SERVER.database()
                .execute(
                        "UPDATE idempotency_records SET expires_at = now() - interval '1 second' WHERE idempotency_key = '"
                                + key + "'");
        Http.Result again = SERVER.http().postJson(WIDGETS, body, "Idempotency-Key", key);
        assertThat(again.header("Idempotent-Replayed")).isEmpty();
        assertThat(widgetsNamed("expired-replay")).isEqualTo(2);
    }
}
