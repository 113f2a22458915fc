package dev.memax.server.dream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Phases 5 and 6 over HTTP against real PostgreSQL and the real embedding model: memories in no
 * topic are organised into topics (a memory a person placed is left where it is), a session's
 * turns get one summary memory citing them, a second run writes no second summary, a dry run
 * changes nothing, and undo (one action, then the run) takes away every topic, link and summary.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DreamTopicsAndSummariesTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension().property("memax.dreams.cooldown", "0s");

    static final String BOTH = "\"phases\": [\"organize\", \"synthesize\"]";
    static DreamApi api;
    static TestUser ada;
    static UUID hub;
    static UUID personal;
    static UUID passport;
    static List<UUID> billing = new ArrayList<>();
    static List<UUID> turns = new ArrayList<>();
    static final Map<UUID, String> ROWS = new HashMap<>();

    @BeforeAll
    static void plant() {
        api = new DreamApi(SERVER);
        ada = api.dreamer("ada");
        hub = api.hubs.createHub(ada, "Organised");
        for (String text : List.of(
                "Invoices for the Acme account are emailed to billing@acme.example on the first of the month.",
                "The Acme invoice must list the purchase order number, or their billing team rejects it.",
                "Acme pays invoices within 30 days; late Acme invoices go to their billing contact.",
                "Billing for Acme: invoices in EUR, VAT shown separately on every invoice.")) {
            billing.add(api.push(ada, hub, text));
        }
        passport = api.push(ada, hub, "My passport expires in March 2031.");
        personal = UUID.fromString(
                api.ok(api.send(ada, "POST", "/v1/topics", "{\"name\": \"Personal\", \"hub_id\": \"" + hub + "\"}"))
                        .path("id")
                        .asText());
        api.ok(api.send(ada, "POST", "/v1/topics/" + personal + "/memories", "{\"memory_id\": \"" + passport + "\"}"));
        for (String text : List.of(
                "We decided to move the nightly backup of the orders database from 2am to 4am.",
                "The backup moves to 4am because the 2am slot collides with the orders export job.",
                "Backup retention for the orders database stays at 14 days after the move.")) {
            ObjectNode turn = DreamApi.memory(text);
            turn.put("kind", "episodic");
            turn.put("session_id", "sess-backup");
            turns.add(api.push(ada, hub, turn));
        }
        for (UUID id : all()) {
            ROWS.put(id, api.row(id));
        }
    }

    static List<UUID> all() {
        List<UUID> out = new ArrayList<>(billing);
        out.addAll(turns);
        out.add(passport);
        return out;
    }

    @Test
    @Order(1)
    void aDryRunChangesNothing() {
        JsonNode detail = api.finished(ada, api.trigger(ada, hub, "{\"dry_run\": true, " + BOTH + "}"));
        assertThat(detail.at("/run/status").asText()).as(detail.toString()).isEqualTo("completed");
        assertThat(DreamApi.phaseActions(detail, "organize")).isNotEmpty();
        assertThat(DreamApi.phaseActions(detail, "synthesize")).hasSize(1);
        assertThat(detail.path("actions"))
                .allSatisfy(a -> assertThat(a.path("applied").asBoolean()).isFalse());
        assertUntouched();
    }

    static UUID run;
    static UUID summary;

    @Test
    @Order(2)
    void aRunOrganisesUnassignedMemoriesAndSummarisesTheSession() {
        run = api.trigger(ada, hub, "{" + BOTH + "}");
        JsonNode detail = api.finished(ada, run);
        assertThat(detail.at("/run/status").asText()).as(detail.toString()).isEqualTo("completed");
        assertThat(detail.at("/run/memories_organized").asLong()).isPositive();

        // Every billing memory sits in one topic the run placed it in, with a confidence.
        String billingTopics = SERVER.database()
                .queryString("SELECT string_agg(DISTINCT topic_id::text, ',') FROM topic_memories "
                        + "WHERE placed_by_run_id = '" + run + "' AND memory_id IN (" + quoted(billing) + ")");
        assertThat(billingTopics).isNotNull().doesNotContain(",");
        assertThat(SERVER.database()
                        .queryLong("SELECT count(*) FROM topic_memories WHERE memory_id IN (" + quoted(billing)
                                + ") AND confidence > 0 AND placed_by_user_id IS NULL"))
                .isEqualTo(billing.size());
        JsonNode tree = api.ok(api.send(ada, "GET", "/v1/topics?hub_id=" + hub, null));
        List<String> names = new ArrayList<>();
        tree.path("topics").forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).contains("Personal").hasSizeGreaterThan(1);
        JsonNode billingTopic = api.ok(api.send(ada, "GET", "/v1/topics/" + billingTopics, null));
        assertThat(billingTopic.path("name").asText()).isNotBlank();

        // The memory a person placed stays where it was, and only there.
        assertThat(SERVER.database()
                        .queryString("SELECT string_agg(topic_id::text || ':' || (placed_by_user_id IS NOT NULL), ',') "
                                + "FROM topic_memories WHERE memory_id = '" + passport + "'"))
                .isEqualTo(personal + ":true");

        // One summary of the session, citing its turns, found by recall.
        JsonNode action = DreamApi.phaseActions(detail, "synthesize").get(0);
        summary = UUID.fromString(action.path("result_memory_id").asText());
        JsonNode written = api.memoryJson(ada, summary);
        assertThat(written.path("kind").asText()).isEqualTo("semantic");
        assertThat(written.path("source").asText()).isEqualTo("dream");
        assertThat(written.path("session_id").asText()).isEqualTo("sess-backup");
        assertThat(ids(written.path("derived_from"))).containsExactlyElementsOf(turns);
        assertThat(ids(written.at("/metadata/derived_from"))).containsExactlyElementsOf(turns);
        JsonNode recall = api.ok(api.send(
                ada,
                "POST",
                "/v1/recall",
                "{\"query\": \"why did the orders database backup move to 4am\", \"hub_ids\": [\"" + hub + "\"]}"));
        JsonNode found = null;
        for (JsonNode m : recall.path("memories")) {
            if (m.path("id").asText().equals(summary.toString())) {
                found = m;
            }
        }
        assertThat(found).as(recall.toString()).isNotNull();
        assertThat(ids(found.path("derived_from"))).containsExactlyElementsOf(turns);
    }

    @Test
    @Order(3)
    void aSecondRunWritesNoSecondSummaryAndMovesNothing() {
        JsonNode detail = api.finished(ada, api.trigger(ada, hub, "{" + BOTH + "}"));
        assertThat(detail.at("/run/status").asText()).isEqualTo("completed");
        assertThat(DreamApi.phaseActions(detail, "synthesize")).isEmpty();
        assertThat(SERVER.database()
                        .queryLong("SELECT count(*) FROM memories WHERE hub_id = '" + hub + "' AND source = 'dream'"))
                .isEqualTo(1);
        assertThat(SERVER.database()
                        .queryLong("SELECT count(*) FROM topic_memories WHERE memory_id IN (" + quoted(all())
                                + ") AND placed_by_run_id IS DISTINCT FROM '" + run
                                + "' AND placed_by_user_id IS NULL"))
                .isZero();
    }

    @Test
    @Order(4)
    void undoTakesAwayTopicsLinksAndTheSummary() {
        JsonNode detail = api.finished(ada, run);
        JsonNode synthesis = DreamApi.phaseActions(detail, "synthesize").get(0);
        api.ok(api.send(
                ada, "POST", "/v1/dreams/actions/" + synthesis.path("id").asText() + "/undo", null));
        assertThat(api.send(ada, "GET", "/v1/memories/" + summary, null).status())
                .isEqualTo(404);

        api.ok(api.send(ada, "POST", "/v1/dreams/" + run + "/undo", null));
        assertUntouched();
        JsonNode tree = api.ok(api.send(ada, "GET", "/v1/topics?hub_id=" + hub, null));
        assertThat(tree.path("topics")).hasSize(1);
        assertThat(tree.at("/topics/0/id").asText()).isEqualTo(personal.toString());
        assertThat(SERVER.database()
                        .queryLong("SELECT count(*) FROM topic_memories WHERE placed_by_run_id IS NOT NULL"))
                .isZero();
    }

    @Test
    @Order(5)
    void aNewTurnReplacesTheSummaryAndUndoBringsTheOldOneBack() {
        String synthesize = "{\"phases\": [\"synthesize\"]}";
        JsonNode first = api.finished(ada, api.trigger(ada, hub, synthesize));
        UUID old = UUID.fromString(DreamApi.phaseActions(first, "synthesize")
                .get(0)
                .path("result_memory_id")
                .asText());
        String oldRow = restorable(old);
        ObjectNode turn = DreamApi.memory("After the move the orders backup finished in 40 minutes at 4am.");
        turn.put("kind", "episodic");
        turn.put("session_id", "sess-backup");
        UUID later = api.push(ada, hub, turn);

        UUID replacing = api.trigger(ada, hub, synthesize);
        JsonNode action = DreamApi.phaseActions(api.finished(ada, replacing), "synthesize")
                .get(0);
        UUID fresh = UUID.fromString(action.path("result_memory_id").asText());
        assertThat(ids(action.path("memory_ids"))).contains(old, later);
        assertThat(api.memoryJson(ada, old).path("state").asText()).isEqualTo("archived");
        assertThat(ids(api.memoryJson(ada, fresh).path("derived_from"))).endsWith(later);

        api.ok(api.send(ada, "POST", "/v1/dreams/" + replacing + "/undo", null));
        assertThat(api.send(ada, "GET", "/v1/memories/" + fresh, null).status()).isEqualTo(404);
        assertThat(restorable(old)).isEqualTo(oldRow);
    }

    /** The row without what every write moves on (a restore is a new version: history is append-only). */
    private static String restorable(UUID memory) {
        return SERVER.database()
                .queryString("SELECT (to_jsonb(m) - 'access_count' - 'accessed_at' - 'version' - 'updated_at')::text "
                        + "FROM memories m WHERE id = '" + memory + "'");
    }

    private static void assertUntouched() {
        for (UUID id : all()) {
            assertThat(api.row(id)).as("memory %s", id).isEqualTo(ROWS.get(id));
        }
        assertThat(SERVER.database()
                        .queryLong("SELECT count(*) FROM memories WHERE hub_id = '" + hub + "' AND source = 'dream'"))
                .isZero();
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM topics WHERE hub_id = '" + hub + "'"))
                .isEqualTo(1);
    }

    private static List<UUID> ids(JsonNode array) {
        List<UUID> out = new ArrayList<>();
        array.forEach(id -> out.add(UUID.fromString(id.asText())));
        return out;
    }

    private static String quoted(List<UUID> ids) {
        return String.join(", ", ids.stream().map(id -> "'" + id + "'").toList());
    }
}
