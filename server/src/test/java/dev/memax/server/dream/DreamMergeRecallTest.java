package dev.memax.server.dream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Recall honours a merge: the survivor ranks where its best duplicate did, and the merged memory
 * leaves default recall (it is still recalled as itself with archived memories included).
 */
class DreamMergeRecallTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    @Test
    void theSurvivorTakesTheBetterMatchOfWhatItMerged() {
        DreamApi api = new DreamApi(SERVER);
        TestUser ada = api.dreamer("ada");
        UUID hub = api.hubs.createHub(ada, "Deploys");
        // A paraphrased pair the merge phase joins; the longer one survives (docs/architecture.md §5.14).
        UUID merged = api.push(ada, hub, "Deploys to production happen on Fridays after 3pm.");
        UUID survivor = api.push(ada, hub, "Production deployments happen every Friday after 3pm.");
        // Close to the query, never merged with them (another time of day).
        UUID other = api.push(ada, hub, "Deploys to production happen on Fridays after 5pm.");
        api.push(ada, hub, "Ada prefers green tea over coffee in the morning.");
        String query = "{\"query\": \"Deploys to production happen on Fridays after 3pm\", \"mode\": \"semantic\", "
                + "\"hub_ids\": [\"" + hub + "\"]";

        List<UUID> before = ids(api.ok(api.send(ada, "POST", "/v1/recall", query + "}")));
        assertThat(before.subList(0, 3)).containsExactly(merged, other, survivor);

        JsonNode detail = api.finished(ada, api.trigger(ada, hub, "{\"phases\": [\"merge\"]}"));
        assertThat(detail.at("/run/duplicates_merged").asLong())
                .as(detail.toString())
                .isEqualTo(1);
        assertThat(SERVER.database().queryString("SELECT merged_into::text FROM memories WHERE id = '" + merged + "'"))
                .isEqualTo(survivor.toString());

        JsonNode after = api.ok(api.send(ada, "POST", "/v1/recall", query + "}"));
        assertThat(ids(after)).startsWith(survivor, other).doesNotContain(merged);
        JsonNode first = after.path("memories").get(0);
        // The survivor shows its own text and state, not the archived duplicate's.
        assertThat(first.path("chunk_content").asText())
                .isEqualTo("Production deployments happen every Friday after 3pm.");
        assertThat(first.path("state").asText()).isEqualTo("active");
        assertThat(first.path("relevance_score").asDouble())
                .isGreaterThan(
                        after.path("memories").get(1).path("relevance_score").asDouble());

        JsonNode archived = api.ok(api.send(ada, "POST", "/v1/recall", query + ", \"include_archived\": true}"));
        assertThat(ids(archived).subList(0, 3)).containsExactly(merged, other, survivor);
        assertThat(archived.path("memories").get(0).path("state").asText()).isEqualTo("archived");
    }

    private static List<UUID> ids(JsonNode data) {
        List<UUID> ids = new ArrayList<>();
        data.path("memories").forEach(m -> ids.add(UUID.fromString(m.path("id").asText())));
        return ids;
    }
}
