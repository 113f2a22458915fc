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
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST with a source_path: one memory per path and hub, updated in place by content hash. */
class UpsertTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static MemoryApi api;
    private static TestUser ada;

    @BeforeAll
    static void users() {
        api = new MemoryApi(SERVER);
        ada = api.user("ada");
    }

    @Test
    void unchangedContentAnswers200AndChangesNothing() {
        JsonNode first =
                api.create(ada, json("content", "# Notes\nv1", "source_path", "docs/notes.md", "title", "Notes"));
        UUID id = UUID.fromString(first.path("id").asText());
        long before = api.fingerprint(id);
        Http.Result again = api.post(
                ada,
                "/v1/memories",
                json(
                        "content",
                        "# Notes\nv1",
                        "source_path",
                        "docs/notes.md",
                        "title",
                        "Other title",
                        "tags",
                        List.of("ignored")));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("data")).isEqualTo(first);
        assertThat(api.fingerprint(id)).isEqualTo(before);
    }

    @Test
    void changedContentUpdatesInPlaceAsANewVersion() {
        JsonNode first = api.create(
                ada,
                json(
                        "content",
                        "# Plan\nStep one.",
                        "source_path",
                        "docs/plan.md",
                        "title",
                        "Plan",
                        "tags",
                        List.of("a"),
                        "summary",
                        "kept"));
        String id = first.path("id").asText();
        Http.Result updated = api.post(
                ada,
                "/v1/memories",
                json(
                        "content",
                        "# Plan\nStep one.\nStep two.",
                        "source_path",
                        "docs/plan.md",
                        "tags",
                        List.of("a", "b")));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        JsonNode m = updated.json().path("data");
        assertThat(m.path("id").asText()).isEqualTo(id);
        assertThat(m.path("version").asInt()).isEqualTo(2);
        assertThat(m.path("content").asText()).isEqualTo("# Plan\nStep one.\nStep two.");
        assertThat(m.path("content_hash").asText())
                .isNotEqualTo(first.path("content_hash").asText());
        assertThat(m.path("title").asText()).as("fields not sent stay").isEqualTo("Plan");
        assertThat(m.path("summary").asText()).isEqualTo("kept");
        assertThat(m.path("tags")).extracting(JsonNode::asText).containsExactly("a", "b");
        assertThat(m.path("created_at").asText())
                .isEqualTo(first.path("created_at").asText());
        assertThat(api.count("SELECT count(*) FROM memories WHERE source_path = 'docs/plan.md'"))
                .isEqualTo(1);
        assertThat(api.count("SELECT count(*) FROM memory_chunks WHERE memory_id = '" + id
                        + "' AND content LIKE '%Step two.'"))
                .isEqualTo(1);
        JsonNode latest = api.getOk(ada, "/v1/memories/" + id + "/history")
                .path("versions")
                .get(0);
        assertThat(latest.path("version").asInt()).isEqualTo(2);
        assertThat(latest.path("change").asText()).isEqualTo("updated");
        assertThat(latest.path("changes").path("content").path("from").asText()).isEqualTo("# Plan\nStep one.");
        assertThat(latest.path("changes").path("tags").path("to"))
                .extracting(JsonNode::asText)
                .containsExactly("a", "b");
        assertThat(latest.path("changes").has("title")).isFalse();
    }

    @Test
    void theSamePathInAnotherHubIsAnotherMemory() {
        UUID team = api.hubs.createHub(ada, "Upsert team");
        JsonNode personal = api.create(ada, json("content", "same", "source_path", "shared/path.md"));
        JsonNode inTeam =
                api.create(ada, json("content", "same", "source_path", "shared/path.md", "hub_id", team.toString()));
        assertThat(inTeam.path("id").asText()).isNotEqualTo(personal.path("id").asText());
        assertThat(inTeam.path("hub_id").asText()).isEqualTo(team.toString());
    }

    @Test
    void anExpiredMemoryAtThePathIsRevived() {
        JsonNode first = api.create(ada, json("content", "temp", "source_path", "tmp/a.md", "expires_in", "1h"));
        String id = first.path("id").asText();
        SERVER.database()
                .execute("UPDATE memories SET expires_at = now() - interval '1 minute' WHERE id = '" + id + "'");
        assertError(api.get(ada, "/v1/memories/" + id), 404, "not_found");
        Http.Result revived = api.post(ada, "/v1/memories", json("content", "temp", "source_path", "tmp/a.md"));
        assertThat(revived.status()).as(revived.toString()).isEqualTo(200);
        assertThat(revived.json().at("/data/id").asText()).isEqualTo(id);
        assertThat(revived.json().at("/data/expires_at").isNull()).isTrue();
        assertThat(revived.json().at("/data/version").asInt()).isEqualTo(2);
        assertThat(api.get(ada, "/v1/memories/" + id).status()).isEqualTo(200);
    }

    @Test
    void concurrentPushesOfOnePathMakeOneMemory() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Http.Result>> pushes = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String content = "race " + (i % 3);
                pushes.add(() -> api.post(ada, "/v1/memories", json("content", content, "source_path", "race/one.md")));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Http.Result> f : pool.invokeAll(pushes)) {
                Http.Result r = f.get();
                statuses.add(r.status());
                assertThat(r.status()).as(r.toString()).isIn(200, 201, 409);
            }
            assertThat(statuses).containsOnlyOnce(201);
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.count("SELECT count(*) FROM memories WHERE source_path = 'race/one.md'"))
                .isEqualTo(1);
        assertThat(api.count("SELECT count(*) FROM memories m WHERE source_path = 'race/one.md' AND version = "
                        + "(SELECT max(version) FROM memory_versions v WHERE v.memory_id = m.id)"))
                .isEqualTo(1);
    }

    @Test
    void updatingAnotherMembersMemoryByPathNeedsModeration() {
        TestUser owner = api.user("owner");
        TestUser writer = api.user("writer");
        TestUser admin = api.user("admin");
        UUID team = api.hubs.createHub(owner, "Shared docs");
        api.hubs.addMember(owner, team, writer, "contributor");
        api.hubs.addMember(owner, team, admin, "admin");
        String hub = team.toString();
        JsonNode mine = api.create(writer, json("content", "v1", "source_path", "team/doc.md"), "X-Hub-ID", hub);
        TestUser other = api.user("other-writer");
        api.hubs.addMember(owner, team, other, "contributor");
        assertError(
                api.post(other, "/v1/memories", json("content", "v2", "source_path", "team/doc.md"), "X-Hub-ID", hub),
                403,
                "forbidden");
        Http.Result same =
                api.post(other, "/v1/memories", json("content", "v1", "source_path", "team/doc.md"), "X-Hub-ID", hub);
        assertThat(same.status())
                .as("unchanged content changes nothing, so anyone who may write sees it")
                .isEqualTo(200);
        Http.Result moderated =
                api.post(admin, "/v1/memories", json("content", "v2", "source_path", "team/doc.md"), "X-Hub-ID", hub);
        assertThat(moderated.status()).as(moderated.toString()).isEqualTo(200);
        assertThat(moderated.json().at("/data/owner_id").asText())
                .as("the owner stays")
                .isEqualTo(writer.id().toString());
        assertThat(moderated.json().at("/data/id").asText())
                .isEqualTo(mine.path("id").asText());
        JsonNode latest = api.getOk(writer, "/v1/memories/" + mine.path("id").asText() + "/history")
                .path("versions")
                .get(0);
        assertThat(latest.path("changed_by").asText()).isEqualTo(admin.id().toString());
    }
}
