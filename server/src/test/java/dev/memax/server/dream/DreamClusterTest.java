package dev.memax.server.dream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestServer;
import dev.memax.server.testing.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dreams across three server instances on one database: concurrent triggers start one run, and a
 * run whose instance died (its lease expired mid-phase) is resumed once, after its last finished
 * phase, by whichever instance's resume job finds it.
 */
class DreamClusterTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.dreams.cooldown", "1h")
            .property("memax.dreams.resume-interval", "1s");

    static final String DUPLICATE = "The on-call rotation hands over every Monday at 9am.";
    static TestServer second;
    static TestServer third;
    static DreamApi api;
    static TestUser ada;

    @BeforeAll
    static void start() {
        second = TestServer.start(SERVER.serverProperties());
        third = TestServer.start(SERVER.serverProperties());
        api = new DreamApi(SERVER);
        ada = api.dreamer("ada");
    }

    @AfterAll
    static void stop() {
        second.close();
        third.close();
    }

    @Test
    void concurrentTriggersOnThreeInstancesStartOneRun() throws Exception {
        UUID hub = api.hubs.createHub(ada, "Cluster");
        api.push(ada, hub, DUPLICATE);
        api.push(ada, hub, DUPLICATE);
        List<Http> instances = List.of(SERVER.http(), new Http(second.uri()), new Http(third.uri()));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Result>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Http http = instances.get(i % 3);
            answers.add(pool.submit(() -> {
                go.await();
                return api.send(http, ada, "POST", "/v1/dreams/trigger", "{}", "X-Hub-ID", hub.toString());
            }));
        }
        go.countDown();
        List<Http.Result> results = new ArrayList<>();
        for (Future<Http.Result> answer : answers) {
            results.add(answer.get());
        }
        pool.shutdown();
        assertThat(results.stream().filter(r -> r.status() == 202)).hasSize(1);
        assertThat(results.stream().filter(r -> r.status() != 202))
                .allSatisfy(r -> assertThat(r.errorCode()).as(r.toString()).isIn("dream_running", "dream_cooldown"));
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM dream_runs WHERE hub_id = '" + hub + "'"))
                .isEqualTo(1);

        UUID run = UUID.fromString(results.stream()
                .filter(r -> r.status() == 202)
                .findFirst()
                .orElseThrow()
                .json()
                .at("/data/id")
                .asText());
        JsonNode detail = api.finished(ada, run);
        assertThat(detail.at("/run/status").asText()).isEqualTo("completed");
        assertThat(detail.path("actions")).hasSize(1);
        assertThat(SERVER.database()
                        .queryLong("SELECT count(*) FROM memory_versions v JOIN memories m ON m.id = v.memory_id "
                                + "WHERE m.hub_id = '" + hub + "' AND v.change = 'dream_merge'"))
                .isEqualTo(2);

        Http.Result again = api.send(ada, "POST", "/v1/dreams/trigger", "{}", "X-Hub-ID", hub.toString());
        assertThat(again.status()).as(again.toString()).isEqualTo(429);
        assertThat(again.errorCode()).isEqualTo("dream_cooldown");
        assertThat(again.header("Retry-After")).isPresent();
        assertThat(api.ok(api.send(ada, "GET", "/v1/usage/dreams?hub_id=" + hub, null))
                        .path("allowed")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aRunWhoseInstanceDiedMidPhaseIsResumedOnce() {
        UUID hub = api.hubs.createHub(ada, "Crashed");
        api.push(ada, hub, DUPLICATE);
        api.push(ada, hub, DUPLICATE);
        UUID run = plantOrphan(hub, null);
        JsonNode detail = api.finished(ada, run);
        assertThat(detail.at("/run/status").asText()).isEqualTo("completed");
        assertThat(detail.at("/run/duplicates_merged").asLong()).isEqualTo(1);
        assertThat(detail.path("actions")).hasSize(1);
        assertThat(SERVER.database()
                        .queryLong("SELECT count(*) FROM memories WHERE hub_id = '" + hub + "' AND state = 'archived'"))
                .isEqualTo(1);
    }

    @Test
    void aFinishedPhaseIsNeverRunTwice() {
        UUID hub = api.hubs.createHub(ada, "Half done");
        api.push(ada, hub, DUPLICATE);
        api.push(ada, hub, DUPLICATE);
        UUID run = plantOrphan(hub, "merge");
        JsonNode detail = api.finished(ada, run);
        assertThat(detail.at("/run/status").asText()).isEqualTo("completed");
        assertThat(detail.path("actions")).isEmpty();
        assertThat(SERVER.database()
                        .queryLong("SELECT count(*) FROM memories WHERE hub_id = '" + hub + "' AND state = 'active'"))
                .isEqualTo(2);
    }

    /**
     * A run as an instance that died in the middle of its merge phase leaves it: running, its
     * lease held by an instance that no longer renews it, and no job queued for it.
     */
    private static UUID plantOrphan(UUID hub, String lastFinished) {
        UUID run = UUID.randomUUID();
        SERVER.database()
                .execute(
                        "INSERT INTO dream_runs (id, hub_id, owner_id, triggered_by, trigger, status, dry_run, phases, "
                                + "current_phase, last_finished_phase, started_at, lease_owner, lease_until) VALUES ('"
                                + run + "', '" + hub + "', '" + ada.id() + "', '" + ada.id()
                                + "', 'manual', 'running', false, "
                                + "'{merge}', 'merge', " + (lastFinished == null ? "NULL" : "'" + lastFinished + "'")
                                + ", now() - interval '2 minutes', 'a-dead-instance', now() - interval '1 minute')");
        return run;
    }
}
