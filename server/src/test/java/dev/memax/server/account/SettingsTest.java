package dev.memax.server.account;

import static dev.memax.server.auth.AuthFlows.assertError;
import static dev.memax.server.auth.AuthFlows.assertFieldError;
import static dev.memax.server.auth.AuthFlows.createKey;
import static dev.memax.server.auth.AuthFlows.json;
import static dev.memax.server.auth.AuthFlows.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET/PATCH /v1/settings}: a shallow merge, null removes, 16 KB at most. */
class SettingsTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static final String SETTINGS = "/v1/settings";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Http http() {
        return SERVER.http();
    }

    private static JsonNode get(TestUser user) {
        Http.Result result = send(http(), "GET", SETTINGS, user.apiKey(), null);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json().path("data");
    }

    private static Http.Result patch(TestUser user, Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>();
        body.put("settings", settings);
        return send(http(), "PATCH", SETTINGS, user.apiKey(), json(body));
    }

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }

    /** The answer for these settings: flat (Memax's SDK) and under {@code settings} (ours). */
    private static JsonNode answer(String settings) throws Exception {
        ObjectNode answer = ((ObjectNode) tree(settings)).deepCopy();
        answer.set("settings", tree(settings));
        return answer;
    }

    @Test
    void settingsStartEmpty() throws Exception {
        TestUser user = SERVER.server().createUser("empty@example.com");
        assertThat(get(user)).isEqualTo(tree("{\"settings\": {}}"));
    }

    @Test
    void patchMergesShallowlyAndNullRemoves() throws Exception {
        TestUser user = SERVER.server().createUser("merge@example.com");
        Http.Result first = patch(user, Map.of("theme", "dark", "editor", Map.of("font", "mono", "size", 12)));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("data"))
                .isEqualTo(answer("{\"theme\": \"dark\", \"editor\": {\"font\": \"mono\", \"size\": 12}}"));

        Map<String, Object> second = new LinkedHashMap<>();
        second.put("theme", null);
        second.put("editor", Map.of("size", 14));
        second.put("tags", List.of("a", "b"));
        second.put("absent", null);
        Http.Result merged = patch(user, second);
        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        JsonNode expected = answer("{\"editor\": {\"size\": 14}, \"tags\": [\"a\", \"b\"]}");
        assertThat(merged.json().path("data")).isEqualTo(expected);
        assertThat(get(user)).isEqualTo(expected);

        // Settings are per user.
        TestUser other = SERVER.server().createUser("other@example.com");
        assertThat(get(other)).isEqualTo(tree("{\"settings\": {}}"));
    }

    @Test
    void mergedSettingsOver16KbArePayloadTooLarge() {
        TestUser user = SERVER.server().createUser("big@example.com");
        assertThat(patch(user, Map.of("a", "x".repeat(9000))).status()).isEqualTo(200);
        Http.Result tooBig = patch(user, Map.of("b", "y".repeat(9000)));
        assertError(tooBig, 413, "payload_too_large");
        assertThat(get(user).at("/settings/b").isMissingNode()).isTrue();
        // Exactly at the limit is fine: {"a":"…"} is 8 bytes plus the value.
        assertThat(patch(user, Map.of("a", "x".repeat(16 * 1024 - 8))).status()).isEqualTo(200);
        assertError(patch(user, Map.of("a", "x".repeat(16 * 1024 - 7))), 413, "payload_too_large");
        // Removing keys brings it back under.
        Map<String, Object> remove = new HashMap<>();
        remove.put("a", null);
        remove.put("b", "small");
        assertThat(patch(user, remove).status()).isEqualTo(200);
    }

    @Test
    void flatBodiesMergeLikeWrappedOnes() throws Exception {
        TestUser user = SERVER.server().createUser("flat@example.com");
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("theme", "dark");
        flat.put("locale", "en");
        Http.Result first = send(http(), "PATCH", SETTINGS, user.apiKey(), json(flat));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("data")).isEqualTo(answer("{\"theme\": \"dark\", \"locale\": \"en\"}"));
        Map<String, Object> remove = new HashMap<>();
        remove.put("locale", null);
        assertThat(send(http(), "PATCH", SETTINGS, user.apiKey(), json(remove)).status())
                .isEqualTo(200);
        assertThat(get(user)).isEqualTo(answer("{\"theme\": \"dark\"}"));
        // An empty body changes nothing.
        Http.Result none = send(http(), "PATCH", SETTINGS, user.apiKey(), "{}");
        assertThat(none.json().path("data")).isEqualTo(answer("{\"theme\": \"dark\"}"));
    }

    @Test
    void settingsIsTheWrapperNeverAKey() {
        TestUser user = SERVER.server().createUser("shape@example.com");
        assertFieldError(send(http(), "PATCH", SETTINGS, user.apiKey(), json("settings", "dark")), "settings");
        assertFieldError(send(http(), "PATCH", SETTINGS, user.apiKey(), json("settings", List.of(1))), "settings");
        assertFieldError(
                send(
                        http(),
                        "PATCH",
                        SETTINGS,
                        user.apiKey(),
                        json(Map.of("settings", Map.of("a", 1), "theme", "dark"))),
                "settings");
        assertFieldError(
                send(http(), "PATCH", SETTINGS, user.apiKey(), json("settings", Map.of("settings", 1))),
                "settings.settings");
        assertThat(get(user)).isEqualTo(JSON.createObjectNode().set("settings", JSON.createObjectNode()));
    }

    @Test
    void readingNeedsAnyCredentialWritingNeedsTheWriteScope() {
        TestUser user = SERVER.server().createUser("scopes@example.com");
        String reader = createKey(http(), user.apiKey(), "name", "r", "scopes", List.of("read"))
                .path("key")
                .asText();
        assertThat(send(http(), "GET", SETTINGS, reader, null).status()).isEqualTo(200);
        assertError(send(http(), "PATCH", SETTINGS, reader, json("settings", Map.of("a", 1))), 403, "forbidden");
    }
}
