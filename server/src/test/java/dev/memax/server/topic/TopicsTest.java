package dev.memax.server.topic;

import static dev.memax.server.hub.HubApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /v1/topics} over HTTP: the tree and its counts, filters by subtree, roles, the tree's rules, archive, events. */
class TopicsTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    private HubApi api;
    private TestUser owner;
    private UUID hub;

    @BeforeEach
    void hub() {
        api = new HubApi(SERVER);
        owner = api.user("owner");
        hub = api.createHub(owner, "Topics " + UUID.randomUUID().toString().substring(0, 8));
    }

    private static String json(Object... pairs) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.set((String) pairs[i], JSON.valueToTree(pairs[i + 1]));
        }
        return node.toString();
    }

    private Http.Result create(TestUser as, String name, UUID parent) {
        return api.send(
                as, "POST", "/v1/topics", json("name", name, "hub_id", hub.toString(), "parent_id", str(parent)));
    }

    private UUID topic(String name, UUID parent) {
        Http.Result result = create(owner, name, parent);
        assertThat(result.status()).as(result.toString()).isEqualTo(201);
        return UUID.fromString(result.json().at("/data/id").asText());
    }

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }

    private UUID memory(TestUser as, String content) {
        Http.Result result = api.http()
                .postJson(
                        "/v1/memories",
                        json("content", content),
                        "Authorization",
                        as.bearer(),
                        "X-Hub-ID",
                        hub.toString());
        assertThat(result.status()).as(result.toString()).isEqualTo(201);
        return UUID.fromString(result.json().at("/data/id").asText());
    }

    private Http.Result assign(TestUser as, UUID topic, UUID memory, Double confidence) {
        return api.send(
                as,
                "POST",
                "/v1/topics/" + topic + "/memories",
                json("memory_id", memory.toString(), "confidence", confidence));
    }

    private Http.Result patch(TestUser as, UUID topic, String body) {
        return api.send(as, "PATCH", "/v1/topics/" + topic, body);
    }

    private JsonNode tree(TestUser as) {
        Http.Result result = api.get(as, "/v1/topics?hub_id=" + hub);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json().path("data");
    }

    private static JsonNode find(JsonNode topics, UUID id) {
        for (JsonNode t : topics) {
            if (t.path("id").asText().equals(id.toString())) {
                return t;
            }
            JsonNode inner = find(t.path("children"), id);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private List<String> listed(String query) {
        Http.Result result = api.get(owner, "/v1/memories?" + query);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        result.json().at("/data/memories").forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    private List<String> recalled(UUID topic) {
        Http.Result result = api.send(
                owner,
                "POST",
                "/v1/recall",
                json("query", "kettle", "hub_ids", List.of(hub.toString()), "topic_id", topic.toString(), "limit", 50));
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        result.json().at("/data/memories").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    @Test
    void theTreeCountsItsOwnAndItsSubtreesMemoriesAndFiltersIncludeTheSubtree() {
        UUID kitchen = topic("Kitchen", null);
        UUID kettles = topic("Kettles", kitchen);
        UUID garden = topic("Garden", null);
        UUID a = memory(owner, "The kettle descaling schedule is monthly.");
        UUID b = memory(owner, "The red kettle has a leaky lid.");
        UUID c = memory(owner, "The kettle cupboard is left of the sink.");
        memory(owner, "An unplaced kettle note.");
        assertThat(assign(owner, kitchen, a, 0.9).status()).isEqualTo(201);
        assertThat(assign(owner, kettles, b, null).status()).isEqualTo(201);
        assertThat(assign(owner, kettles, a, 0.4).status())
                .as("a memory may sit in several topics")
                .isEqualTo(201);
        assertThat(assign(owner, garden, c, null).status()).isEqualTo(201);

        JsonNode data = tree(owner);
        assertThat(data.path("unassigned_count").asLong()).isEqualTo(1);
        JsonNode k = find(data.path("topics"), kitchen);
        assertThat(k.path("memory_count").asLong()).isEqualTo(1);
        assertThat(k.path("total_memory_count").asLong()).as("a counted once").isEqualTo(2);
        assertThat(k.path("children").get(0).path("id").asText()).isEqualTo(kettles.toString());
        assertThat(find(data.path("topics"), kettles).path("memory_count").asLong())
                .isEqualTo(2);

        assertThat(listed("hub_id=" + hub + "&topic_id=" + kitchen))
                .containsExactlyInAnyOrder(a.toString(), b.toString());
        assertThat(listed("hub_id=" + hub + "&topic_id=" + kettles))
                .containsExactlyInAnyOrder(a.toString(), b.toString());
        assertThat(recalled(kitchen)).containsExactlyInAnyOrder(a.toString(), b.toString());
        assertThat(recalled(garden)).containsExactly(c.toString());
        Http.Result search = api.get(owner, "/v1/memories/search?q=kettle&topic_id=" + kitchen);
        assertThat(search.status()).as(search.toString()).isEqualTo(200);
        List<String> found = new ArrayList<>();
        search.json().path("data").forEach(r -> found.add(r.path("memory_id").asText()));
        assertThat(found).containsExactlyInAnyOrder(a.toString(), b.toString());
        search.json()
                .path("data")
                .forEach(r -> assertThat(r.path("topic_name").asText()).isIn("Kitchen", "Kettles"));

        Http.Result page = api.get(owner, "/v1/topics/" + kitchen + "/memories?limit=1");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.json().at("/data/has_more").asBoolean()).isTrue();
        assertThat(page.json().at("/data/total").asLong()).isEqualTo(2);

        JsonNode memoryA = api.get(owner, "/v1/memories/" + a).json().path("data");
        assertThat(memoryA.path("topic_id").asText())
                .as("the first placement is primary")
                .isEqualTo(kitchen.toString());
        Http.Result summary = api.get(owner, "/v1/hubs/" + hub + "/summary");
        assertThat(summary.json().at("/data/stats/topics").asLong()).isEqualTo(3);
    }

    @Test
    void batchMoveAndPatchKeepLinksAndThePrimaryTopicInStep() {
        UUID one = topic("One", null);
        UUID two = topic("Two", null);
        UUID m = memory(owner, "A memory to move about.");
        assertThat(assign(owner, one, m, 0.5).status()).isEqualTo(201);
        assertThat(assign(owner, two, m, 0.7).status()).isEqualTo(201);

        Http.Result moved = api.send(
                owner,
                "POST",
                "/v1/memories/batch-move",
                json("ids", List.of(m.toString()), "topic_id", two.toString()));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(api.count("SELECT count(*) FROM topic_memories WHERE memory_id = '" + m + "'"))
                .as("the person's move replaces every placement")
                .isEqualTo(1);
        assertThat(api.count("SELECT count(*) FROM topic_memories WHERE memory_id = '" + m + "' AND topic_id = '" + two
                        + "' AND confidence = 1 AND placed_by_user_id = '" + owner.id() + "'"))
                .isEqualTo(1);

        Http.Result toOne = api.send(owner, "PATCH", "/v1/memories/" + m, json("topic_id", one.toString()));
        assertThat(toOne.json().at("/data/topic_id").asText()).isEqualTo(one.toString());
        assertThat(api.count("SELECT count(*) FROM topic_memories WHERE memory_id = '" + m + "'"))
                .isEqualTo(1);
        assertThat(assign(owner, two, m, 0.3).status()).isEqualTo(201);
        Http.Result cleared = api.send(owner, "PATCH", "/v1/memories/" + m, "{\"topic_id\": null}");
        assertThat(cleared.json().at("/data/topic_id").asText())
                .as("its other topic becomes primary")
                .isEqualTo(two.toString());

        Http.Result foreign = api.send(
                owner,
                "PATCH",
                "/v1/memories/" + m,
                json("topic_id", UUID.randomUUID().toString()));
        assertError(foreign, 422, "validation_failed");
        Http.Result out = api.send(
                owner, "POST", "/v1/memories/batch-move", json("ids", List.of(m.toString()), "hub_id", hub.toString()));
        assertThat(out.status()).isEqualTo(200);
        assertThat(api.get(owner, "/v1/memories/" + m)
                        .json()
                        .at("/data/topic_id")
                        .isNull())
                .as("a hub-only target takes the memory out of its topics")
                .isTrue();
        assertThat(tree(owner).path("unassigned_count").asLong()).isEqualTo(1);

        Http.Result unassignMissing = api.send(owner, "DELETE", "/v1/topics/" + two + "/memories/" + m, null);
        assertError(unassignMissing, 404, "not_found");
        assign(owner, two, m, null);
        Http.Result unassigned = api.send(owner, "DELETE", "/v1/topics/" + two + "/memories/" + m, null);
        assertThat(unassigned.status()).as(unassigned.toString()).isEqualTo(200);
        assertThat(api.get(owner, "/v1/memories/" + m)
                        .json()
                        .at("/data/topic_id")
                        .isNull())
                .isTrue();
    }

    @Test
    void rolesMirrorMemoriesAndOtherTenantsSeeNothing() {
        TestUser viewer = api.user("viewer");
        TestUser contributor = api.user("contributor");
        TestUser admin = api.user("admin");
        TestUser stranger = api.user("stranger");
        api.addMember(owner, hub, viewer, "viewer");
        api.addMember(owner, hub, contributor, "contributor");
        api.addMember(owner, hub, admin, "admin");
        UUID owners = topic("Owner's", null);

        assertThat(api.get(viewer, "/v1/topics/" + owners).status()).isEqualTo(200);
        assertThat(tree(viewer).path("topics").size()).isEqualTo(1);
        assertError(create(viewer, "Viewer's", null), 403, "forbidden");
        Http.Result mine = create(contributor, "Contributor's", owners);
        assertThat(mine.status()).as(mine.toString()).isEqualTo(201);
        UUID contributors = UUID.fromString(mine.json().at("/data/id").asText());
        assertThat(patch(contributor, contributors, json("name", "Renamed")).status())
                .isEqualTo(200);
        assertError(patch(contributor, owners, json("name", "Taken over")), 403, "forbidden");
        assertError(api.send(contributor, "POST", "/v1/topics/" + owners + "/archive", "{}"), 403, "forbidden");
        UUID m = memory(contributor, "A contributor's memory.");
        assertThat(assign(contributor, owners, m, null).status())
                .as("contributors assign")
                .isEqualTo(201);
        assertError(assign(viewer, owners, m, null), 403, "forbidden");
        assertThat(assign(owner, contributors, m, null).status()).isEqualTo(201);
        assertError(
                api.send(contributor, "DELETE", "/v1/topics/" + contributors + "/memories/" + m, null),
                403,
                "forbidden");
        assertThat(patch(admin, owners, json("pinned", true)).status())
                .as("admins moderate")
                .isEqualTo(200);

        for (String path : List.of("/v1/topics/" + owners, "/v1/topics/" + owners + "/memories")) {
            assertError(api.get(stranger, path), 404, "not_found");
        }
        assertError(api.send(stranger, "PATCH", "/v1/topics/" + owners, json("name", "x")), 404, "not_found");
        assertError(api.send(stranger, "DELETE", "/v1/topics/" + owners, null), 404, "not_found");
        assertError(api.send(stranger, "POST", "/v1/topics/" + owners + "/visit", "{}"), 404, "not_found");
        assertError(api.get(stranger, "/v1/topics?hub_id=" + hub), 404, "not_found");
        Http.Result elsewhere =
                api.send(stranger, "POST", "/v1/topics", json("name", "Mine", "parent_id", owners.toString()));
        assertError(elsewhere, 422, "invalid_parent");
        assertThat(api.send(viewer, "POST", "/v1/topics/" + owners + "/visit", "{}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theTreeRefusesCyclesDepthAndDuplicates() {
        UUID root = topic("Root", null);
        UUID parent = root;
        List<UUID> chain = new ArrayList<>(List.of(root));
        for (int level = 1; level <= 4; level++) {
            parent = topic("Level " + level, parent);
            chain.add(parent);
        }
        assertError(create(owner, "Level 5", parent), 422, "max_depth");
        assertError(patch(owner, root, json("parent_id", chain.get(2).toString())), 422, "cycle_detected");
        assertError(patch(owner, root, json("parent_id", root.toString())), 422, "cycle_detected");
        UUID other = topic("Other", null);
        UUID otherChild = topic("Other child", other);
        assertError(patch(owner, other, json("parent_id", chain.get(3).toString())), 422, "max_depth_subtree");
        assertThat(patch(owner, otherChild, json("parent_id", chain.get(3).toString()))
                        .status())
                .isEqualTo(200);
        assertError(create(owner, "root", null), 409, "duplicate_name");
        assertError(patch(owner, other, json("name", "ROOT")), 409, "duplicate_name");
        assertError(patch(owner, other, json("parent_id", UUID.randomUUID().toString())), 422, "invalid_parent");
        assertError(create(owner, " ", null), 422, "validation_failed");

        Http.Result moved = patch(owner, otherChild, "{\"parent_id\": null}");
        assertThat(moved.json().at("/data/parent_id").isNull()).isTrue();
        assertThat(moved.json().at("/data/user_modified").asBoolean()).isTrue();

        Http.Result reordered = api.send(
                owner,
                "POST",
                "/v1/topics/reorder",
                "{\"operations\": [{\"topic_id\": \"" + other + "\", \"position\": 7}, {\"topic_id\": \"" + otherChild
                        + "\", \"position\": 0, \"parent_id\": \"" + other + "\"}]}");
        assertThat(reordered.status()).as(reordered.toString()).isEqualTo(200);
        assertThat(api.get(owner, "/v1/topics/" + other)
                        .json()
                        .at("/data/position")
                        .asInt())
                .isEqualTo(7);
        assertThat(api.get(owner, "/v1/topics/" + otherChild)
                        .json()
                        .at("/data/parent_id")
                        .asText())
                .isEqualTo(other.toString());
        Http.Result cyclic = api.send(
                owner,
                "POST",
                "/v1/topics/reorder",
                "{\"operations\": [{\"topic_id\": \"" + other + "\", \"position\": 1}, {\"topic_id\": \"" + other
                        + "\", \"position\": 0, \"parent_id\": \"" + otherChild + "\"}]}");
        assertError(cyclic, 422, "cycle_detected");
        assertThat(api.get(owner, "/v1/topics/" + other)
                        .json()
                        .at("/data/position")
                        .asInt())
                .as("all or nothing")
                .isEqualTo(7);
    }

    @Test
    void archiveAndRestoreMoveWholeSubtreesAndAnnounceChanges() {
        long eventsBefore =
                api.count("SELECT count(*) FROM events WHERE type = 'hub.topics.changed' AND hub_id = '" + hub + "'");
        UUID a = topic("A", null);
        UUID b = topic("B", a);
        UUID c = topic("C", b);
        UUID m = memory(owner, "Placed in C.");
        assign(owner, c, m, null);

        Http.Result archivedB = api.send(owner, "POST", "/v1/topics/" + b + "/archive", "{}");
        assertThat(archivedB.json().at("/data/archived_count").asInt()).isEqualTo(2);
        assertThat(api.send(owner, "POST", "/v1/topics/" + b + "/archive", "{}")
                        .json()
                        .at("/data/archived_count")
                        .asInt())
                .as("idempotent")
                .isZero();
        assertThat(find(tree(owner).path("topics"), b)).isNull();
        assertThat(tree(owner).path("unassigned_count").asLong()).isEqualTo(1);
        JsonNode archived =
                api.get(owner, "/v1/topics/archived?hub_id=" + hub).json().at("/data/topics");
        assertThat(archived.size()).isEqualTo(2);
        assertError(patch(owner, c, json("name", "C2")), 409, "topic_archived");
        assertError(assign(owner, c, m, null), 409, "topic_archived");
        assertError(create(owner, "Under B", b), 409, "parent_archived");

        api.send(owner, "POST", "/v1/topics/" + a + "/archive", "{}");
        Http.Result restoredB = api.send(owner, "POST", "/v1/topics/" + b + "/restore", "{}");
        assertThat(restoredB.json().at("/data/restored_count").asInt())
                .as("what was archived with B")
                .isEqualTo(2);
        JsonNode b2 = api.get(owner, "/v1/topics/" + b).json().path("data");
        assertThat(b2.path("parent_id").isNull())
                .as("re-planted at the root: A is still archived")
                .isTrue();
        assertThat(b2.has("archived_at")).isFalse();
        assertThat(find(tree(owner).path("topics"), c).path("memory_count").asLong())
                .as("restore is lossless")
                .isEqualTo(1);

        Http.Result deleted = api.send(owner, "DELETE", "/v1/topics/" + b, null);
        assertThat(deleted.json().at("/data/deleted_count").asInt()).isEqualTo(2);
        assertThat(api.count("SELECT count(*) FROM memories WHERE id = '" + m + "' AND topic_id IS NULL"))
                .as("memories stay")
                .isEqualTo(1);
        assertError(api.get(owner, "/v1/topics/" + c), 404, "not_found");
        assertThat(api.count(
                        "SELECT count(*) FROM events WHERE type = 'hub.topics.changed' AND hub_id = '" + hub + "'"))
                .isGreaterThanOrEqualTo(eventsBefore + 8);
        assertThat(api.count("SELECT count(*) FROM events WHERE type = 'hub.topics.changed' AND hub_id = '" + hub
                        + "' AND payload->>'action' = 'restored' AND entity_id = '" + b + "'"))
                .isEqualTo(1);
    }
}
