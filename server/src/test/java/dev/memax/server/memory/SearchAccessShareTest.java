package dev.memax.server.memory;

import static dev.memax.server.hub.HubApi.assertError;
import static dev.memax.server.memory.MemoryApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The memory routes the Memax SDK calls beyond CRUD: {@code GET /v1/memories/search},
 * {@code POST /v1/memories/{id}/access}, {@code POST /v1/memories/{id}/share}, and the list's
 * {@code sort=relevant} and {@code actor} (issue 15).
 */
class SearchAccessShareTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static MemoryApi api;
    private static TestUser ada;
    private static TestUser bob;
    private static TestUser carl;
    private static UUID team;

    @BeforeAll
    static void fixture() {
        api = new MemoryApi(SERVER);
        ada = api.user("ada");
        bob = api.user("bob");
        carl = api.user("carl");
        team = api.hubs.createHub(ada, "Search team");
        api.hubs.addMember(ada, team, bob, "viewer");
    }

    private static List<String> ids(JsonNode results, String field) {
        List<String> out = new ArrayList<>();
        results.forEach(r -> out.add(r.path(field).asText()));
        return out;
    }

    private static JsonNode search(TestUser as, String query, String... headers) {
        Http.Result result = api.send(as, "GET", "/v1/memories/search?" + query, null, headers);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json().path("data");
    }

    @Test
    void searchFindsEveryWordTheLastAsAPrefixInReadableHubsOnly() {
        UUID guide = api.createContent(
                ada,
                "# Deploying\n\nRun make deploy.\n\n## Rollback\n\n"
                        + "Run make rollback when the canary alarm fires.");
        UUID schedule = UUID.fromString(api.create(
                        ada,
                        json(
                                "content",
                                "We deploy the gateway on Tuesdays.",
                                "title",
                                "Release schedule",
                                "hub_id",
                                team.toString()))
                .path("id")
                .asText());
        UUID secret = api.createContent(carl, "Carl's rollback canary alarm runbook");

        JsonNode hits = search(ada, "q=rollback%20cana");
        assertThat(ids(hits, "memory_id")).containsExactly(guide.toString());
        JsonNode hit = hits.get(0);
        assertThat(hit.path("snippet").asText()).contains("rollback").contains("canary");
        assertThat(hit.path("heading_chain").asText()).isEqualTo("Deploying > Rollback");
        assertThat(hit.path("hub_id").asText()).isEqualTo(ada.personalHubId().toString());
        assertThat(hit.path("hub_name").asText()).isNotBlank();
        assertThat(hit.path("kind").asText()).isEqualTo("semantic");
        assertThat(hit.path("stability").asText()).isEqualTo("evolving");
        assertThat(hit.path("score").asDouble()).isPositive();

        // Both hubs; the active hub (X-Hub-ID) first; hub_id narrows; bob (viewer) reads only the team's.
        assertThat(ids(search(ada, "q=deploy"), "memory_id"))
                .containsExactlyInAnyOrder(guide.toString(), schedule.toString());
        assertThat(ids(search(ada, "q=deploy", "X-Hub-ID", team.toString()), "memory_id"))
                .containsExactly(schedule.toString(), guide.toString());
        assertThat(ids(search(ada, "q=deploy&hub_id=" + team), "memory_id")).containsExactly(schedule.toString());
        assertThat(search(ada, "q=deploy&hub_id=" + team)
                        .get(0)
                        .path("hub_name")
                        .asText())
                .isEqualTo("Search team");
        assertThat(ids(search(bob, "q=deploy"), "memory_id")).containsExactly(schedule.toString());
        assertThat(ids(search(ada, "q=deploy&limit=1"), "memory_id")).hasSize(1);
        // Carl's memory matches the words but is never seen by ada; his own search finds it.
        assertThat(ids(search(ada, "q=runbook"), "memory_id")).isEmpty();
        assertThat(ids(search(carl, "q=runbook"), "memory_id")).containsExactly(secret.toString());
        // Search syntax is not interpreted: only the words count.
        assertThat(ids(search(ada, "q=" + enc("rollback & !!canary |")), "memory_id"))
                .containsExactly(guide.toString());

        Http.Result missing = api.get(ada, "/v1/memories/search");
        assertError(missing, 422, "validation_failed");
        assertThat(missing.json().at("/error/details/fields/q").asText()).isNotBlank();
        assertThat(api.get(ada, "/v1/memories/search?q=" + enc("!!! ..."))
                        .json()
                        .at("/error/details/fields/q")
                        .asText())
                .isNotBlank();
        Http.Result badLimit = api.get(ada, "/v1/memories/search?q=deploy&limit=0&topic_id=nope");
        assertError(badLimit, 422, "validation_failed");
        assertThat(badLimit.json().at("/error/details/fields").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("limit", "topic_id");
        assertError(api.get(ada, "/v1/memories/search?q=deploy&hub_id=" + carl.personalHubId()), 404, "not_found");
    }

    @Test
    void accessCountsOnlyDeliberateOpensByAnyReader() {
        UUID id = UUID.fromString(
                api.create(ada, json("content", "The on-call phone is in the drawer.", "hub_id", team.toString()))
                        .path("id")
                        .asText());
        api.getOk(ada, "/v1/memories/" + id);
        api.getOk(ada, "/v1/memories/" + id);
        assertThat(api.getOk(ada, "/v1/memories/" + id).path("access_count").asLong())
                .isZero();

        Http.Result first = api.post(ada, "/v1/memories/" + id + "/access", null);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().at("/data/id").asText()).isEqualTo(id.toString());
        assertThat(first.json().at("/data/access_count").asLong()).isEqualTo(1);
        // A viewer reads, so it may record an open too.
        Http.Result second = api.post(bob, "/v1/memories/" + id + "/access", null);
        assertThat(second.json().at("/data/access_count").asLong()).isEqualTo(2);

        JsonNode memory = api.getOk(ada, "/v1/memories/" + id);
        assertThat(memory.path("access_count").asLong()).isEqualTo(2);
        assertThat(memory.path("accessed_at").asText())
                .isEqualTo(second.json().at("/data/accessed_at").asText());
        assertThat(memory.path("version").asInt()).isEqualTo(1);
        assertThat(memory.path("updated_at").asText())
                .isEqualTo(memory.path("created_at").asText());

        assertError(api.post(carl, "/v1/memories/" + id + "/access", null), 404, "not_found");
        assertError(api.post(ada, "/v1/memories/" + UUID.randomUUID() + "/access", null), 404, "not_found");
        assertThat(api.getOk(ada, "/v1/memories/" + id).path("access_count").asLong())
                .isEqualTo(2);
    }

    @Test
    void shareCopiesIntoAHubTheCallerMayWrite() {
        JsonNode original = api.create(
                ada,
                json(
                        "content",
                        "Use the staging bucket for load tests.",
                        "title",
                        "Load tests",
                        "kind",
                        "procedural",
                        "stability",
                        "stable",
                        "tags",
                        List.of("ops", "perf"),
                        "source_agent",
                        "Claude Code",
                        "metadata",
                        Map.of("reviewed", true),
                        "project_context",
                        Map.of("repo", "memax")));
        String id = original.path("id").asText();
        long before = SERVER.database().queryLong("SELECT coalesce(max(id), 0) FROM events");

        Http.Result shared = api.post(ada, "/v1/memories/" + id + "/share", json("target_hub_id", team.toString()));
        assertThat(shared.status()).as(shared.toString()).isEqualTo(201);
        JsonNode copy = shared.json().path("data");
        assertThat(copy.path("id").asText()).isNotEqualTo(id);
        assertThat(copy.path("hub_id").asText()).isEqualTo(team.toString());
        assertThat(copy.path("owner_id").asText()).isEqualTo(ada.id().toString());
        assertThat(copy.path("content").asText()).isEqualTo("Use the staging bucket for load tests.");
        assertThat(copy.path("title").asText()).isEqualTo("Load tests");
        assertThat(copy.path("kind").asText()).isEqualTo("procedural");
        assertThat(copy.path("stability").asText()).isEqualTo("stable");
        assertThat(copy.path("tags")).extracting(JsonNode::asText).containsExactly("ops", "perf");
        assertThat(copy.path("source_agent").asText()).isEqualTo("Claude Code");
        assertThat(copy.at("/project_context/repo").asText()).isEqualTo("memax");
        assertThat(copy.at("/metadata/reviewed").asBoolean()).isTrue();
        assertThat(copy.at("/metadata/shared_from/memory_id").asText()).isEqualTo(id);
        assertThat(copy.at("/metadata/shared_from/hub_id").asText())
                .isEqualTo(ada.personalHubId().toString());
        // The copy is a real memory of the team hub: its members find it; the original is untouched.
        assertThat(ids(search(bob, "q=staging%20bucket"), "memory_id"))
                .containsExactly(copy.path("id").asText());
        JsonNode after = api.getOk(ada, "/v1/memories/" + id);
        assertThat(after.path("hub_id").asText()).isEqualTo(ada.personalHubId().toString());
        assertThat(after.path("version").asInt()).isEqualTo(1);
        assertThat(SERVER.database()
                        .queryString("SELECT string_agg(type || ':' || hub_id || ':' || entity_id || ':' "
                                + "|| (payload ->> 'action'), ',') FROM events WHERE id > " + before))
                .isEqualTo(
                        "hub.memories.changed:" + team + ":" + copy.path("id").asText() + ":created");

        Http.Result none = api.post(ada, "/v1/memories/" + id + "/share", "{}");
        assertError(none, 422, "validation_failed");
        assertThat(none.json().at("/error/details/fields/target_hub_id").asText())
                .isNotBlank();
        assertThat(api.post(ada, "/v1/memories/" + id + "/share", json("target_hub_id", "nope"))
                        .json()
                        .at("/error/details/fields/target_hub_id")
                        .asText())
                .isNotBlank();
        assertThat(api.post(
                                ada,
                                "/v1/memories/" + id + "/share",
                                json("target_hub_id", ada.personalHubId().toString()))
                        .json()
                        .at("/error/details/fields/target_hub_id")
                        .asText())
                .contains("already in");
        // A viewer may not write the team hub; a stranger sees neither the memory nor the hub.
        UUID bobs = api.createContent(bob, "Bob's own note about load tests");
        assertError(
                api.post(bob, "/v1/memories/" + bobs + "/share", json("target_hub_id", team.toString())),
                403,
                "forbidden");
        UUID carls = api.createContent(carl, "Carl's note");
        assertError(
                api.post(carl, "/v1/memories/" + carls + "/share", json("target_hub_id", team.toString())),
                404,
                "not_found");
        assertError(
                api.post(
                        carl,
                        "/v1/memories/" + id + "/share",
                        json("target_hub_id", carl.personalHubId().toString())),
                404,
                "not_found");
        assertThat(SERVER.database()
                        .queryLong("SELECT count(*) FROM memories WHERE hub_id = '" + team
                                + "' AND content LIKE '%note%'"))
                .isZero();
    }

    @Test
    void listSortsByRelevanceAndFiltersByActor() {
        TestUser dora = api.user("dora");
        UUID human = api.createContent(dora, "written by hand");
        UUID claude = UUID.fromString(api.create(dora, json("content", "from claude", "source_agent", "Claude Code"))
                .path("id")
                .asText());
        UUID pinned = UUID.fromString(
                api.create(dora, json("content", "pinned claude", "source_agent", "claude_code", "pinned", true))
                        .path("id")
                        .asText());
        UUID cursor = UUID.fromString(api.create(dora, json("content", "from cursor", "source_agent", "Cursor"))
                .path("id")
                .asText());
        api.post(dora, "/v1/memories/" + human + "/access", null);
        api.post(dora, "/v1/memories/" + human + "/access", null);
        api.post(dora, "/v1/memories/" + cursor + "/access", null);

        JsonNode page1 = api.getOk(dora, "/v1/memories?sort=relevant&limit=2");
        assertThat(ids(page1.path("memories"), "id")).containsExactly(pinned.toString(), human.toString());
        assertThat(page1.path("has_more").asBoolean()).isTrue();
        JsonNode page2 = api.getOk(
                dora,
                "/v1/memories?sort=relevant&limit=2&cursor="
                        + page1.path("next_cursor").asText());
        assertThat(ids(page2.path("memories"), "id")).containsExactly(cursor.toString(), claude.toString());
        assertThat(page2.path("has_more").asBoolean()).isFalse();

        JsonNode claudes = api.getOk(dora, "/v1/memories?actor=claude-code");
        assertThat(ids(claudes.path("memories"), "id")).containsExactly(pinned.toString(), claude.toString());
        assertThat(claudes.path("total").asLong()).isEqualTo(2);
        assertThat(ids(
                        api.getOk(dora, "/v1/memories?actor=" + enc("Claude Code"))
                                .path("memories"),
                        "id"))
                .containsExactly(pinned.toString(), claude.toString());
        assertThat(ids(api.getOk(dora, "/v1/memories?actor=human").path("memories"), "id"))
                .containsExactly(human.toString());
        // The counts ignore the actor filter, honour the others.
        assertThat(claudes.path("actors").toString()).isEqualTo("{\"claude-code\":2,\"cursor\":1,\"human\":1}");
        assertThat(api.getOk(dora, "/v1/memories?pinned=true").path("actors").toString())
                .isEqualTo("{\"claude-code\":1}");
        assertThat(api.getOk(carl, "/v1/memories?actor=claude-code")
                        .path("total")
                        .asLong())
                .isZero();

        Http.Result badActor = api.get(dora, "/v1/memories?actor=" + enc("!!!") + "&sort=best");
        assertError(badActor, 422, "validation_failed");
        assertThat(badActor.json().at("/error/details/fields").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("actor", "sort");
        assertThat(badActor.json().at("/error/details/fields/sort").asText()).contains("relevant");
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
