package dev.memax.server.agent;

import static dev.memax.server.hub.HubApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * {@code /v1/agents}: agents derived from API keys' {@code agent_name} and memories'
 * {@code source_agent}, named, disconnected (keys revoked, memories kept), per user.
 */
class AgentsTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static HubApi api;

    @BeforeAll
    static void setUp() {
        api = new HubApi(SERVER);
    }

    private static String json(Object... pairs) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.set((String) pairs[i], JSON.valueToTree(pairs[i + 1]));
        }
        return node.toString();
    }

    private static JsonNode ok(Http.Result result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json().path("data");
    }

    /** A key of {@code user} for an agent; returns the plaintext key. */
    private static String agentKey(TestUser user, String agentName, Object... more) {
        List<Object> fields = new ArrayList<>(List.of("name", agentName + " key", "agent_name", agentName));
        fields.addAll(List.of(more));
        Http.Result created = api.send(user, "POST", "/v1/auth/api-keys", json(fields.toArray()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().at("/data/key").asText();
    }

    private static void push(String bearer, String content, String agent) {
        Http.Result result = api.send(bearer, "POST", "/v1/memories", json("content", content, "source_agent", agent));
        assertThat(result.status()).as(result.toString()).isEqualTo(201);
    }

    private static JsonNode agent(JsonNode list, String slug) {
        for (JsonNode agent : list) {
            if (agent.path("agent_name").asText().equals(slug)) {
                return agent;
            }
        }
        return null;
    }

    @Test
    void agentsComeFromKeysAndMemoriesAndAreNamedPerUser() {
        TestUser eve = api.user("eve");
        TestUser frank = api.user("frank");
        String claudeKey = agentKey(eve, "Claude Code");
        push("Bearer " + claudeKey, "claude wrote this", "claude-code");
        push(eve.bearer(), "and this, through eve's own key", "claude_code");
        push(eve.bearer(), "cursor wrote this", "Cursor");
        push(eve.bearer(), "eve wrote this herself", null);
        push(frank.bearer(), "frank's agent", "claude-code");

        JsonNode list = ok(api.get(eve, "/v1/agents"));
        assertThat(list).hasSize(2);
        JsonNode claude = agent(list, "claude-code");
        assertThat(claude.path("display_name").asText()).isEqualTo("Claude Code");
        assertThat(claude.path("owner_id").asText()).isEqualTo(eve.id().toString());
        assertThat(claude.path("status").asText()).isEqualTo("active");
        assertThat(claude.path("key_count").asLong()).isEqualTo(1);
        assertThat(claude.path("memory_count").asLong()).isEqualTo(2);
        assertThat(claude.path("config_count").asLong()).isZero();
        assertThat(claude.path("needs_reconnect").asBoolean()).isFalse();
        assertThat(claude.path("icon").asText()).isEmpty();
        assertThat(claude.path("last_active_at").isNull()).isFalse();
        JsonNode cursor = agent(list, "cursor");
        assertThat(cursor.path("display_name").asText()).isEqualTo("Cursor");
        assertThat(cursor.path("status").asText()).isEqualTo("inactive");
        assertThat(cursor.path("key_count").asLong()).isZero();
        assertThat(cursor.path("memory_count").asLong()).isEqualTo(1);
        // Frank sees only his own agent, with his own id for it.
        JsonNode franks = ok(api.get(frank, "/v1/agents"));
        assertThat(franks).hasSize(1);
        assertThat(franks.get(0).path("memory_count").asLong()).isEqualTo(1);
        assertThat(franks.get(0).path("id").asText())
                .isNotEqualTo(claude.path("id").asText());

        JsonNode renamed = ok(api.send(
                eve, "PATCH", "/v1/agents/claude-code", json("display_name", " Claude (laptop) ", "icon", "bot")));
        assertThat(renamed.path("display_name").asText()).isEqualTo("Claude (laptop)");
        assertThat(renamed.path("icon").asText()).isEqualTo("bot");
        assertThat(renamed.path("id").asText()).isEqualTo(claude.path("id").asText());
        assertThat(agent(ok(api.get(eve, "/v1/agents")), "claude-code")
                        .path("display_name")
                        .asText())
                .isEqualTo("Claude (laptop)");
        // A name is read as its slug; an empty string puts the default back; absent fields stay.
        JsonNode reset = ok(api.send(eve, "PATCH", "/v1/agents/Claude%20Code", json("display_name", "")));
        assertThat(reset.path("display_name").asText()).isEqualTo("Claude Code");
        assertThat(reset.path("icon").asText()).isEqualTo("bot");

        Http.Result tooLong = api.send(
                eve, "PATCH", "/v1/agents/cursor", json("display_name", "x".repeat(101), "icon", "y".repeat(65)));
        assertError(tooLong, 422, "validation_failed");
        assertThat(tooLong.json().at("/error/details/fields").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("display_name", "icon");
        assertError(api.send(eve, "PATCH", "/v1/agents/windsurf", json("icon", "x")), 404, "not_found");
        // Frank's claude-code is his: renaming it leaves eve's alone.
        ok(api.send(frank, "PATCH", "/v1/agents/claude-code", json("display_name", "Frank's")));
        assertThat(agent(ok(api.get(eve, "/v1/agents")), "claude-code")
                        .path("display_name")
                        .asText())
                .isEqualTo("Claude Code");
        TestUser gus = api.user("gus");
        assertError(api.send(gus, "PATCH", "/v1/agents/cursor", json("icon", "x")), 404, "not_found");
        assertThat(ok(api.get(gus, "/v1/agents"))).isEmpty();
    }

    @Test
    void disconnectRevokesTheAgentsKeysAndKeepsItsMemories() {
        TestUser hal = api.user("hal");
        TestUser ivy = api.user("ivy");
        String first = agentKey(hal, "codex");
        String second = agentKey(hal, "Codex");
        String other = agentKey(hal, "cursor");
        push("Bearer " + first, "codex memory", "codex");
        assertThat(agent(ok(api.get(hal, "/v1/agents")), "codex")
                        .path("key_count")
                        .asLong())
                .isEqualTo(2);

        // Another user's disconnect finds nothing, and changes nothing.
        JsonNode notFound = ok(api.send(ivy, "DELETE", "/v1/agents/codex", null));
        assertThat(notFound.path("disconnected").asBoolean()).isFalse();
        assertThat(notFound.path("keys_revoked").asInt()).isZero();
        assertThat(notFound.at("/skipped/0/id").asText()).isEqualTo("codex");
        assertThat(notFound.at("/skipped/0/reason").asText()).isEqualTo("not_found");
        assertThat(api.get("Bearer " + first, "/v1/auth/me").status()).isEqualTo(200);

        long before = SERVER.database().queryLong("SELECT coalesce(max(id), 0) FROM events");
        JsonNode done = ok(api.send(hal, "DELETE", "/v1/agents/codex", null));
        assertThat(done.path("disconnected").asBoolean()).isTrue();
        assertThat(done.path("keys_revoked").asInt()).isEqualTo(2);
        assertThat(done.path("configs_tombstoned").asInt()).isZero();
        assertThat(done.path("skipped")).isEmpty();
        assertError(api.get("Bearer " + first, "/v1/auth/me"), 401, "unauthorized");
        assertError(api.get("Bearer " + second, "/v1/auth/me"), 401, "unauthorized");
        assertThat(api.get("Bearer " + other, "/v1/auth/me").status()).isEqualTo(200);
        assertThat(SERVER.database()
                        .queryString("SELECT string_agg(type || ':' || user_id || ':' "
                                + "|| (payload ->> 'action'), ',' ORDER BY id) FROM events WHERE id > " + before))
                .isEqualTo("key.changed:" + hal.id() + ":revoked,key.changed:" + hal.id() + ":revoked");

        assertThat(ok(api.get(hal, "/v1/agents")))
                .extracting(a -> a.path("agent_name").asText())
                .containsExactly("cursor");
        assertThat(ok(api.get(hal, "/v1/memories?actor=codex")).path("total").asLong())
                .isEqualTo(1);
        assertError(api.send(hal, "PATCH", "/v1/agents/codex", json("icon", "x")), 404, "not_found");
        assertThat(ok(api.send(hal, "DELETE", "/v1/agents/codex", null))
                        .path("disconnected")
                        .asBoolean())
                .isFalse();

        // It connects again with a new memory: listed, its old memories counted, no key.
        push(hal.bearer(), "codex is back", "codex");
        JsonNode back = agent(ok(api.get(hal, "/v1/agents")), "codex");
        assertThat(back.path("memory_count").asLong()).isEqualTo(2);
        assertThat(back.path("key_count").asLong()).isZero();
        assertThat(back.path("status").asText()).isEqualTo("inactive");
    }

    @Test
    void expiredKeysAskForAReconnectAndHubRestrictedKeysAreRefused() {
        TestUser jo = api.user("jo");
        agentKey(jo, "aider", "expires_in_days", 1);
        SERVER.database()
                .execute("UPDATE api_keys SET expires_at = now() - interval '1 minute' WHERE user_id = '" + jo.id()
                        + "' AND agent_name = 'aider'");
        JsonNode aider = agent(ok(api.get(jo, "/v1/agents")), "aider");
        assertThat(aider.path("needs_reconnect").asBoolean()).isTrue();
        assertThat(aider.path("status").asText()).isEqualTo("inactive");
        assertThat(aider.path("key_count").asLong()).isEqualTo(1);

        String restricted =
                agentKey(jo, "restricted", "hub_id", jo.personalHubId().toString());
        assertError(api.get("Bearer " + restricted, "/v1/agents"), 403, "forbidden");
        assertError(api.send("Bearer " + restricted, "DELETE", "/v1/agents/aider", null), 403, "forbidden");
        String readOnly = agentKey(jo, "reader", "scopes", List.of("read"));
        assertThat(api.get("Bearer " + readOnly, "/v1/agents").status()).isEqualTo(200);
        assertError(api.send("Bearer " + readOnly, "PATCH", "/v1/agents/aider", json("icon", "x")), 403, "forbidden");
        assertThat(agent(ok(api.get(jo, "/v1/agents")), "aider").path("icon").asText())
                .isEmpty();
        assertThat(UUID.fromString(aider.path("id").asText())).isNotNull();
    }
}
