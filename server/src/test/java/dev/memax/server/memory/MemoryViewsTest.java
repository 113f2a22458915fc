package dev.memax.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The memory-level views recall blends with the best chunk (issue 17), as pushes and updates store
 * them on the first chunk: the whole memory as the model windows it (only when that differs from
 * the first chunk's own text) and the title; and the session a memory is recorded in.
 */
class MemoryViewsTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static MemoryApi api;
    private static TestUser ada;

    @BeforeAll
    static void users() {
        api = new MemoryApi(SERVER);
        ada = api.user("ada");
    }

    private static String sections(int count) {
        StringBuilder text = new StringBuilder("Overview of the billing service and its moving parts.\n\n");
        for (int i = 0; i < count; i++) {
            text.append("## Part ")
                    .append(i)
                    .append("\n\n")
                    .append(("Detail " + i + " of the ledger, the invoices "
                                    + "and the retry queue that replays failed webhooks. ")
                            .repeat(40))
                    .append("\n\n");
        }
        return text.toString();
    }

    private static long firstChunks(UUID memory, String condition) {
        return SERVER.database()
                .queryLong("SELECT count(*) FROM memory_chunks WHERE memory_id = '" + memory + "' AND ordinal = 0 AND "
                        + condition);
    }

    @Test
    void aLongNoteKeepsItsWholeViewAndTitleOnItsFirstChunkOnly() {
        JsonNode note = api.create(
                ada,
                "{\"title\": \"Billing architecture\", \"content\": " + MemoryApi.JSON.valueToTree(sections(4)) + "}");
        UUID id = UUID.fromString(note.path("id").asText());
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM memory_chunks WHERE memory_id = '" + id + "'"))
                .isGreaterThan(2);
        assertThat(firstChunks(id, "vector_dims(memory_embedding) = 384 AND vector_dims(title_embedding) = 384"))
                .isEqualTo(1);
        assertThat(
                        SERVER.database()
                                .queryLong(
                                        "SELECT count(*) FROM memory_chunks WHERE memory_id = '" + id
                                                + "' AND ordinal > 0 AND (memory_embedding IS NOT NULL OR title_embedding IS NOT NULL)"))
                .isZero();
        // The whole view is not any chunk: it reads the title and the opening.
        assertThat(firstChunks(id, "(memory_embedding <=> embedding) > 0.001")).isEqualTo(1);

        String before = SERVER.database()
                .queryString("SELECT title_embedding::text FROM memory_chunks WHERE memory_id = '" + id
                        + "' AND ordinal = 0");
        Http.Result renamed = api.send(ada, "PATCH", "/v1/memories/" + id, "{\"title\": \"Invoice pipeline\"}");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(SERVER.database()
                        .queryString("SELECT title_embedding::text FROM memory_chunks WHERE memory_id = '" + id
                                + "' AND ordinal = 0"))
                .isNotEqualTo(before);
    }

    @Test
    void aOneChunkMemoryIsItsOwnViewAndAnUntitledOneHasNoTitleView() {
        UUID titled =
                UUID.fromString(api.create(ada, "{\"title\": \"Port\", \"content\": \"The API listens on 8080.\"}")
                        .path("id")
                        .asText());
        assertThat(firstChunks(titled, "memory_embedding IS NULL AND title_embedding IS NOT NULL"))
                .isEqualTo(1);
        UUID untitled = api.createContent(ada, "Redis runs on port 6379.");
        assertThat(firstChunks(untitled, "memory_embedding IS NULL AND title_embedding IS NULL"))
                .isEqualTo(1);
    }

    @Test
    void theSessionIsKeptChangedAndClearedLikeAnyField() {
        JsonNode made =
                api.create(ada, "{\"content\": \"Step one: reproduce the crash.\", \"session_id\": \" debug-7 \"}");
        assertThat(made.path("session_id").asText()).isEqualTo("debug-7");
        String id = made.path("id").asText();
        Http.Result moved = api.send(ada, "PATCH", "/v1/memories/" + id, "{\"session_id\": \"debug-8\"}");
        assertThat(moved.json().at("/data/session_id").asText()).isEqualTo("debug-8");
        Http.Result cleared = api.send(ada, "PATCH", "/v1/memories/" + id, "{\"session_id\": null}");
        assertThat(cleared.json().at("/data/session_id").isNull()).isTrue();
        JsonNode history = api.getOk(ada, "/v1/memories/" + id + "/history");
        assertThat(history.toString()).contains("\"session_id\":{\"from\":\"debug-7\",\"to\":\"debug-8\"}");
        Http.Result tooLong =
                api.post(ada, "/v1/memories", "{\"content\": \"x\", \"session_id\": \"" + "s".repeat(201) + "\"}");
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().at("/error/details/fields/session_id").asText())
                .contains("at most 200");
    }
}
