package dev.memax.server.dream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.Application;
import dev.memax.server.testing.FreePorts;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestServer;
import dev.memax.server.testing.TestUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real crash: the instance executing a dream run is a separate JVM, killed with SIGKILL in the
 * middle of a phase; another instance takes the run over once its lease expires and finishes it
 * once (docs/architecture.md §5.14 "Crash recovery"). {@link DreamClusterTest} covers the same
 * rules on rows planted as a dead instance leaves them; this one lets a real instance leave them.
 *
 * <p>The in-process server runs no background jobs, so the child is the only instance that can
 * execute the run; the successor is a second in-process instance started after the kill. The
 * run's {@code stale} phase is slow enough to be caught midway by its size alone: thousands of
 * long-unread volatile memories, each archived in its own transaction.
 */
class DreamCrashTest {
    private static final Duration LEASE = Duration.ofSeconds(6);

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.jobs.enabled", false)
            .property("memax.dreams.cooldown", "1h")
            .property("memax.dreams.lease", LEASE.toSeconds() + "s")
            .property("memax.dreams.resume-interval", "1s");

    /** Stale memories planted: seconds of archiving (several progress heartbeats) even on fast cores. */
    private static final int STALE = 800;

    private static final List<String> DUPLICATES = List.of(
            "The on-call rotation hands over every Monday at 9am.",
            "Invoices are exported to the finance share on the first of each month.",
            "The staging database is refreshed from production every Sunday night.");

    private static Process child;
    private static TestServer successor;

    @AfterAll
    static void stop() {
        if (child != null) {
            child.destroyForcibly();
        }
        if (successor != null) {
            successor.close();
        }
    }

    @Test
    void aRunWhoseInstanceIsKilledMidPhaseFinishesOnceOnAnother() throws Exception {
        DreamApi api = new DreamApi(SERVER);
        TestUser ada = api.dreamer("ada");
        UUID hub = api.hubs.createHub(ada, "Killed mid-phase");
        for (String text : DUPLICATES) {
            api.push(ada, hub, text);
            api.push(ada, hub, text);
        }
        plantStale(hub);
        // Queued by the in-process server, which runs no jobs: the child, started next, is the one to execute it
        // (and, the hub having a run of today, its nightly schedule starts none of its own).
        UUID run = api.trigger(ada, hub, "{\"phases\": [\"merge\", \"stale\"]}");
        Path log = Path.of("target", "DreamCrashTest-child.log");
        int port = FreePorts.next();
        child = startChild(port, log);

        // The child's job runner starts before its HTTP server: the run is watched through the in-process server.
        JsonNode midPhase = SERVER.http()
                .getUntil(
                        Duration.ofSeconds(90),
                        "/v1/dreams/" + run,
                        r -> !child.isAlive()
                                || r.status() == 200 && mid(r.json().at("/data/run"))
                                || finished(r),
                        "Authorization",
                        ada.bearer())
                .json()
                .at("/data/run");
        assertThat(child.isAlive())
                .as("the child server exited; see " + log.toAbsolutePath())
                .isTrue();
        assertThat(midPhase.path("status").asText())
                .as("the run ended before it could be caught mid-phase: plant more stale memories")
                .isEqualTo("running");
        assertThat(midPhase.path("last_finished_phase").asText()).isEqualTo("merge");
        JsonNode mergeMetrics = midPhase.at("/phase_metrics/merge");

        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
        long archivedByTheDead = staleActions(run);
        assertThat(archivedByTheDead).isPositive().isLessThan(STALE);
        assertThat(SERVER.database()
                        .queryString("SELECT status || ' ' || current_phase FROM dream_runs WHERE id = '" + run + "'"))
                .as("the dead instance left its run running in the phase it was killed in")
                .isEqualTo("running stale");

        Map<String, Object> properties = new HashMap<>(SERVER.serverProperties());
        properties.put("memax.jobs.enabled", true);
        successor = TestServer.start(properties);
        JsonNode detail = api.finished(ada, run);

        JsonNode finished = detail.path("run");
        assertThat(finished.path("status").asText()).isEqualTo("completed");
        assertThat(finished.path("last_finished_phase").asText()).isEqualTo("stale");
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM dream_runs WHERE hub_id = '" + hub + "'"))
                .isEqualTo(1);
        // merge had finished before the kill: it was not run again, its metrics are those of its only run.
        assertThat(finished.at("/phase_metrics/merge")).isEqualTo(mergeMetrics);
        assertThat(phaseStarts(run, "merge")).isEqualTo(1);
        // stale was killed midway: it ran again from its start, on the memories the dead instance had not archived.
        assertThat(phaseStarts(run, "stale")).isEqualTo(2);
        assertThat(finished.at("/phase_metrics/stale/actions").asLong()).isEqualTo(STALE - archivedByTheDead);
        assertThat(finished.at("/phase_metrics/stale/skipped").asLong()).isZero();
        // The run's counters hold both attempts' work: what the dead instance archived is not lost from them.
        assertThat(finished.path("memories_archived").asLong()).isEqualTo(STALE);
        assertThat(finished.path("duplicates_merged").asLong()).isEqualTo(DUPLICATES.size());

        assertThat(actionCount(run, "merge", "count(*)")).isEqualTo(DUPLICATES.size());
        assertThat(actionCount(run, "merge", "count(DISTINCT source_memory_ids)"))
                .isEqualTo(DUPLICATES.size());
        assertThat(staleActions(run)).isEqualTo(STALE);
        assertThat(actionCount(run, "stale", "count(DISTINCT source_memory_ids)"))
                .isEqualTo(STALE);
        assertThat(SERVER.database()
                        .queryLong("SELECT count(*) FROM memories WHERE hub_id = '" + hub + "' AND state = 'active'"))
                .isEqualTo(DUPLICATES.size());
        assertThat(SERVER.database()
                        .queryLong("SELECT count(*) FROM memory_versions v JOIN memories m ON m.id = v.memory_id "
                                + "WHERE m.hub_id = '" + hub + "' AND v.change LIKE 'dream%'"))
                .as("one version per memory a dream changed: none changed twice")
                .isEqualTo(2L * DUPLICATES.size() + STALE);
    }

