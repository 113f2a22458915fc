package dev.memax.server.memory;

import static dev.memax.server.hub.HubApi.assertError;
import static dev.memax.server.memory.MemoryApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Create, get, patch, delete, history and the wire shape of a memory. */
class MemoryCrudTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static final List<String> FIELDS = List.of(
            "id",
            "hub_id",
            "owner_id",
            "title",
            "content",
            "content_type",
            "content_hash",
            "summary",
            "kind",
            "stability",
            "tags",
            "source",
            "source_agent",
            "source_path",
            "session_id",
            "metadata",
            "project_context",
            "event_dates",
            "pinned",
            "state",
            "version",
            "topic_id",
            "access_count",
            "created_at",
            "updated_at",
            "accessed_at",
            "expires_at");
    private static MemoryApi api;
    private static TestUser ada;

    @BeforeAll
    static void users() {
        api = new MemoryApi(SERVER);
        ada = api.user("ada");
    }

    private static JsonNode tree(String json) {
        try {
            return MemoryApi.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void createAnswersEveryFieldWithItsDefault() {
        Http.Result result = api.post(ada, "/v1/memories", "{\"content\": \"We deploy on Tuesdays.\"}");
        assertThat(result.status()).as(result.toString()).isEqualTo(201);
        JsonNode m = result.json().path("data");
        assertThat(fieldNames(m)).containsExactlyElementsOf(FIELDS);
        assertThat(m.path("hub_id").asText()).isEqualTo(ada.personalHubId().toString());
        assertThat(m.path("owner_id").asText()).isEqualTo(ada.id().toString());
        assertThat(m.path("title").asText()).isEmpty();
        assertThat(m.path("content").asText()).isEqualTo("We deploy on Tuesdays.");
        assertThat(m.path("content_type").asText()).isEqualTo("text/markdown");
        assertThat(m.path("content_hash").asText()).matches("[0-9a-f]{64}");
        assertThat(m.path("kind").asText()).isEqualTo("semantic");
        assertThat(m.path("stability").asText()).isEqualTo("evolving");
        assertThat(m.path("state").asText()).isEqualTo("active");
        assertThat(m.path("tags").isArray() && m.path("tags").isEmpty()).isTrue();
        assertThat(m.path("metadata").isObject() && m.path("metadata").isEmpty())
                .isTrue();
        assertThat(m.path("project_context").isNull()).isTrue();
        assertThat(m.path("event_dates").isEmpty()).isTrue();
        assertThat(m.path("pinned").asBoolean()).isFalse();
        assertThat(m.path("version").asInt()).isEqualTo(1);
        assertThat(m.path("topic_id").isNull()).isTrue();
        assertThat(m.path("access_count").asLong()).isZero();
        assertThat(m.path("accessed_at").isNull()).isTrue();
        assertThat(m.path("expires_at").isNull()).isTrue();
        assertThat(m.path("created_at").asText()).isEqualTo(m.path("updated_at").asText());

        JsonNode got = api.getOk(ada, "/v1/memories/" + m.path("id").asText());
        assertThat(got).isEqualTo(m);
    }

    @Test
    void everyFieldRoundTrips() {
        String body = """
                {"content": "# Release\\n\\nShip the **beta** on Friday.", "title": "Release plan",
                 "summary": "Beta ships Friday", "kind": "procedural", "stability": "stable",
                 "tags": ["release", " beta ", "release"], "source": "slack", "source_agent": "claude",
                 "source_path": "notes/release.md", "metadata": {"channel": "#eng", "n": 3, "nested": {"a": [1, 2]}},
                 "project_context": {"repo": "memax", "project": "api", "branch": "main"},
                 "event_dates": ["2026-03-01T10:00:00Z", "2026-03-05"], "pinned": true, "expires_in": "7d",
                 "content_type": "markdown", "hint": "ignored", "assisted_by_agent": true}
                """;
        Instant before = Instant.now();
        JsonNode m = api.create(ada, body);
        assertThat(m.path("title").asText()).isEqualTo("Release plan");
        assertThat(m.path("summary").asText()).isEqualTo("Beta ships Friday");
        assertThat(m.path("kind").asText()).isEqualTo("procedural");
        assertThat(m.path("stability").asText()).isEqualTo("stable");
        assertThat(m.path("tags")).extracting(JsonNode::asText).containsExactly("release", "beta");
        assertThat(m.path("source").asText()).isEqualTo("slack");
        assertThat(m.path("source_agent").asText()).isEqualTo("claude");
        assertThat(m.path("source_path").asText()).isEqualTo("notes/release.md");
        assertThat(m.path("metadata")).isEqualTo(tree("{\"channel\":\"#eng\",\"n\":3,\"nested\":{\"a\":[1,2]}}"));
        assertThat(m.path("project_context"))
                .isEqualTo(tree("{\"repo\":\"memax\",\"project\":\"api\",\"branch\":\"main\"}"));
        assertThat(m.path("event_dates"))
                .extracting(n -> Instant.parse(n.asText()))
                .containsExactly(Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-05T00:00:00Z"));
        assertThat(m.path("pinned").asBoolean()).isTrue();
        assertThat(m.path("content_type").asText())
                .as("content_type in requests is ignored")
                .isEqualTo("text/markdown");
        Instant expires = Instant.parse(m.path("expires_at").asText());
        assertThat(Duration.between(before, expires).toHours()).isBetween(167L, 168L);
        assertThat(api.getOk(ada, "/v1/memories/" + m.path("id").asText())).isEqualTo(m);
    }

    @Test
    void chunksFollowTheHeadingsAndCarryVectors() {
        String content = "Intro line.\n\n# Setup\nInstall it.\n\n## Linux\nUse apt.\n\n```\n# not a heading\n```\n"
                + "## macOS\nUse brew.\n# Usage\nRun it.";
        UUID id = UUID.fromString(api.create(ada, json("title", "Tool guide", "content", content))
                .path("id")
                .asText());
        assertThat(api.count("SELECT count(*) FROM memory_chunks WHERE memory_id = '" + id + "'"))
                .isEqualTo(5);
        assertThat(api.count("SELECT count(*) FROM memory_chunks WHERE memory_id = '" + id + "' AND ordinal = 2 "
                        + "AND heading_chain = ARRAY['Setup', 'Linux'] AND content LIKE 'Use apt.%# not a heading%'"))
                .isEqualTo(1);
        assertThat(api.count("SELECT count(*) FROM memory_chunks WHERE memory_id = '" + id + "' AND ordinal = 4 "
                        + "AND heading_chain = ARRAY['Usage'] AND content = 'Run it.'"))
                .isEqualTo(1);
        assertThat(api.count("SELECT count(*) FROM memory_chunks WHERE memory_id = '" + id + "' AND hub_id = '"
                        + ada.personalHubId()
                        + "' AND vector_dims(embedding) > 0 AND tsv @@ to_tsquery('english', 'brew')"))
                .isEqualTo(1);
    }

    @Test
    void unknownKindsAndStabilitiesAreStoredAsTheDefaultWithAWarning() {
        // As Memax does (docs/architecture.md §5.12): the Memax SDK's "reference" kind must not fail a push.
        Http.Result pushed = api.post(
                ada, "/v1/memories", "{\"content\": \"x\", \"kind\": \"reference\", \"stability\": \"forever\"}");
        assertThat(pushed.status()).as(pushed.toString()).isEqualTo(201);
        assertThat(pushed.json().at("/data/kind").asText()).isEqualTo("semantic");
        assertThat(pushed.json().at("/data/stability").asText()).isEqualTo("evolving");
        assertThat(pushed.header("X-Memax-Warning"))
                .hasValueSatisfying(w -> assertThat(w)
                        .contains("kind \"reference\"")
                        .contains("stored as \"semantic\"")
                        .contains("stability \"forever\""));
        String id = pushed.json().at("/data/id").asText();

        Http.Result known = api.post(ada, "/v1/memories", "{\"content\": \"y\", \"kind\": \"Procedural\"}");
        assertThat(known.json().at("/data/kind").asText()).isEqualTo("procedural");
        assertThat(known.header("X-Memax-Warning")).isEmpty();

        Http.Result patched =
                api.send(ada, "PATCH", "/v1/memories/" + id, "{\"kind\": \"rationale\", \"stability\": \"eternal\"}");
        assertThat(patched.json().at("/data/kind").asText()).isEqualTo("rationale");
        assertThat(patched.json().at("/data/stability").asText()).isEqualTo("evolving");
        assertThat(patched.header("X-Memax-Warning"))
                .hasValueSatisfying(w -> assertThat(w).startsWith("stability"));

        Http.Result batch = api.post(
                ada,
                "/v1/memories/batch",
                "{\"memories\": [{\"content\": \"a\"}, {\"content\": \"b\", \"kind\": \"note\"}]}");
        assertThat(batch.status()).as(batch.toString()).isEqualTo(201);
        assertThat(batch.json().at("/data/memories/1/kind").asText()).isEqualTo("semantic");
        assertThat(batch.header("X-Memax-Warning"))
                .hasValueSatisfying(w -> assertThat(w).startsWith("memories[1].kind \"note\""));
    }

    @Test
    void wrongTypesAre400() {
        Http.Result type = api.post(ada, "/v1/memories", "{\"content\": \"x\", \"pinned\": {\"a\": 1}}");
        assertError(type, 400, "bad_request");
        assertThat(type.json().at("/error/details/fields/pinned").asText()).isEqualTo("must be a boolean");
        assertError(api.post(ada, "/v1/memories", "{\"content\": \"x\", \"metadata\": \"m\"}"), 400, "bad_request");
        assertError(api.post(ada, "/v1/memories", "{\"content\": [\"x\", \"y\"]}"), 400, "bad_request");
        assertError(api.post(ada, "/v1/memories", "{\"title\": \"no content\"}"), 422, "validation_failed");
        assertError(api.post(ada, "/v1/memories", "{\"content\": \"  \"}"), 422, "validation_failed");
        Http.Result dates = api.post(
                ada,
                "/v1/memories",
                "{\"content\": \"x\", \"event_dates\": [\"soon\"]," + " \"expires_in\": \"1 week\"}");
        assertError(dates, 422, "validation_failed");
        assertThat(dates.json().at("/error/details/fields").has("event_dates[0]"))
                .isTrue();
        assertThat(dates.json().at("/error/details/fields").has("expires_in")).isTrue();
    }

    @Test
    void writesGoToTheBodyHubThenXHubIdThenThePersonalHub() {
        UUID team = api.hubs.createHub(
                ada, "Ada team " + UUID.randomUUID().toString().substring(0, 6));
        UUID other = api.hubs.createHub(
                ada, "Ada other " + UUID.randomUUID().toString().substring(0, 6));
        assertThat(api.create(ada, "{\"content\": \"h\"}", "X-Hub-ID", team.toString())
                        .path("hub_id")
                        .asText())
                .isEqualTo(team.toString());
        assertThat(api.create(ada, json("content", "b", "hub_id", other.toString()), "X-Hub-ID", team.toString())
                        .path("hub_id")
                        .asText())
                .isEqualTo(other.toString());
        assertError(
                api.post(
                        ada,
                        "/v1/memories",
                        "{\"content\": \"x\"}",
                        "X-Hub-ID",
                        UUID.randomUUID().toString()),
                404,
                "not_found");
        assertError(api.post(ada, "/v1/memories", "{\"content\": \"x\", \"hub_id\": \"nope\"}"), 404, "not_found");
    }

    @Test
    void patchChangesOnlyWhatIsSentBumpsTheVersionAndRecordsWhoChangedWhat() {
        JsonNode m = api.create(
                ada,
                json(
                        "content",
                        "Postgres 15 in prod.",
                        "title",
                        "DB",
                        "source",
                        "chat",
                        "tags",
                        List.of("db"),
                        "expires_in",
                        "30d"));
        String path = "/v1/memories/" + m.path("id").asText();
        Http.Result patched = api.send(
                ada,
                "PATCH",
                path,
                "{\"title\": \"Database\", \"tags\": [\"db\", \"ops\"], "
                        + "\"source\": null, \"expires_at\": null, \"pinned\": true, \"kind\": \"episodic\"}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        JsonNode p = patched.json().path("data");
        assertThat(p.path("version").asInt()).isEqualTo(2);
        assertThat(p.path("title").asText()).isEqualTo("Database");
        assertThat(p.path("content").asText()).isEqualTo("Postgres 15 in prod.");
        assertThat(p.path("tags")).extracting(JsonNode::asText).containsExactly("db", "ops");
        assertThat(p.path("source").isNull()).isTrue();
        assertThat(p.path("expires_at").isNull()).isTrue();
        assertThat(p.path("pinned").asBoolean()).isTrue();
        assertThat(p.path("kind").asText()).isEqualTo("episodic");
        assertThat(p.path("created_at").asText()).isEqualTo(m.path("created_at").asText());
        assertThat(Instant.parse(p.path("updated_at").asText()))
                .isAfter(Instant.parse(m.path("updated_at").asText()));
        assertThat(api.getOk(ada, path)).isEqualTo(p);

        Http.Result noop = api.send(ada, "PATCH", path, "{\"title\": \"Database\", \"unknown\": 1}");
        assertThat(noop.json().at("/data/version").asInt())
                .as("nothing changed: no new version")
                .isEqualTo(2);

        Http.Result content = api.send(ada, "PATCH", path, "{\"content\": \"Postgres 16 in prod.\"}");
        assertThat(content.json().at("/data/version").asInt()).isEqualTo(3);
        assertThat(api.count("SELECT count(*) FROM memory_chunks WHERE memory_id = '"
                        + m.path("id").asText() + "' AND content = 'Postgres 16 in prod.'"))
                .isEqualTo(1);
        assertThat(api.count("SELECT count(*) FROM memory_chunks WHERE memory_id = '"
                        + m.path("id").asText() + "'"))
                .isEqualTo(1);

        JsonNode history = api.getOk(ada, path + "/history");
        assertThat(history.path("total").asLong()).isEqualTo(3);
        JsonNode versions = history.path("versions");
        assertThat(versions).extracting(v -> v.path("version").asInt()).containsExactly(3, 2, 1);
        assertThat(versions)
                .extracting(v -> v.path("change").asText())
                .containsExactly("updated", "updated", "created");
        assertThat(versions)
                .allSatisfy(v -> assertThat(v.path("changed_by").asText())
                        .isEqualTo(ada.id().toString()));
        assertThat(versions.get(0).path("changed_at").asText())
                .isEqualTo(content.json().at("/data/updated_at").asText());
        assertThat(versions.get(0).path("changes").toString())
                .isEqualTo("{\"content\":{\"from\":\"Postgres 15 in prod.\",\"to\":\"Postgres 16 in prod.\"}}");
        JsonNode second = versions.get(1).path("changes");
        assertThat(second.path("title").toString()).isEqualTo("{\"from\":\"DB\",\"to\":\"Database\"}");
        assertThat(second.path("tags").toString()).isEqualTo("{\"from\":[\"db\"],\"to\":[\"db\",\"ops\"]}");
        assertThat(second.path("source").toString()).isEqualTo("{\"from\":\"chat\",\"to\":null}");
        assertThat(second.path("pinned").toString()).isEqualTo("{\"from\":false,\"to\":true}");
        assertThat(second.path("kind").toString()).isEqualTo("{\"from\":\"semantic\",\"to\":\"episodic\"}");
        assertThat(second.path("expires_at").path("from").asText())
                .isEqualTo(m.path("expires_at").asText());
        assertThat(second.has("content")).isFalse();
        assertThat(versions.get(2).path("changes").isEmpty()).isTrue();
    }

    @Test
    void patchRejectsBadValuesAndChangesNothing() {
        UUID id = api.createContent(ada, "Keep me.");
        String path = "/v1/memories/" + id;
        long before = api.fingerprint(id);
        assertError(api.send(ada, "PATCH", path, "{\"state\": \"processing\"}"), 422, "validation_failed");
        assertError(api.send(ada, "PATCH", path, "{\"state\": \"gone\"}"), 422, "validation_failed");
        assertError(api.send(ada, "PATCH", path, "{\"content\": null}"), 422, "validation_failed");
        assertError(api.send(ada, "PATCH", path, "{\"kind\": null}"), 422, "validation_failed");
        assertError(api.send(ada, "PATCH", path, "{\"topic_id\": \"x\"}"), 422, "validation_failed");
        assertError(api.send(ada, "PATCH", path, "{\"title\": \"" + "t".repeat(501) + "\"}"), 422, "validation_failed");
        assertError(api.send(ada, "PATCH", path, "{\"tags\": {\"a\": 1}}"), 400, "bad_request");
        assertError(api.send(ada, "PATCH", path, "[1]"), 400, "bad_request");
        assertError(
                api.send(ada, "PATCH", path, "{\"content\": \"" + "x".repeat(MemoryLimits.CONTENT_BYTES + 1) + "\"}"),
                413,
                "payload_too_large");
        assertThat(api.fingerprint(id)).isEqualTo(before);

        assertError(
                api.send(ada, "PATCH", path, "{\"topic_id\": \"" + UUID.randomUUID() + "\"}"),
                422,
                "validation_failed");
        assertThat(api.fingerprint(id)).as("a topic the hub does not hold").isEqualTo(before);
        Http.Result topic = api.post(ada, "/v1/topics", json("name", "Patched in"));
        assertThat(topic.status()).as(topic.toString()).isEqualTo(201);
        Http.Result archived = api.send(
                ada,
                "PATCH",
                path,
                "{\"state\": \"archived\", \"topic_id\": \""
                        + topic.json().at("/data/id").asText() + "\", \"expires_in\": \"2h\"}");
        assertThat(archived.status()).as(archived.toString()).isEqualTo(200);
        assertThat(archived.json().at("/data/state").asText()).isEqualTo("archived");
        assertThat(archived.json().at("/data/expires_at").isNull()).isFalse();
    }

    @Test
    void patchToASourcePathTheHubHoldsIsAConflict() {
        api.create(ada, json("content", "a", "source_path", "conflict/a.md"));
        UUID b = UUID.fromString(api.create(ada, json("content", "b", "source_path", "conflict/b.md"))
                .path("id")
                .asText());
        assertError(
                api.send(ada, "PATCH", "/v1/memories/" + b, "{\"source_path\": \"conflict/a.md\"}"), 409, "conflict");
        assertThat(api.getOk(ada, "/v1/memories/" + b).path("source_path").asText())
                .isEqualTo("conflict/b.md");
    }

    @Test
    void deleteRemovesTheMemoryItsChunksAndItsHistory() {
        UUID id = api.createContent(ada, "Short-lived.");
        api.send(ada, "PATCH", "/v1/memories/" + id, "{\"title\": \"t\"}");
        Http.Result deleted = api.send(ada, "DELETE", "/v1/memories/" + id, null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("data").toString()).isEqualTo("{\"id\":\"" + id + "\",\"deleted\":true}");
        assertError(api.get(ada, "/v1/memories/" + id), 404, "not_found");
        assertError(api.send(ada, "DELETE", "/v1/memories/" + id, null), 404, "not_found");
        assertThat(api.count("SELECT count(*) FROM memory_chunks WHERE memory_id = '" + id + "'"))
                .isZero();
        assertThat(api.count("SELECT count(*) FROM memory_versions WHERE memory_id = '" + id + "'"))
                .isZero();
    }

    @Test
    void malformedAndUnknownIdsAreNotFound() {
        for (String id : List.of("nope", UUID.randomUUID().toString())) {
            assertError(api.get(ada, "/v1/memories/" + id), 404, "not_found");
            assertError(api.send(ada, "PATCH", "/v1/memories/" + id, "{\"title\": \"x\"}"), 404, "not_found");
            assertError(api.send(ada, "DELETE", "/v1/memories/" + id, null), 404, "not_found");
            assertError(api.get(ada, "/v1/memories/" + id + "/history"), 404, "not_found");
            assertError(api.get(ada, "/v1/memories/" + id + "/related"), 404, "not_found");
        }
    }

    @Test
    void historyPagesNewestFirst() {
        UUID id = api.createContent(ada, "v1");
        for (int i = 2; i <= 5; i++) {
            api.send(ada, "PATCH", "/v1/memories/" + id, "{\"content\": \"v" + i + "\"}");
        }
        List<Integer> seen = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = api.getOk(ada, "/v1/memories/" + id + "/history?limit=2&cursor=" + cursor);
            page.path("versions").forEach(v -> seen.add(v.path("version").asInt()));
            cursor = page.path("next_cursor").asText();
            assertThat(page.path("has_more").asBoolean()).isEqualTo(!cursor.isEmpty());
        } while (!cursor.isEmpty());
        assertThat(seen).containsExactly(5, 4, 3, 2, 1);
        assertError(api.get(ada, "/v1/memories/" + id + "/history?cursor=forged.cursor"), 400, "bad_request");
    }

    @Test
    void hubsCountTheirMemories() {
        TestUser counter = api.user("counter");
        UUID team = api.hubs.createHub(counter, "Counted");
        api.createContent(counter, "one");
        api.createContent(counter, "two", "X-Hub-ID", team.toString());
        api.createContent(counter, "three", "X-Hub-ID", team.toString());
        UUID expiring = api.createContent(counter, "four", "X-Hub-ID", team.toString());
        SERVER.database()
                .execute("UPDATE memories SET expires_at = now() - interval '1 minute' WHERE id = '" + expiring + "'");
        JsonNode hubs = api.getOk(counter, "/v1/hubs");
        assertThat(hubs)
                .extracting(e ->
                        e.at("/hub/id").asText() + "=" + e.path("memory_count").asLong())
                .containsExactly(counter.personalHubId() + "=1", team + "=2");
        assertThat(api.getOk(counter, "/v1/hubs/" + team).path("memory_count").asLong())
                .isEqualTo(2);
    }
}
