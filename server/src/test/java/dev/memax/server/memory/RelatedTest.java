package dev.memax.server.memory;

import static dev.memax.server.hub.HubApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /v1/memories/{id}/related: nearest memories by chunk vectors, in readable hubs only. */
class RelatedTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static MemoryApi api;
    private static TestUser ada;
    private static TestUser bob;
    private static UUID source;
    private static UUID similar;
    private static UUID inTeam;
    private static UUID coffee;
    private static UUID bobsCopy;

    @BeforeAll
    static void fixture() {
        api = new MemoryApi(SERVER);
        ada = api.user("ada");
        bob = api.user("bob");
        UUID team = api.hubs.createHub(bob, "Bob and Ada");
        api.hubs.addMember(bob, team, ada, "viewer");
        source = api.createContent(ada, "Our Postgres database backups run every night at 2am and are copied to S3.");
        similar = api.createContent(ada, "Nightly backups of the Postgres database are stored in an S3 bucket.");
        coffee = api.createContent(ada, "The coffee machine on the third floor is broken again; use the kitchen one.");
        api.createContent(ada, "Quarterly planning happens in the first week of January, April, July and October.");
        inTeam = api.createContent(
                bob, "Postgres backups: the S3 copy runs at 2am every night.", "X-Hub-ID", team.toString());
        bobsCopy = api.createContent(bob, "Our Postgres database backups run every night at 2am and are copied to S3.");
    }

    private static List<JsonNode> related(TestUser as, UUID id, String query) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode data = api.getOk(as, "/v1/memories/" + id + "/related" + query);
        assertThat(data.isArray()).as("a bare array, as Memax answers it").isTrue();
        data.forEach(out::add);
        return out;
    }

    @Test
    void nearestFirstWithoutItselfAndWithoutOtherTenants() {
        List<JsonNode> related = related(ada, source, "");
        List<String> ids = related.stream().map(m -> m.path("id").asText()).toList();
        assertThat(ids).doesNotContain(source.toString()).doesNotContain(bobsCopy.toString());
        assertThat(ids).as("readable team hub memories count").contains(inTeam.toString());
        assertThat(ids.subList(0, 2)).containsExactlyInAnyOrder(similar.toString(), inTeam.toString());
        assertThat(ids.indexOf(coffee.toString())).isGreaterThan(1);
        List<Double> scores =
                related.stream().map(m -> m.path("relevance_score").asDouble()).toList();
        assertThat(scores).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        JsonNode first = related.get(0);
        assertThat(first.has("content"))
                .as("related answers summaries, not whole contents")
                .isFalse();
        assertThat(first.has("title") && first.has("hub_id") && first.has("tags") && first.has("created_at"))
                .isTrue();
        // Memax's {memory, similarity} beside our fields: the same memory and score.
        assertThat(first.at("/memory/id").asText()).isEqualTo(first.path("id").asText());
        assertThat(first.at("/memory/title").asText())
                .isEqualTo(first.path("title").asText());
        assertThat(first.path("memory").has("content")).isFalse();
        assertThat(first.path("similarity").asDouble())
                .isEqualTo(first.path("relevance_score").asDouble());
    }

    @Test
    void bobNeverSeesAdasPersonalMemories() {
        List<String> ids = related(bob, bobsCopy, "").stream()
                .map(m -> m.path("id").asText())
                .toList();
        assertThat(ids)
                .contains(inTeam.toString())
                .doesNotContain(source.toString(), similar.toString(), coffee.toString());
        assertError(api.get(bob, "/v1/memories/" + source + "/related"), 404, "not_found");
    }

    @Test
    void limit() {
        assertThat(related(ada, source, "?limit=1")).hasSize(1);
        assertError(api.get(ada, "/v1/memories/" + source + "/related?limit=0"), 422, "validation_failed");
        assertError(api.get(ada, "/v1/memories/" + source + "/related?limit=51"), 422, "validation_failed");
    }
}
