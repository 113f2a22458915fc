package dev.memax.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PaginationTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static final String WIDGETS = "/v1/test-fixtures/widgets";
    private static final int INITIAL = 45;
    private static final List<String> initialIds = new ArrayList<>();

    @BeforeAll
    static void seed() {
        for (int i = 0; i < INITIAL; i++) {
            initialIds.add(create("w" + i));
        }
    }

    private static String create(String name) {
        Http.Result created = SERVER.http().postJson(WIDGETS, "{\"name\": \"" + name + "\", \"color\": \"red\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().at("/data/id").asText();
    }

    private static JsonNode page(String query) {
        Http.Result result = SERVER.http().get(WIDGETS + query);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json().path("data");
    }

    @Test
    void defaultPageHoldsTwentyItemsUnderTheNamedKey() {
        JsonNode data = page("");
        assertThat(data.path("widgets").size()).isEqualTo(20);
        assertThat(data.path("has_more").asBoolean()).isTrue();
        assertThat(data.path("next_cursor").asText()).isNotEmpty().matches("[A-Za-z0-9_\\-.]+");
    }

    @Test
    void walkingAllPagesWhileOthersInsertNeverSkipsNorRepeats() throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> inserts = writer.submit(() -> {
            for (int i = 0; i < 30; i++) {
                create("concurrent" + i);
            }
        });
        List<String> seen = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode data = page("?limit=7" + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
            data.path("widgets").forEach(w -> seen.add(w.path("id").asText()));
            cursor = data.path("next_cursor").asText();
            assertThat(data.path("has_more").asBoolean()).isEqualTo(!cursor.isEmpty());
        } while (!cursor.isEmpty());
        inserts.get();
        writer.shutdown();
        Set<String> unique = new HashSet<>(seen);
        assertThat(unique).hasSameSizeAs(seen);
        assertThat(seen).containsAll(initialIds);
        assertThat(seen).isSorted();
    }

    @Test
    void lastPageHasEmptyCursor() {
        JsonNode data = page("?limit=100");
        assertThat(data.path("has_more").asBoolean()).isFalse();
        assertThat(data.path("next_cursor").asText()).isEmpty();
        assertThat(data.path("next_cursor").isTextual()).isTrue();
    }

    @Test
    void forgedCursorIsBadRequest() {
        String forged = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                "{\"listing\":\"test-widgets:id\",\"after\":[\"00000000-0000-0000-0000-000000000000\"]}"
                                        .getBytes(StandardCharsets.UTF_8))
                + ".AAAA";
        assertThat(SERVER.http().get(WIDGETS + "?cursor=" + forged).errorCode()).isEqualTo("bad_request");
        assertThat(SERVER.http().get(WIDGETS + "?cursor=garbage").status()).isEqualTo(400);
    }

    @Test
    void alteredCursorIsBadRequest() {
        String cursor = page("?limit=5").path("next_cursor").asText();
        String payload = cursor.substring(0, cursor.indexOf('.'));
        String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        String altered = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(json.replace(
                                        json.substring(json.indexOf("[\"") + 2, json.indexOf("[\"") + 10), "00000000")
                                .getBytes(StandardCharsets.UTF_8))
                + cursor.substring(cursor.indexOf('.'));
        Http.Result result = SERVER.http().get(WIDGETS + "?cursor=" + altered);
        assertThat(result.status()).as(result.toString()).isEqualTo(400);
        assertThat(result.errorCode()).isEqualTo("bad_request");
    }

    @Test
    void limitOutsideOneToHundredIsValidationFailed() {
        for (String limit : List.of("0", "101", "-5")) {
            Http.Result result = SERVER.http().get(WIDGETS + "?limit=" + limit);
            assertThat(result.status()).as(result.toString()).isEqualTo(422);
            assertThat(result.json().at("/error/details/fields/limit").asText()).isNotBlank();
        }
        assertThat(SERVER.http().get(WIDGETS + "?limit=abc").status()).isEqualTo(400);
    }
}
