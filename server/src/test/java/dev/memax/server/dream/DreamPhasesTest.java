package dev.memax.server.dream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Phases 2 to 4 over HTTP against real PostgreSQL and the real embedding model: a superseding
 * update archives the old fact, planted contradictions become review notifications whose answers
 * change the memories as a dream action, a stale volatile memory is archived, protected memories
 * are never touched, a dry run only reports, and undo (per action, per run) restores every field.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DreamPhasesTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension().property("memax.dreams.cooldown", "0s");

    static DreamApi api;
    static TestUser ada;
    static UUID hub;
    static UUID rateOld;
    static UUID rateNew;
    static UUID backupYes;
    static UUID backupNo;
    static UUID printerYes;
    static UUID printerNo;
    static UUID coffee;
    static UUID labCode;
    static UUID deskOld;
    static UUID deskNew;
    static List<UUID> all;
    /** Every fixture row as stored, without what reads and writes move. */
    static final Map<UUID, String> ROWS = new HashMap<>();

    @BeforeAll
    static void plant() {
        api = new DreamApi(SERVER);
        ada = api.dreamer("ada");
        hub = api.hubs.createHub(ada, "Phases");
        rateOld = api.push(ada, hub, "The API rate limit is 100 requests per second.");
        backupYes = api.push(ada, hub, "The staging database is backed up nightly.");
        printerYes = api.push(ada, hub, "The office printer is shared with the design team.");
        ObjectNode stable = DreamApi.memory("Ada's desk is on floor 2 of the Berlin office.");
        stable.put("stability", "stable");
        deskOld = api.push(ada, hub, stable);
        ObjectNode volatileNote = DreamApi.memory("The coffee machine in the kitchen is broken this week.");
        volatileNote.put("stability", "volatile");
        coffee = api.push(ada, hub, volatileNote);
        ObjectNode pinned = DreamApi.memory("The door code of the hardware lab changes with each visitor badge.");
        pinned.put("stability", "volatile");
        pinned.put("pinned", true);
        labCode = api.push(ada, hub, pinned);
        rateNew = api.push(ada, hub, "The API rate limit is now 250 requests per second.");
        backupNo = api.push(ada, hub, "The staging database isn't backed up nightly.");
        printerNo = api.push(ada, hub, "The office printer is not shared with the design team.");
        deskNew = api.push(ada, hub, "Ada's desk is now on floor 5 of the Berlin office.");
        // Unchanged and unread for 200 days: stale when volatile, unless pinned.
        for (UUID id : List.of(coffee, labCode)) {
            SERVER.database()
                    .execute("UPDATE memories SET created_at = now() - interval '200 days', "
                            + "updated_at = now() - interval '200 days' WHERE id = '" + id + "'");
        }
        all = List.of(rateOld, rateNew, backupYes, backupNo, printerYes, printerNo, coffee, labCode, deskOld, deskNew);
        for (UUID id : all) {
            ROWS.put(id, row(id));
        }
    }

    @Test
    @Order(1)
    void aDryRunReportsEveryPhaseAndChangesNothing() {
        JsonNode detail = api.finished(
                ada,
                api.trigger(
                        ada,
                        hub,
                        "{\"dry_run\": true, \"phases\": [\"merge\", \"supersede\", \"contradiction\", \"stale\"]}"));
        JsonNode run = detail.path("run");
        assertThat(run.path("status").asText()).as(detail.toString()).isEqualTo("completed");
        assertThat(run.path("last_finished_phase").asText()).isEqualTo("stale");
        assertThat(run.path("memories_archived").asLong()).as(detail.toString()).isEqualTo(2);
        assertThat(run.path("report").asText()).startsWith("Dry run");
        assertThat(detail.path("actions"))
                .allSatisfy(a -> assertThat(a.path("applied").asBoolean()).isFalse());
        assertExpectedActions(detail);
        for (UUID id : all) {
            assertThat(row(id)).as("memory %s", id).isEqualTo(ROWS.get(id));
        }
        assertThat(reviews()).isEmpty();
    }

    static UUID runId;

    @Test
    @Order(2)
    void aRunSupersedesFlagsAndArchives() {
        runId = api.trigger(ada, hub, "{\"phases\": [\"merge\", \"supersede\", \"contradiction\", \"stale\"]}");
        JsonNode detail = api.finished(ada, runId);
        JsonNode run = detail.path("run");
        assertThat(run.path("status").asText()).as(detail.toString()).isEqualTo("completed");
        assertThat(run.path("memories_archived").asLong()).isEqualTo(2);
        assertThat(run.path("report").asText()).contains("archived 2 superseded or stale memories");
        assertExpectedActions(detail);

        // The old rate limit is superseded by the new one, out of default recall, not deleted.
        JsonNode supersede = action(detail, "supersede", rateOld);
        assertThat(supersede.path("action_type").asText()).isEqualTo("archive");
        assertThat(supersede.path("result_memory_id").asText()).isEqualTo(rateNew.toString());
        assertThat(supersede.path("reason").asText()).contains("100", "250");
        assertThat(supersede.path("similarity").asDouble()).isGreaterThan(0.8);
        assertThat(api.memoryJson(ada, rateOld).path("state").asText()).isEqualTo("archived");
        assertThat(column(rateOld, "superseded_by")).isEqualTo(rateNew.toString());
        assertThat(api.memoryJson(ada, rateOld).path("superseded_by").asText()).isEqualTo(rateNew.toString());
        String query = "{\"query\": \"what is the API rate limit\", \"hub_ids\": [\"" + hub + "\"]";
        assertThat(api.recalled(ada, query + "}")).contains(rateNew).doesNotContain(rateOld);
        assertThat(api.recalled(ada, query + ", \"include_archived\": true}")).contains(rateNew, rateOld);
        JsonNode history = api.ok(api.send(ada, "GET", "/v1/memories/" + rateOld + "/history", null));
        assertThat(history.at("/versions/0/change").asText()).isEqualTo("dream_supersede");

        // The stale volatile memory is archived; the pinned one and the stable one are untouched.
        assertThat(action(detail, "stale", coffee).path("reason").asText()).contains("volatile");
        assertThat(column(coffee, "state")).isEqualTo("archived");
        for (UUID id : List.of(labCode, deskOld, deskNew, backupYes, backupNo, printerYes, printerNo)) {
            assertThat(row(id)).as("memory %s", id).isEqualTo(ROWS.get(id));
        }

        // Each contradiction is one review notification naming both memories and statements.
        List<JsonNode> reviews = reviews();
        assertThat(reviews).hasSize((int) run.path("contradictions_found").asLong());
        JsonNode backup = review(reviews, backupYes);
        assertThat(backup.at("/data/memory_a/id").asText()).isEqualTo(backupYes.toString());
        assertThat(backup.at("/data/memory_b/id").asText()).isEqualTo(backupNo.toString());
        assertThat(backup.at("/data/memory_b/statement").asText()).contains("isn't backed up");
        assertThat(backup.at("/data/cue").asText()).isEqualTo("negation");
        assertThat(backup.at("/data/run_id").asText()).isEqualTo(runId.toString());
        assertThat(backup.path("actions"))
                .extracting(JsonNode::asText)
                .containsExactly("keep_a", "keep_b", "keep_both", "merge");
        assertThat(backup.path("source_kind").asText()).isEqualTo("dream_action");
        // A decision is answered, not dismissed.
        assertThat(api.send(
                                ada,
                                "POST",
                                "/v1/notifications/" + backup.path("id").asText() + "/dismiss",
                                null)
                        .status())
                .isEqualTo(409);
    }

    @Test
    @Order(3)
    void answeringAReviewChangesTheMemoriesAsChosen() {
        List<JsonNode> reviews = reviews();
        JsonNode backup = review(reviews, backupYes);
        JsonNode kept = api.ok(resolve(backup, "keep_b"));
        assertThat(kept.path("resolution").asText()).isEqualTo("kept_b");
        assertThat(column(backupYes, "state")).isEqualTo("archived");
        assertThat(column(backupYes, "superseded_by")).isEqualTo(backupNo.toString());
        assertThat(row(backupNo)).isEqualTo(ROWS.get(backupNo));
        assertThat(resolve(backup, "keep_a").status()).isEqualTo(409);

        JsonNode printer = review(reviews, printerYes);
        assertThat(api.ok(resolve(printer, "merge")).path("resolution").asText())
                .isEqualTo("merged");
        assertThat(column(printerYes, "merged_into")).isEqualTo(printerNo.toString());
        assertThat(column(printerYes, "state")).isEqualTo("archived");
        assertThat(api.memoryJson(ada, printerNo)
                        .at("/metadata/merged_from/0/memory_id")
                        .asText())
                .isEqualTo(printerYes.toString());

        // Keep both changes nothing.
        for (JsonNode other : reviews) {
            if (other != backup && other != printer) {
                assertThat(api.ok(resolve(other, "keep_both"))
                                .path("resolution")
                                .asText())
                        .isEqualTo("kept_both");
            }
        }
        assertThat(row(deskOld)).isEqualTo(ROWS.get(deskOld));

        // The answers are actions of the run, in the memories' history.
        JsonNode detail = api.finished(ada, runId);
        assertThat(action(detail, "contradiction", backupYes, "archive")
                        .path("result_memory_id")
                        .asText())
                .isEqualTo(backupNo.toString());
        assertThat(action(detail, "contradiction", printerYes, "merge")
                        .path("applied")
                        .asBoolean())
                .isTrue();
        JsonNode history = api.ok(api.send(ada, "GET", "/v1/memories/" + backupYes + "/history", null));
        assertThat(history.at("/versions/0/change").asText()).isEqualTo("dream_contradiction");
    }

    @Test
    @Order(4)
    void undoPerActionAndPerRunRestoresEveryField() {
        JsonNode detail = api.finished(ada, runId);
        String supersede = action(detail, "supersede", rateOld).path("id").asText();
        JsonNode undone = api.ok(api.send(ada, "POST", "/v1/dreams/actions/" + supersede + "/undo", null));
        assertThat(undone.path("undone_at").isNull()).isFalse();
        assertThat(row(rateOld)).isEqualTo(ROWS.get(rateOld));
        assertThat(column(coffee, "state")).isEqualTo("archived");

        // A flag changed no memory: undoing it restores nothing and succeeds.
        String flag = action(detail, "contradiction", backupYes, "contradiction")
                .path("id")
                .asText();
        assertThat(api.send(ada, "POST", "/v1/dreams/actions/" + flag + "/undo", null)
                        .status())
                .isEqualTo(200);

        JsonNode runUndone = api.ok(api.send(ada, "POST", "/v1/dreams/" + runId + "/undo", null));
        assertThat(runUndone.path("undone_at").isNull()).isFalse();
        for (UUID id : all) {
            assertThat(row(id)).as("memory %s", id).isEqualTo(ROWS.get(id));
        }
    }

    /** Supersede, stale and one flag per planted contradiction; nothing else, nothing on protected memories. */
    private static void assertExpectedActions(JsonNode detail) {
        List<String> seen = new ArrayList<>();
        for (JsonNode a : detail.path("actions")) {
            seen.add(a.path("phase").asText() + ":" + a.path("action_type").asText() + ":" + ids(a.path("memory_ids")));
        }
        assertThat(seen)
                .as(detail.toString())
                .contains(
                        "supersede:archive:" + List.of(rateOld, rateNew),
                        "contradiction:contradiction:" + List.of(backupYes, backupNo),
                        "contradiction:contradiction:" + List.of(printerYes, printerNo),
                        "stale:archive:" + List.of(coffee))
                .noneMatch(s -> s.contains(labCode.toString()))
                .noneMatch(s -> s.startsWith("supersede") && s.contains(deskOld.toString()))
                .noneMatch(s -> s.startsWith("contradiction") && s.contains(rateOld.toString()))
                .allMatch(s -> !s.startsWith("merge"));
    }

    private static List<UUID> ids(JsonNode array) {
        List<UUID> out = new ArrayList<>();
        array.forEach(n -> out.add(UUID.fromString(n.asText())));
        return out;
    }

    private static JsonNode action(JsonNode detail, String phase, UUID memory) {
        return action(detail, phase, memory, null);
    }

    private static JsonNode action(JsonNode detail, String phase, UUID memory, String type) {
        for (JsonNode a : detail.path("actions")) {
            if (a.path("phase").asText().equals(phase)
                    && (type == null || a.path("action_type").asText().equals(type))
                    && ids(a.path("memory_ids")).contains(memory)) {
                return a;
            }
        }
        throw new AssertionError("no " + phase + " action touches " + memory + ": " + detail);
    }

    private static List<JsonNode> reviews() {
        JsonNode page = api.ok(api.send(ada, "GET", "/v1/notifications?kind=review_contradiction&status=all", null));
        List<JsonNode> out = new ArrayList<>();
        page.path("notifications").forEach(out::add);
        return out;
    }

    private static JsonNode review(List<JsonNode> reviews, UUID memoryA) {
        return reviews.stream()
                .filter(n -> n.at("/data/memory_a/id").asText().equals(memoryA.toString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no review of " + memoryA + ": " + reviews));
    }

    private static Http.Result resolve(JsonNode notification, String action) {
        return api.send(
                ada,
                "POST",
                "/v1/notifications/" + notification.path("id").asText() + "/resolve",
                "{\"action\": \"" + action + "\"}");
    }

    /** The stored row without the columns that reads and restores move (a restore is a new version). */
    private static String row(UUID memory) {
        return SERVER.database()
                .queryString("SELECT (to_jsonb(m) - 'access_count' - 'accessed_at' - 'version' - 'updated_at')::text "
                        + "FROM memories m WHERE id = '" + memory + "'");
    }

    private static String column(UUID memory, String column) {
        return SERVER.database().queryString("SELECT " + column + "::text FROM memories WHERE id = '" + memory + "'");
    }
}
