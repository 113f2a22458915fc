package dev.memax.server.dream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A dream over a fixture hub, over HTTP against real PostgreSQL and the real embedding model:
 * planted exact and paraphrased duplicates are merged, distinct-but-similar memories (two keys'
 * rotation rules) and protected ones are left alone, a dry run changes nothing, and undo brings
 * every touched memory back field for field.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DreamRunTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension().property("memax.dreams.cooldown", "0s");

    static DreamApi api;
    static TestUser ada;
    static UUID hub;
    static UUID exactA;
    static UUID exactB;
    static UUID pinnedCopy;
    static UUID paraphraseA;
    static UUID paraphraseB;
    static UUID stripe;
    static UUID github;
    static UUID tea;
    static List<UUID> all;
    /** GET /v1/memories/{id} of every fixture memory before any dream. */
    static final Map<UUID, JsonNode> BEFORE = new HashMap<>();

    static final Map<UUID, String> ROWS = new HashMap<>();

    @BeforeAll
    static void plant() {
        api = new DreamApi(SERVER);
        ada = api.dreamer("ada");
        hub = api.hubs.createHub(ada, "Dreams");
        ObjectNode first = DreamApi.memory("The staging database is reset every Sunday at midnight UTC.");
        first.putArray("tags").add("ops");
        exactA = api.push(ada, hub, first);
        ObjectNode second = DreamApi.memory("The staging database is reset every Sunday at midnight UTC.");
        second.putArray("tags").add("database");
        second.put("source", "slack");
        second.putObject("metadata").put("ticket", "OPS-12");
        second.putArray("event_dates").add("2026-03-01T00:00:00Z");
        exactB = api.push(ada, hub, second);
        ObjectNode pinned = DreamApi.memory("The staging database is reset every Sunday at midnight UTC.");
        pinned.put("pinned", true);
        pinnedCopy = api.push(ada, hub, pinned);
        paraphraseA = api.push(ada, hub, "Deploys to production happen on Fridays after 3pm.");
        paraphraseB = api.push(ada, hub, "Production deployments happen every Friday after 3pm.");
        stripe = api.push(ada, hub, "The Stripe API key is rotated every 90 days by the payments team.");
        github = api.push(ada, hub, "The GitHub API key is rotated every 30 days by the platform team.");
        tea = api.push(ada, hub, "Ada prefers green tea over coffee in the morning.");
        all = List.of(exactA, exactB, pinnedCopy, paraphraseA, paraphraseB, stripe, github, tea);
        for (UUID id : all) {
            BEFORE.put(id, api.memoryJson(ada, id));
            ROWS.put(id, api.row(id));
        }
    }

    @Test
    @Order(1)
    void aDryRunReportsTheMergesAndChangesNothing() {
        UUID run = api.trigger(
                ada, hub, "{\"dry_run\": true, \"phases\": [\"merge\", \"supersede\", \"contradiction\", \"stale\"]}");
        JsonNode detail = api.finished(ada, run);
        assertThat(detail.at("/run/status").asText()).isEqualTo("completed");
        assertThat(detail.at("/run/dry_run").asBoolean()).isTrue();
        assertThat(detail.at("/run/duplicates_merged").asLong()).isEqualTo(2);
        assertThat(detail.path("actions"))
                .hasSize(2)
                .allSatisfy(a -> assertThat(a.path("applied").asBoolean()).isFalse());
        assertThat(groups(detail)).containsExactlyInAnyOrder(Set.of(exactA, exactB), Set.of(paraphraseA, paraphraseB));
        for (UUID id : all) {
            assertThat(api.row(id)).as("memory %s", id).isEqualTo(ROWS.get(id));
        }
        String action = detail.at("/actions/0/id").asText();
        Http.Result undo = api.send(ada, "POST", "/v1/dreams/actions/" + action + "/undo", null);
        assertThat(undo.status()).as(undo.toString()).isEqualTo(409);
        assertThat(undo.errorCode()).isEqualTo("dream_undo_conflict");
    }

    static UUID merged;

    @Test
    @Order(2)
    void aRunMergesExactlyTheDuplicates() {
        UUID run = api.trigger(ada, hub, "{\"phases\": [\"merge\", \"supersede\", \"contradiction\", \"stale\"]}");
        JsonNode detail = api.finished(ada, run);
        JsonNode summary = detail.path("run");
        assertThat(summary.path("status").asText()).as(detail.toString()).isEqualTo("completed");
        assertThat(summary.path("duplicates_merged").asLong()).isEqualTo(2);
        assertThat(summary.path("memories_scanned").asLong()).isEqualTo(8);
        assertThat(summary.path("last_finished_phase").asText()).isEqualTo("stale");
        assertThat(summary.at("/phase_metrics/merge/actions").asInt()).isEqualTo(2);
        assertThat(summary.path("report").asText()).contains("merged 2 duplicates");
        assertThat(groups(detail)).containsExactlyInAnyOrder(Set.of(exactA, exactB), Set.of(paraphraseA, paraphraseB));

        JsonNode exactAction = actionOf(detail, exactA);
        UUID survivor = UUID.fromString(exactAction.path("result_memory_id").asText());
        merged = UUID.fromString(exactAction.at("/source_memory_ids/0").asText());
        assertThat(exactAction.path("reason").asText()).contains("vector similarity");
        assertThat(exactAction.path("similarity").asDouble()).isGreaterThan(0.99);

        // The survivor keeps the merged one's tags, dates, metadata and provenance.
        JsonNode kept = api.memoryJson(ada, survivor);
        assertThat(kept.path("state").asText()).isEqualTo("active");
        assertThat(texts(kept.path("tags"))).containsExactlyInAnyOrder("ops", "database");
        assertThat(kept.at("/metadata/ticket").asText()).isEqualTo("OPS-12");
        assertThat(kept.at("/metadata/merged_from/0/memory_id").asText()).isEqualTo(merged.toString());
        assertThat(kept.path("event_dates")).hasSize(1);
        JsonNode gone = api.memoryJson(ada, merged);
        assertThat(gone.path("state").asText()).isEqualTo("archived");
        assertThat(SERVER.database().queryString("SELECT merged_into::text FROM memories WHERE id = '" + merged + "'"))
                .isEqualTo(survivor.toString());

        // Distinct, protected and unrelated memories are untouched.
        for (UUID id : List.of(pinnedCopy, stripe, github, tea)) {
            assertThat(api.row(id)).as("memory %s", id).isEqualTo(ROWS.get(id));
        }

        // The merge is in both memories' history, naming the action.
        JsonNode history = api.ok(api.send(ada, "GET", "/v1/memories/" + merged + "/history", null));
        assertThat(history.at("/versions/0/change").asText()).isEqualTo("dream_merge");
        assertThat(history.at("/versions/0/changes/dream_action/to").asText())
                .isEqualTo(exactAction.path("id").asText());
        assertThat(history.at("/versions/0/changes/state/to").asText()).isEqualTo("archived");
        assertThat(api.memoryJson(ada, merged).path("merged_into").asText()).isEqualTo(survivor.toString());
        assertThat(api.memoryJson(ada, survivor).has("merged_into")).isFalse();

        // Recall leaves merged memories out unless asked for archived ones.
        String query = "{\"query\": \"when is the staging database reset\", \"hub_ids\": [\"" + hub + "\"]";
        assertThat(api.recalled(ada, query + "}")).contains(survivor).doesNotContain(merged);
        assertThat(api.recalled(ada, query + ", \"include_archived\": true}")).contains(survivor, merged);
    }

    @Test
    @Order(3)
    void runsReportAndUsageReadAsTheSdkExpects() {
        JsonNode list = api.ok(api.send(ada, "GET", "/v1/dreams?hub_id=" + hub + "&limit=1", null));
        assertThat(list.path("runs")).hasSize(1);
        assertThat(list.path("has_more").asBoolean()).isTrue();
        JsonNode next = api.ok(api.send(
                ada,
                "GET",
                "/v1/dreams?hub_id=" + hub + "&limit=1&cursor="
                        + list.path("next_cursor").asText(),
                null));
        assertThat(next.at("/runs/0/dry_run").asBoolean()).isTrue();
        assertThat(api.ok(api.send(ada, "GET", "/v1/dreams", null)).path("runs"))
                .hasSize(2);

        JsonNode report = api.ok(api.send(ada, "GET", "/v1/dreams/report", null, "X-Hub-ID", hub.toString()));
        assertThat(report.path("has_run").asBoolean()).isTrue();
        assertThat(report.at("/run/duplicates_merged").asLong()).isEqualTo(2);
        assertThat(report.path("actions")).hasSize(2);
        assertThat(report.at("/intelligence/latest_run/merged").asLong()).isEqualTo(2);
        JsonNode personal = api.ok(api.send(ada, "GET", "/v1/dreams/report", null));
        assertThat(personal.path("has_run").asBoolean()).isFalse();

        JsonNode usage = api.ok(api.send(ada, "GET", "/v1/usage/dreams?hub_id=" + hub, null));
        assertThat(usage.path("scope").asText()).isEqualTo("hub");
        assertThat(usage.path("limit").asLong()).isEqualTo(-1);
        assertThat(usage.path("used").asLong()).isEqualTo(2);
        assertThat(usage.has("remaining")).isFalse();
        assertThat(usage.path("allowed").asBoolean()).isTrue();
    }

    @Test
    @Order(4)
    void undoRestoresEveryFieldOfEveryTouchedMemory() {
        JsonNode latest = api.ok(api.send(ada, "GET", "/v1/dreams?hub_id=" + hub + "&limit=1", null));
        UUID run = UUID.fromString(latest.at("/runs/0/id").asText());
        JsonNode detail = api.finished(ada, run);
        JsonNode exactAction = actionOf(detail, exactA);

        JsonNode undone = api.ok(api.send(
                ada, "POST", "/v1/dreams/actions/" + exactAction.path("id").asText() + "/undo", null));
        assertThat(undone.path("undone_at").isNull()).isFalse();
        assertRestored(exactA, exactB);
        assertThat(api.memoryJson(ada, paraphraseA).path("state").asText()
                        + api.memoryJson(ada, paraphraseB).path("state").asText())
                .contains("archived");

        // Undoing the run undoes what is left; the undone action stays undone (not twice).
        JsonNode runUndone = api.ok(api.send(ada, "POST", "/v1/dreams/" + run + "/undo", null));
        assertThat(runUndone.path("undone_at").isNull()).isFalse();
        assertRestored(exactA, exactB, paraphraseA, paraphraseB);
        JsonNode history = api.ok(api.send(ada, "GET", "/v1/memories/" + merged + "/history", null));
        assertThat(history.path("versions"))
                .extracting(v -> v.path("change").asText())
                .containsExactly("dream_undo", "dream_merge", "created");
        Http.Result again = api.send(
                ada, "POST", "/v1/dreams/actions/" + exactAction.path("id").asText() + "/undo", null);
        assertThat(again.status()).isEqualTo(200);
        assertRestored(exactA, exactB);
    }

    @Test
    @Order(5)
    void undoRefusesToOverwriteALaterChange() {
        UUID run = api.trigger(ada, hub, "{\"phases\": [\"merge\"]}");
        JsonNode detail = api.finished(ada, run);
        JsonNode action = actionOf(detail, exactA);
        UUID survivor = UUID.fromString(action.path("result_memory_id").asText());
        Http.Result patched =
                api.send(ada, "PATCH", "/v1/memories/" + survivor, "{\"tags\": [\"edited-after-the-dream\"]}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        Http.Result undo = api.send(ada, "POST", "/v1/dreams/" + run + "/undo", null);
        assertThat(undo.status()).as(undo.toString()).isEqualTo(409);
        assertThat(undo.errorCode()).isEqualTo("dream_undo_conflict");
        assertThat(undo.json().at("/error/details/memory_id").asText()).isEqualTo(survivor.toString());
        // All or nothing: the other group's merge was not undone either.
        JsonNode other = actionOf(api.finished(ada, run), paraphraseA);
        assertThat(other.path("undone_at").isNull()).isTrue();
    }

    @Test
    @Order(6)
    void refusals() {
        TestUser free = api.hubs.user("free");
        Http.Result noPlan = api.send(free, "POST", "/v1/dreams/trigger", "{}");
        assertThat(noPlan.status()).as(noPlan.toString()).isEqualTo(403);
        assertThat(noPlan.errorCode()).isEqualTo("feature_not_in_plan");
        assertThat(noPlan.json().at("/error/details/feature").asText()).isEqualTo("dreams");
        JsonNode freeUsage = api.ok(api.send(free, "GET", "/v1/usage/dreams", null));
        assertThat(freeUsage.path("limit").asLong()).isZero();
        assertThat(freeUsage.path("remaining").asLong()).isZero();
        assertThat(freeUsage.path("allowed").asBoolean()).isFalse();

        Http.Result unknownPhase =
                api.send(ada, "POST", "/v1/dreams/trigger", "{\"phases\": [\"dance\"]}", "X-Hub-ID", hub.toString());
        assertThat(unknownPhase.status()).isEqualTo(422);

        TestUser viewer = api.hubs.user("viewer");
        api.hubs.addMember(ada, hub, viewer, "viewer");
        Http.Result byViewer = api.send(viewer, "POST", "/v1/dreams/trigger", "{\"hub_id\": \"" + hub + "\"}");
        assertThat(byViewer.status()).as(byViewer.toString()).isEqualTo(403);
        JsonNode seen = api.ok(api.send(viewer, "GET", "/v1/dreams?hub_id=" + hub, null));
        assertThat(seen.path("runs")).isNotEmpty();
        String run = seen.at("/runs/0/id").asText();
        assertThat(api.send(viewer, "POST", "/v1/dreams/" + run + "/undo", null).status())
                .isEqualTo(403);

        assertThat(api.send(free, "GET", "/v1/dreams/" + run, null).status()).isEqualTo(404);
        assertThat(api.send(free, "GET", "/v1/dreams/" + UUID.randomUUID(), null)
                        .status())
                .isEqualTo(404);
        assertThat(api.send(free, "GET", "/v1/dreams?hub_id=" + hub, null).status())
                .isEqualTo(404);
    }

    private static void assertRestored(UUID... ids) {
        for (UUID id : ids) {
            // version and updated_at move on: history is append-only, so a restore is a new version;
            // access_count and accessed_at count this test's own reads (GET /v1/memories/{id}).
            assertThat(withoutMoving(api.memoryJson(ada, id)))
                    .as("memory %s", id)
                    .isEqualTo(withoutMoving(BEFORE.get(id)));
        }
    }

    private static JsonNode withoutMoving(JsonNode memory) {
        ObjectNode copy = memory.deepCopy();
        copy.remove(List.of("version", "updated_at", "access_count", "accessed_at"));
        return copy;
    }

    private static List<Set<UUID>> groups(JsonNode detail) {
        List<Set<UUID>> out = new ArrayList<>();
        detail.path("actions").forEach(a -> {
            Set<UUID> group = new HashSet<>();
            a.path("memory_ids").forEach(id -> group.add(UUID.fromString(id.asText())));
            out.add(group);
        });
        return out;
    }

    private static JsonNode actionOf(JsonNode detail, UUID memory) {
        for (JsonNode action : detail.path("actions")) {
            for (JsonNode id : action.path("memory_ids")) {
                if (id.asText().equals(memory.toString())) {
                    return action;
                }
            }
        }
        throw new AssertionError("no action touches " + memory + ": " + detail);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
