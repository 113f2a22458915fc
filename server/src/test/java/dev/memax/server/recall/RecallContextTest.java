package dev.memax.server.recall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The two context signals of recall, over real HTTP: a memory lifted by the turn next to it in
 * its session (and not by a memory merely pushed next to it), and memories whose event dates fall
 * in a period the query names; a turn that neither search finds joins the results through the turn
 * beside it, within the request's filters.
 */
class RecallContextTest {
    @RegisterExtension
    // One candidate per search (a recall of limit n takes n), so a hub of a few memories has turns neither search
    // finds.
    static final MemaxServerExtension SERVER = new MemaxServerExtension().property("memax.recall.candidates", 1);

    private static HubApi api;
    private static TestUser ada;

    @BeforeAll
    static void users() {
        api = new HubApi(SERVER);
        ada = api.user("ada");
    }

    @Test
    void aTurnIsLiftedByTheTurnBeforeItInItsSessionOnly() {
        // The same two turns: in one session, in two different sessions, and merely pushed one after the other.
        UUID session = api.createHub(ada, "Chat");
        UUID split = api.createHub(ada, "Two chats");
        UUID bare = api.createHub(ada, "Stream");
        UUID viaMetadata = api.createHub(ada, "Chat via metadata");
        String question = "Melanie: What did you paint at the workshop last week?";
        String answer = "Caroline: A sunrise over the lake, with orange clouds.";
        push(session, question, null, ", \"session_id\": \"conv-1\"");
        push(session, answer, null, ", \"session_id\": \"conv-1\"");
        push(split, question, null, ", \"session_id\": \"conv-1\"");
        push(split, answer, null, ", \"session_id\": \"conv-2\"");
        push(bare, question, null, "");
        push(bare, answer, null, "");
        push(viaMetadata, question, null, ", \"metadata\": {\"session_id\": \"conv-1\"}");
        JsonNode pushed = push(viaMetadata, answer, null, ", \"metadata\": {\"session_id\": \"conv-1\"}");
        assertThat(pushed.path("session_id").asText()).isEqualTo("conv-1");

        String query = "What did Caroline paint at the workshop?";
        double lifted = score(recall(session, query), "Caroline: A sunrise");
        double alone = score(recall(bare, query), "Caroline: A sunrise");
        assertThat(lifted).isGreaterThan(alone);
        assertThat(score(recall(split, query), "Caroline: A sunrise")).isEqualTo(alone);
        assertThat(score(recall(viaMetadata, query), "Caroline: A sunrise")).isEqualTo(lifted);
        // The question itself matches better than the answer: no neighbour pulls it down or up.
        assertThat(score(recall(session, query), "Melanie: What did"))
                .isEqualTo(score(recall(bare, query), "Melanie: What did"));
    }

    @Test
    void aTurnNeitherSearchFindsJoinsThroughTheTurnBesideIt() {
        UUID hub = api.createHub(ada, "Chat with distractors");
        push(
                hub,
                "Melanie: What did you paint at the pottery workshop last week?",
                null,
                ", \"session_id\": \"conv-1\", \"tags\": [\"chat\"]");
        push(
                hub,
                "Caroline: A sunrise over the lake, with orange clouds.",
                null,
                ", \"session_id\": \"conv-1\", \"tags\": [\"chat\"]");
        push(hub, "The pottery workshop is closed next week for painting the walls.", null, ", \"tags\": [\"chat\"]");
        push(
                hub,
                "Workshop notes: bring your own brushes and paint to the pottery class.",
                null,
                ", \"tags\": [\"chat\"]");
        push(hub, "Melanie: Did you enjoy the workshop?", null, ", \"session_id\": \"conv-2\", \"tags\": [\"chat\"]");
        push(
                hub,
                "Caroline: A sunrise, I painted it for Melanie.",
                null,
                ", \"session_id\": \"conv-2\", \"tags\": [\"other\"]");

        // Both searches take the two best: the question and a distractor; the answer is found through the question.
        String query = "What did Melanie ask about the pottery workshop painting?";
        JsonNode results = recall(hub, query, 2, "");
        assertThat(results.get(0).path("chunk_content").asText()).startsWith("Melanie: What did you paint");
        assertThat(results.get(1).path("chunk_content").asText()).startsWith("Caroline: A sunrise over the lake");
        // The answer scores below the question that pulled it up.
        assertThat(results.get(1).path("relevance_score").asDouble())
                .isLessThan(results.get(0).path("relevance_score").asDouble());
        // A neighbour outside the request's filters stays out: conv-2's answer is tagged "other".
        JsonNode filtered = recall(hub, "Did Melanie enjoy the workshop?", 10, ", \"tags\": [\"chat\"]");
        assertThat(filtered.get(0).path("chunk_content").asText()).startsWith("Melanie: Did you enjoy");
        assertThat(filtered.findValuesAsText("chunk_content")).hasSize(5).noneMatch(c -> c.contains("for Melanie"));
    }

    @Test
    void memoriesDatedInThePeriodTheQueryNamesComeFirst() {
        UUID hub = api.createHub(ada, "Trips");
        push(hub, "We went hiking in the hills with the dog.", "2023-08-10T12:00:00Z", "");
        push(hub, "We went hiking in the hills with the dog.", "2023-05-07T12:00:00Z", "");
        JsonNode results = recall(hub, "Where did we go hiking in May 2023?");
        assertThat(results.get(0).at("/event_dates/0").asText()).startsWith("2023-05-07");
        assertThat(results.get(0).path("relevance_score").asDouble())
                .isGreaterThan(results.get(1).path("relevance_score").asDouble());
        // Without a date in the query, neither is preferred for its date.
        JsonNode undated = recall(hub, "Where did we go hiking?");
        assertThat(undated.get(0).path("relevance_score").asDouble())
                .isEqualTo(undated.get(1).path("relevance_score").asDouble());
    }

    /** Pushes an episodic memory; {@code extra} is more JSON members (each starting with a comma). */
    private static JsonNode push(UUID hub, String content, String eventDate, String extra) {
        String body = "{\"content\": \"" + content + "\", \"kind\": \"episodic\", \"source\": \"chat\""
                + (eventDate == null ? "" : ", \"event_dates\": [\"" + eventDate + "\"]") + extra + "}";
        Http.Result created =
                SERVER.http().postJson("/v1/memories", body, "Authorization", ada.bearer(), "X-Hub-ID", hub.toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("data");
    }

    private static JsonNode recall(UUID hub, String query) {
        return recall(hub, query, 10, "");
    }

    /** {@code extra} is more JSON members (each starting with a comma). */
    private static JsonNode recall(UUID hub, String query, int limit, String extra) {
        Http.Result result = SERVER.http()
                .postJson(
                        "/v1/recall",
                        "{\"query\": \"" + query + "\", \"hub_ids\": [\"" + hub + "\"], \"limit\": " + limit + extra
                                + "}",
                        "Authorization",
                        ada.bearer());
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
