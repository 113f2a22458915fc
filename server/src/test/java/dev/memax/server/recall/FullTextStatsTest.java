package dev.memax.server.recall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * BM25's per-hub statistics (migration V4): exact after every kind of chunk write through the
 * API, before and after the fold job; titles searchable by full text; and a large match set
 * scored by its rarest lexemes first.
 */
class FullTextStatsTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            // Far apart so each test decides when statistics are folded.
            .property("memax.recall.text-stats-fold-interval", "1h")
            .property("memax.recall.keyword-max-matches", "5");
    /** Every (hub, lexeme, df) and (hub, chunks, length) the statistics say, folded plus pending. */
    private static final String STATED = "SELECT string_agg(line, ';' ORDER BY line) FROM ("
            + "SELECT hub_id || ':' || lexeme || ':' || sum(df) AS line FROM ("
            + "SELECT hub_id, lexeme, df FROM hub_lexemes UNION ALL "
            + "SELECT hub_id, lexeme, df FROM hub_text_changes WHERE lexeme IS NOT NULL) l "
            + "GROUP BY hub_id, lexeme HAVING sum(df) <> 0 UNION ALL "
            + "SELECT hub_id || ':' || sum(chunks) || ':' || sum(lexemes) FROM ("
            + "SELECT hub_id, chunks, lexemes FROM hub_text_stats UNION ALL "
            + "SELECT hub_id, df, lexemes FROM hub_text_changes WHERE lexeme IS NULL) t "
            + "GROUP BY hub_id HAVING sum(chunks) <> 0) s";
    /** The same, counted from the chunks themselves. */
    private static final String ACTUAL = "SELECT string_agg(line, ';' ORDER BY line) FROM ("
            + "SELECT c.hub_id || ':' || l.lexeme || ':' || count(*) AS line "
            + "FROM memory_chunks c, unnest(tsvector_to_array(c.tsv)) l(lexeme) GROUP BY c.hub_id, l.lexeme UNION ALL "
            + "SELECT hub_id || ':' || count(*) || ':' || sum(length(tsv)) FROM memory_chunks GROUP BY hub_id) s";

    private static HubApi api;
    private static TestUser ada;

    @BeforeAll
    static void users() {
        api = new HubApi(SERVER);
        ada = api.user("ada");
    }

    @Test
    void statisticsStayExactThroughCreatesUpdatesMovesDeletesAndHubDeletion() throws Exception {
        UUID first = api.createHub(ada, "Stats one");
        UUID second = api.createHub(ada, "Stats two");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(push(
                    first,
                    "Note " + i,
                    "# Part\n\nLanterns and kettles, number " + i
                            + ".\n\n## More\n\nKettles whistle when the water boils " + i + " times."));
        }
        assertExact();

        patch(ids.get(0), "{\"content\": \"Entirely new words: violins and harbours.\"}");
        patch(ids.get(1), "{\"title\": \"Renamed lighthouse\"}");
        patch(ids.get(2), "{\"tags\": [\"no-text-change\"]}");
        assertExact();

        Http.Result moved = SERVER.http()
                .postJson(
                        "/v1/memories/batch-move",
                        "{\"ids\": [\"" + ids.get(3) + "\", \"" + ids.get(4) + "\"], \"hub_id\": \"" + second + "\"}",
                        "Authorization",
                        ada.bearer());
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertExact();

        assertThat(SERVER.http()
                        .send("DELETE", "/v1/memories/" + ids.get(5), null, "Authorization", ada.bearer())
                        .status())
                .isIn(200, 204);
        assertExact();

        fold();
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM hub_text_changes"))
                .isZero();
        assertExact();

        assertThat(SERVER.http()
                        .send("DELETE", "/v1/hubs/" + second, null, "Authorization", ada.bearer())
                        .status())
                .isIn(200, 204);
        assertExact();
        fold();
        assertExact();
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM hub_lexemes WHERE hub_id = '" + second + "'"))
                .isZero();
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM hub_text_stats WHERE hub_id = '" + second + "'"))
                .isZero();
    }

    @Test
    void aMemoryIsFoundByAWordOnlyItsTitleHolds() {
        UUID hub = api.createHub(ada, "Titles");
        String id = push(hub, "Quarterly zeppelin review", "Numbers went up; the team shipped three features.");
        push(hub, "Other", "Nothing about airships here.");
        JsonNode results = recall(hub, "keyword", "zeppelin");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).path("id").asText()).isEqualTo(id);
    }

    @Test
    void aCommonWordsMatchesAreLeftUnreadWhenRarerWordsFillTheBudget() {
        UUID hub = api.createHub(ada, "Budget");
        for (int i = 0; i < 8; i++) {
            push(hub, "Widget " + i, "The widget number " + i + " is blue.");
        }
        String flamingo = push(hub, "Odd one", "A widget shaped like a flamingo.");
        fold();

        // "widget" is in 9 chunks, over the budget of 5 once "flamingo" (1) is taken: only
        // flamingo's matches are read and scored, and both words count in their score.
        JsonNode both = recall(hub, "keyword", "flamingo widget");
        assertThat(both).hasSize(1);
        assertThat(both.get(0).path("id").asText()).isEqualTo(flamingo);

        // The rarest word present is always read, whatever its count.
        assertThat(recall(hub, "keyword", "widget")).hasSize(9);
        // Hybrid recall still sees the others through their vectors.
        assertThat(recall(hub, "hybrid", "flamingo widget").size()).isGreaterThan(1);
    }

    private static void assertExact() {
        String stated = SERVER.database().queryString(STATED);
        String actual = SERVER.database().queryString(ACTUAL);
        assertThat(stated).isEqualTo(actual);
    }

    private static void fold() {
        SERVER.server().bean(TextStatsFoldJob.class).run();
    }

    private static String push(UUID hub, String title, String content) {
        String body = "{\"title\": " + json(title) + ", \"content\": " + json(content) + "}";
        Http.Result created =
                SERVER.http().postJson("/v1/memories", body, "Authorization", ada.bearer(), "X-Hub-ID", hub.toString());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().at("/data/id").asText();
    }

    private static void patch(String id, String body) {
        Http.Result patched = SERVER.http()
                .send(
                        "PATCH",
                        "/v1/memories/" + id,
                        body,
                        "Authorization",
                        ada.bearer(),
                        "Content-Type",
                        "application/json");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    }

    private static JsonNode recall(UUID hub, String mode, String query) {
        Http.Result result = SERVER.http()
                .postJson(
                        "/v1/recall",
                        "{\"query\": " + json(query) + ", \"mode\": \"" + mode + "\", \"hub_ids\": [\"" + hub + "\"]}",
                        "Authorization",
                        ada.bearer());
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json().at("/data/memories");
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