    /**
     * The server as its own JVM on this test's classpath, configured as the in-process servers
     * are but running background jobs; its output goes to {@code log}.
     */
    private static Process startChild(int port, Path log) throws Exception {
        Files.createDirectories(log.getParent());
        Map<String, Object> properties = new HashMap<>(SERVER.serverProperties());
        properties.put("micronaut.server.port", port);
        properties.put("memax.jobs.enabled", true);
        properties.put("memax.test-contract.enabled", false);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-Dmicronaut.environments=test");
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Application.class.getName());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Volatile memories nobody has read in 200 days, without vectors (the stale rule needs none). */
    private static void plantStale(UUID hub) {
        SERVER.database()
                .execute("INSERT INTO memories (id, hub_id, owner_id, content, content_hash, stability, created_at, "
                        + "updated_at) SELECT gen_random_uuid(), h.id, h.owner_id, 'Build ' || g || ' ran on runner ' "
                        + "|| md5(g::text), md5(g::text), 'volatile', now() - interval '200 days', "
                        + "now() - interval '200 days' FROM hubs h, generate_series(1, " + STALE + ") g "
                        + "WHERE h.id = '" + hub + "'");
    }

    private static boolean mid(JsonNode run) {
        return run.path("current_phase").asText().equals("stale")
                && run.path("processed").asLong() > 0;
    }

    private static boolean finished(Http.Result result) {
        return result.status() == 200
                && !result.json().at("/data/run/status").asText().equals("running");
    }

    private static long staleActions(UUID run) {
        return actionCount(run, "stale", "count(*)");
    }

    private static long actionCount(UUID run, String phase, String aggregate) {
        return SERVER.database()
                .queryLong("SELECT " + aggregate + " FROM dream_actions WHERE run_id = '" + run + "' AND phase = '"
                        + phase + "'");
    }

    /** {@code hub.dreams.changed} events announcing the phase's start: one per time it ran. */
    private static long phaseStarts(UUID run, String phase) {
        return SERVER.database()
                .queryLong("SELECT count(*) FROM events WHERE entity_id = '" + run + "' AND payload->>'phase' = '"
                        + phase + "'");
    }
}
