package dev.memax.server.memory;

import static dev.memax.server.hub.HubApi.assertError;
import static dev.memax.server.memory.MemoryApi.JSON;
import static dev.memax.server.memory.MemoryApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /v1/memories/batch, /batch-delete and /batch-move. */
class BatchTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static MemoryApi api;
    private static TestUser ada;

    @BeforeAll
    static void users() {
        api = new MemoryApi(SERVER);
        ada = api.user("ada");
    }

    private static String batch(int n, String prefix) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode items = body.putArray("memories");
        for (int i = 0; i < n; i++) {
            items.addObject()
                    .put("content", prefix + " memory number " + i + ".\n\n# Part\nMore about " + i + ".")
                    .put("title", prefix + " " + i);
        }
        return body.toString();
    }

    /** The memory service's embedding calls so far (its meters exist once it served a request). */
    private static long embedCalls() {
        Timer timer = SERVER.server()
                .bean(MeterRegistry.class)
                .find("memax.memories.embed")
                .timer();
        return timer == null ? 0 : timer.count();
    }

    private static double embeddedTexts() {
        Counter counter = SERVER.server()
                .bean(MeterRegistry.class)
                .find("memax.memories.embedded.texts")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private long owned(TestUser user) {
        return api.count("SELECT count(*) FROM memories WHERE owner_id = '" + user.id() + "'");
    }

    private static List<String> ids(JsonNode memories) {
        List<String> ids = new ArrayList<>();
        memories.forEach(m -> ids.add(m.isTextual() ? m.asText() : m.path("id").asText()));
        return ids;
    }

    @Test
    void aBatchAnswersInInputOrderAndEmbedsInOneCall() {
        long callsBefore = embedCalls();
        double textsBefore = embeddedTexts();
        Http.Result result = api.post(ada, "/v1/memories/batch", batch(100, "bulk"));
        assertThat(result.status()).as(result.toString()).isEqualTo(201);
        assertThat(embedCalls() - callsBefore)
                .as("one embedDocuments call for all 200 chunks and their views")
                .isEqualTo(1);
        // 200 chunks, and each memory's two views: the whole memory (two sections) and the title
        assertThat(embeddedTexts() - textsBefore).isEqualTo(400);
        JsonNode memories = result.json().at("/data/memories");
        assertThat(memories.size()).isEqualTo(100);
        for (int i = 0; i < 100; i++) {
            assertThat(memories.get(i).path("title").asText()).isEqualTo("bulk " + i);
            assertThat(memories.get(i).path("version").asInt()).isEqualTo(1);
        }
        assertThat(api.count("SELECT count(*) FROM memory_chunks c JOIN memories m ON m.id = c.memory_id "
                        + "WHERE m.title LIKE 'bulk %'"))
                .isEqualTo(200);
        assertThat(api.count("SELECT count(*) FROM memory_versions v JOIN memories m ON m.id = v.memory_id "
                        + "WHERE m.title LIKE 'bulk %' AND v.change = 'created'"))
                .isEqualTo(100);
    }

    @Test
    void itemsMayNameTheirHubAndUpsertByPath() {
        UUID team = api.hubs.createHub(ada, "Batch team");
        api.create(ada, json("content", "old", "source_path", "b/one.md"));
        String body = "{\"memories\": [{\"content\": \"new\", \"source_path\": \"b/one.md\"}, "
                + "{\"content\": \"team\", \"hub_id\": \"" + team + "\"}, {\"content\": \"header\"}]}";
        Http.Result result = api.post(
                ada, "/v1/memories/batch", body, "X-Hub-ID", ada.personalHubId().toString());
        assertThat(result.status()).as(result.toString()).isEqualTo(201);
        JsonNode m = result.json().at("/data/memories");
        assertThat(m.get(0).path("version").asInt()).isEqualTo(2);
        assertThat(m.get(0).path("content").asText()).isEqualTo("new");
        assertThat(m.get(1).path("hub_id").asText()).isEqualTo(team.toString());
        assertThat(m.get(2).path("hub_id").asText())
                .isEqualTo(ada.personalHubId().toString());
    }

    @Test
    void batchLimitsAndAllOrNothing() {
        long before = owned(ada);
        Http.Result tooMany = api.post(ada, "/v1/memories/batch", batch(101, "over"));
        assertError(tooMany, 422, "validation_failed");
        assertThat(tooMany.json().at("/error/details/fields/memories").asText()).contains("100");
        assertError(api.post(ada, "/v1/memories/batch", "{\"memories\": []}"), 422, "validation_failed");
        assertError(api.post(ada, "/v1/memories/batch", "{}"), 422, "validation_failed");

        Http.Result oneBad = api.post(
                ada,
                "/v1/memories/batch",
                "{\"memories\": [{\"content\": \"fine\"}, " + "{\"content\": \"bad\", \"title\": \"" + "t".repeat(501)
                        + "\"}, {\"content\": \"\"}]}");
        assertError(oneBad, 422, "validation_failed");
        assertThat(oneBad.json().at("/error/details/fields").has("memories[1].title"))
                .isTrue();
        assertThat(oneBad.json().at("/error/details/fields").has("memories[2].content"))
                .isTrue();

        Http.Result duplicatePath = api.post(
                ada,
                "/v1/memories/batch",
                "{\"memories\": [{\"content\": \"a\", "
                        + "\"source_path\": \"dup.md\"}, {\"content\": \"b\", \"source_path\": \"dup.md\"}]}");
        assertError(duplicatePath, 422, "validation_failed");
        assertThat(duplicatePath.json().at("/error/details/fields").has("memories[1].source_path"))
                .isTrue();

        Http.Result tooLarge = api.post(
                ada,
                "/v1/memories/batch",
                "{\"memories\": [{\"content\": \"a\"}, {\"content\": \"" + "x".repeat(MemoryLimits.CONTENT_BYTES + 1)
                        + "\"}]}");
        assertError(tooLarge, 413, "payload_too_large");

        TestUser bob = api.user("bob");
        UUID bobsHub = api.hubs.createHub(bob, "Bob's");
        api.hubs.addMember(bob, bobsHub, ada, "viewer");
        Http.Result forbidden = api.post(
                ada,
                "/v1/memories/batch",
                "{\"memories\": [{\"content\": \"mine\"}, " + "{\"content\": \"theirs\", \"hub_id\": \"" + bobsHub
                        + "\"}]}");
        assertError(forbidden, 403, "forbidden");
        Http.Result hidden = api.post(
                ada,
                "/v1/memories/batch",
                "{\"memories\": [{\"content\": \"mine\"}, " + "{\"content\": \"theirs\", \"hub_id\": \""
                        + bob.personalHubId() + "\"}]}");
        assertError(hidden, 404, "not_found");
        assertThat(owned(ada)).as("nothing of a refused batch is written").isEqualTo(before);
    }

    private static List<String> skips(JsonNode data) {
        List<String> skips = new ArrayList<>();
        data.path("skipped")
                .forEach(s ->
                        skips.add(s.path("id").asText() + "=" + s.path("reason").asText()));
        return skips;
    }

    @Test
    void batchDeleteDeletesWhatItMayAndSkipsTheRest() {
        TestUser owner = api.user("owner");
        TestUser writer = api.user("writer");
        UUID team = api.hubs.createHub(owner, "Deletes");
        api.hubs.addMember(owner, team, writer, "contributor");
        UUID mine = api.createContent(writer, "mine", "X-Hub-ID", team.toString());
        UUID mine2 = api.createContent(writer, "mine too");
        UUID owners = api.createContent(owner, "owner's", "X-Hub-ID", team.toString());
        UUID stranger = api.createContent(api.user("stranger"), "not yours");
        String unknown = UUID.randomUUID().toString();
        long ownersBefore = api.fingerprint(owners);
        long strangerBefore = api.fingerprint(stranger);

        Http.Result result = api.post(
                writer,
                "/v1/memories/batch-delete",
                "{\"ids\": [\"" + mine + "\", \"" + owners + "\", \"" + stranger + "\", \"" + unknown
                        + "\", \"garbage\", \"" + mine2 + "\", \"" + mine + "\"]}");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        JsonNode data = result.json().path("data");
        assertThat(data.path("deleted").asInt()).isEqualTo(2);
        assertThat(data.path("skipped_count").asInt()).isEqualTo(5);
        // Memax's shape: each skip with its reason.
        assertThat(skips(data))
                .containsExactly(
                        owners + "=not_owned",
                        stranger + "=not_found",
                        unknown + "=not_found",
                        "garbage=not_found",
                        mine + "=duplicate");
        assertThat(ids(data.path("deleted_ids"))).containsExactly(mine.toString(), mine2.toString());
        List<String> skipped = new ArrayList<>();
        data.path("skipped_ids").forEach(n -> skipped.add(n.asText()));
        assertThat(skipped)
                .containsExactly(owners.toString(), stranger.toString(), unknown, "garbage", mine.toString());
        assertThat(api.count("SELECT count(*) FROM memories WHERE id IN ('" + mine + "', '" + mine2 + "')"))
                .isZero();
        assertThat(api.fingerprint(owners)).isEqualTo(ownersBefore);
        assertThat(api.fingerprint(stranger)).isEqualTo(strangerBefore);

        Http.Result admin = api.post(owner, "/v1/memories/batch-delete", "{\"ids\": [\"" + owners + "\"]}");
        assertThat(admin.json().at("/data/deleted").asInt()).isEqualTo(1);
        assertError(api.post(owner, "/v1/memories/batch-delete", "{\"ids\": []}"), 422, "validation_failed");
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= MemoryLimits.BATCH; i++) {
            many.add("\"" + UUID.randomUUID() + "\"");
        }
        assertError(
                api.post(owner, "/v1/memories/batch-delete", "{\"ids\": [" + String.join(",", many) + "]}"),
                422,
                "validation_failed");
    }

    @Test
    void batchMoveChecksBothHubsAndMovesTheChunks() {
        TestUser owner = api.user("mover-owner");
        TestUser writer = api.user("mover");
        UUID from = api.hubs.createHub(owner, "From");
        UUID to = api.hubs.createHub(owner, "To");
        UUID readOnly = api.hubs.createHub(owner, "Read only");
        api.hubs.addMember(owner, from, writer, "contributor");
        api.hubs.addMember(owner, to, writer, "contributor");
        api.hubs.addMember(owner, readOnly, writer, "viewer");
        UUID mine = api.createContent(writer, "# Moving\nmine", "X-Hub-ID", from.toString());
        UUID owners = api.createContent(owner, "owner's", "X-Hub-ID", from.toString());
        UUID pathClash = UUID.fromString(
                api.create(writer, json("content", "clash", "source_path", "p.md", "hub_id", from.toString()))
                        .path("id")
                        .asText());
        api.create(writer, json("content", "already there", "source_path", "p.md", "hub_id", to.toString()));
        long ownersBefore = api.fingerprint(owners);

        assertError(
                api.post(
                        writer,
                        "/v1/memories/batch-move",
                        "{\"ids\": [\"" + mine + "\"], \"hub_id\": \"" + readOnly + "\"}"),
                403,
                "forbidden");
        assertError(
                api.post(
                        writer,
                        "/v1/memories/batch-move",
                        "{\"ids\": [\"" + mine + "\"], \"hub_id\": \"" + UUID.randomUUID() + "\"}"),
                404,
                "not_found");
        assertError(
                api.post(writer, "/v1/memories/batch-move", "{\"ids\": [\"" + mine + "\"]}"), 422, "validation_failed");
        assertThat(api.getOk(writer, "/v1/memories/" + mine).path("hub_id").asText())
                .isEqualTo(from.toString());

        Http.Result moved = api.post(
                writer,
                "/v1/memories/batch-move",
                "{\"ids\": [\"" + mine + "\", \"" + owners + "\", \"" + pathClash + "\"], \"hub_id\": \"" + to + "\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        JsonNode data = moved.json().path("data");
        assertThat(data.path("moved").asInt()).isEqualTo(1);
        assertThat(data.path("skipped_count").asInt()).isEqualTo(2);
        assertThat(skips(data)).containsExactly(owners + "=not_owned", pathClash + "=source_path_taken");
        assertThat(ids(data.path("moved_ids"))).containsExactly(mine.toString());
        JsonNode m = api.getOk(writer, "/v1/memories/" + mine);
        assertThat(m.path("hub_id").asText()).isEqualTo(to.toString());
        assertThat(m.path("version").asInt()).isEqualTo(2);
        assertThat(api.count("SELECT count(*) FROM memory_chunks WHERE memory_id = '" + mine + "' AND hub_id <> '" + to
                        + "'"))
                .isZero();
        JsonNode version = api.getOk(writer, "/v1/memories/" + mine + "/history")
                .path("versions")
                .get(0);
        assertThat(version.path("change").asText()).isEqualTo("moved");
        assertThat(version.path("changes").path("hub_id").toString())
                .isEqualTo("{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}");
        assertThat(api.fingerprint(owners)).isEqualTo(ownersBefore);

        Http.Result created = api.post(owner, "/v1/topics", json("name", "Moved here", "hub_id", from.toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID topic = UUID.fromString(created.json().at("/data/id").asText());
        assertError(
                api.post(
                        owner,
                        "/v1/memories/batch-move",
                        "{\"ids\": [\"" + mine + "\"], \"topic_id\": \"" + topic + "\"}"),
                422,
                "validation_failed");
        Http.Result toTopic = api.post(
                owner,
                "/v1/memories/batch-move",
                "{\"ids\": [\"" + owners + "\", \"" + mine + "\"], \"hub_id\": \"" + from + "\", \"topic_id\": \""
                        + topic + "\"}");
        assertThat(toTopic.json().at("/data/moved").asInt())
                .as("an admin moves anyone's")
                .isEqualTo(2);
        assertThat(api.getOk(owner, "/v1/memories/" + owners).path("topic_id").asText())
                .isEqualTo(topic.toString());
        assertThat(api.getOk(owner, "/v1/memories/" + owners).path("hub_id").asText())
                .isEqualTo(from.toString());
        Http.Result away = api.post(
                writer, "/v1/memories/batch-move", "{\"ids\": [\"" + mine + "\"], \"hub_id\": \"" + to + "\"}");
        assertThat(away.json().at("/data/moved").asInt()).isEqualTo(1);
        assertThat(api.getOk(writer, "/v1/memories/" + mine).path("topic_id").isNull())
                .as("topics are per hub: a move to another hub leaves the topic")
                .isTrue();
        assertThat(api.count("SELECT count(*) FROM topic_memories WHERE memory_id = '" + mine + "'"))
                .isZero();
    }
}
