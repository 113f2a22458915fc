package dev.memax.server.recall;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two context signals of recall, over real HTTP: an episodic memory lifted by the turn next
 * to it in its stream, and memories whose event dates fall in a period the query names.
 */
class RecallContextTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();
    private static HubApi api;
    private static TestUser ada;

    @BeforeAll
    static void users() {
        api = new HubApi(SERVER);
        ada = api.user("ada");
    }

    @Test
    void anEpisodicTurnIsLiftedByTheTurnBeforeItInItsStream() {
        // The same two turns, as an episodic stream in one hub and as plain semantic notes in another.
        UUID episodic = api.createHub(ada, "Chat");
        UUID semantic = api.createHub(ada, "Notes");
        for (UUID hub : new UUID[]{episodic, semantic}) {
            String kind = hub.equals(episodic) ? "episodic" : "semantic";
            push(hub, kind, "Melanie: What did you paint at the workshop last week?", null);
            push(hub, kind, "Caroline: A sunrise over the lake, with orange clouds.", null);
        }
        String query = "What did Caroline paint at the workshop?";
        double lifted = score(recall(episodic, query), "Caroline: A sunrise");
        double alone = score(recall(semantic, query), "Caroline: A sunrise");
        assertThat(lifted).isGreaterThan(alone);
    }

    @Test
    void memoriesDatedInThePeriodTheQueryNamesComeFirst() {
        UUID hub = api.createHub(ada, "Trips");
        push(hub, "episodic", "We went hiking in the hills with the dog.", "2023-08-10T12:00:00Z");
        push(hub, "episodic", "We went hiking in the hills with the dog.", "2023-05-07T12:00:00Z");
        JsonNode results = recall(hub, "Where did we go hiking in May 2023?");
        assertThat(results.get(0).at("/event_dates/0").asText()).startsWith("2023-05-07");
        assertThat(results.get(0).path("relevance_score").asDouble())
                .isGreaterThan(results.get(1).path("relevance_score").asDouble());
        // Without a date in the query, neither is preferred for its date.
        JsonNode undated = recall(hub, "Where did we go hiking?");
        assertThat(undated.get(0).path("relevance_score").asDouble())
                .isEqualTo(undated.get(1).path("relevance_score").asDouble());
    }

    private static void push(UUID hub, String kind, String content, String eventDate) {
        String body = "{\"content\": \"" + content + "\", \"kind\": \"" + kind + "\", \"source\": \"chat\""
                + (eventDate == null ? "" : ", \"event_dates\": [\"" + eventDate + "\"]") + "}";
        Http.Result created = SERVER.http().postJson("/v1/memories", body, "Authorization", ada.bearer(),
                "X-Hub-ID", hub.toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private static JsonNode recall(UUID hub, String query) {
        Http.Result result = SERVER.http().postJson("/v1/recall", "{\"query\": \"" + query + "\", \"hub_ids\": [\""
                + hub + "\"]}", "Authorization", ada.bearer());
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json().at("/data/memories");
    }

    private static double score(JsonNode results, String contentPrefix) {
        for (JsonNode memory : results) {
            if (memory.path("chunk_content").asText().startsWith(contentPrefix)) {
                return memory.path("relevance_score").asDouble();
            }
        }
        throw new AssertionError("no result starts with " + contentPrefix + ": " + results);
    }
}
