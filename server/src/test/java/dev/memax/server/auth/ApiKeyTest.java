package dev.memax.server.auth;

import static dev.memax.server.auth.AuthFlows.assertError;
import static dev.memax.server.auth.AuthFlows.assertFieldError;
import static dev.memax.server.auth.AuthFlows.assertUnauthorized;
import static dev.memax.server.auth.AuthFlows.createKey;
import static dev.memax.server.auth.AuthFlows.json;
import static dev.memax.server.auth.AuthFlows.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.platform.Hashes;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /v1/auth/api-keys}: shown once, scoped, hub-restricted, owned, and dead at once when deleted. */
class ApiKeyTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static final String KEYS = "/v1/auth/api-keys";
    private static TestUser ada;
    private static TestUser bob;

    @BeforeAll
    static void users() {
        ada = SERVER.server().createUser("ada@example.com");
        bob = SERVER.server().createUser("bob@example.com");
    }

    private static Http http() {
        return SERVER.http();
    }

    private static String teamHub(TestUser owner, String name) {
        Http.Result hub = send(http(), "POST", "/v1/hubs", owner.apiKey(), json("name", name));
        assertThat(hub.status()).as(hub.toString()).isEqualTo(201);
        return hub.json().at("/data/hub/id").asText();
    }

    private static JsonNode listAll(String credential) {
        Http.Result result = send(http(), "GET", KEYS + "?limit=100", credential, null);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json().path("data");
    }

    @Test
    void createShowsTheKeyOnceAndItAuthenticates() {
        Http.Result result = send(
                http(),
                "POST",
                KEYS,
                ada.apiKey(),
                json("name", " laptop ", "agent_name", "claude-code", "expires_in_days", 30));
        assertThat(result.status()).as(result.toString()).isEqualTo(201);
        assertThat(result.header("Cache-Control")).hasValue("no-store");
        JsonNode key = result.json().path("data");
        String plaintext = key.path("key").asText();
        assertThat(plaintext).matches("mxk_[0-9a-f]{64}");
        assertThat(key.path("name").asText()).isEqualTo("laptop");
        assertThat(key.path("prefix").asText()).isEqualTo(plaintext.substring(0, 8));
        assertThat(key.path("scopes")).extracting(JsonNode::asText).containsExactly("memax:read", "memax:write");
        assertThat(key.path("hub_ids").isNull()).isTrue();
        assertThat(key.path("agent_name").asText()).isEqualTo("claude-code");
        assertThat(Instant.parse(key.path("expires_at").asText()))
                .isCloseTo(Instant.now().plus(Duration.ofDays(30)), within(Duration.ofMinutes(1)));
        assertThat(key.path("last_used_at").isNull()).isTrue();
        assertThat(key.path("created_at").asText()).endsWith("Z");
        assertThat(key.path("updated_at").asText()).endsWith("Z");
        assertThat(key.has("user_id")).isFalse();
        assertThat(key.has("key_hash")).isFalse();
        // Memax's names for the same facts, beside ours.
        assertThat(key.path("scope").asText()).isEqualTo("memax:read memax:write");
        assertThat(key.path("hub_id").isNull()).isTrue();
        assertThat(key.path("hub_scope_mode").asText()).isEqualTo("all_accessible");
        assertThat(key.size()).isEqualTo(14);

        Http.Result me = AuthFlows.me(http(), plaintext);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().at("/data/email").asText()).isEqualTo("ada@example.com");

        JsonNode listed = listAll(ada.apiKey());
        JsonNode entry = null;
        for (JsonNode k : listed) {
            if (k.path("id").asText().equals(key.path("id").asText())) {
                entry = k;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.has("key")).isFalse();
        assertThat(entry.size()).isEqualTo(14);
        String everything = listAll(ada.apiKey()).toString();
        assertThat(everything).doesNotContain(plaintext).doesNotContain(Hashes.sha256Hex(plaintext));
    }

    @Test
    void scopesAcceptShortFormsAndRejectUnknownOnes() {
        JsonNode readOnly = createKey(http(), ada.apiKey(), "name", "reader", "scopes", List.of("read"));
        assertThat(readOnly.path("scopes")).extracting(JsonNode::asText).containsExactly("memax:read");
        assertFieldError(
                send(http(), "POST", KEYS, ada.apiKey(), json("name", "x", "scopes", List.of("admin"))), "scopes");
        assertFieldError(send(http(), "POST", KEYS, ada.apiKey(), json("name", "x", "scopes", List.of())), "scopes");
    }

    @Test
    void invalidFieldsAreValidationErrors() {
        assertFieldError(send(http(), "POST", KEYS, ada.apiKey(), "{}"), "name");
        assertFieldError(send(http(), "POST", KEYS, ada.apiKey(), json("name", " ")), "name");
        assertFieldError(send(http(), "POST", KEYS, ada.apiKey(), json("name", "x".repeat(101))), "name");
        assertFieldError(
                send(http(), "POST", KEYS, ada.apiKey(), json("name", "x", "expires_in_days", 0)), "expires_in_days");
        assertFieldError(
                send(http(), "POST", KEYS, ada.apiKey(), json("name", "x", "expires_in_days", 3651)),
                "expires_in_days");
        assertFieldError(send(http(), "POST", KEYS, ada.apiKey(), json("name", "x", "hub_ids", List.of())), "hub_ids");
    }

    @Test
    void aReadOnlyKeyCannotWrite() {
        String reader = createKey(http(), ada.apiKey(), "name", "reader", "scopes", List.of("memax:read"))
                .path("key")
                .asText();
        assertThat(AuthFlows.me(http(), reader).status()).isEqualTo(200);
        assertThat(send(http(), "GET", KEYS, reader, null).status()).isEqualTo(200);
        assertError(send(http(), "PATCH", "/v1/auth/me", reader, json("name", "Mallory")), 403, "forbidden");
        assertError(send(http(), "POST", KEYS, reader, json("name", "escalate")), 403, "forbidden");
        assertError(
                send(http(), "PATCH", "/v1/settings", reader, json("settings", java.util.Map.of("a", 1))),
                403,
                "forbidden");
    }

    @Test
    void aKeyCannotGrantAScopeItLacks() {
        String writer = createKey(http(), ada.apiKey(), "name", "writer", "scopes", List.of("write"))
                .path("key")
                .asText();
        assertError(
                send(http(), "POST", KEYS, writer, json("name", "reader", "scopes", List.of("read"))),
                403,
                "forbidden");
        assertError(send(http(), "POST", KEYS, writer, json("name", "both")), 403, "forbidden");
        JsonNode sameScope = createKey(http(), writer, "name", "writer-2", "scopes", List.of("memax:write"));
        assertThat(sameScope.path("scopes")).extracting(JsonNode::asText).containsExactly("memax:write");
    }

    @Test
    void anExpiredKeyFails() {
        JsonNode key = createKey(http(), ada.apiKey(), "name", "short-lived", "expires_in_days", 1);
        assertThat(AuthFlows.me(http(), key.path("key").asText()).status()).isEqualTo(200);
        SERVER.database()
                .execute("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = '"
                        + key.path("id").asText() + "'");
        assertUnauthorized(AuthFlows.me(http(), key.path("key").asText()));
    }

    @Test
    void aDeletedKeyFailsAtOnce() {
        JsonNode key = createKey(http(), ada.apiKey(), "name", "doomed");
        String plaintext = key.path("key").asText();
        assertThat(AuthFlows.me(http(), plaintext).status()).isEqualTo(200);
        Http.Result deleted = send(http(), "DELETE", KEYS + "/" + key.path("id").asText(), ada.apiKey(), null);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.json().path("data").path("id").asText())
                .isEqualTo(key.path("id").asText());
        assertThat(deleted.json().path("data").path("deleted").asBoolean()).isTrue();
        assertUnauthorized(AuthFlows.me(http(), plaintext));
        assertError(send(http(), "DELETE", KEYS + "/" + key.path("id").asText(), ada.apiKey(), null), 404, "not_found");
    }

    @Test
    void aKeyCanDeleteItself() {
        JsonNode key = createKey(http(), ada.apiKey(), "name", "self-destruct");
        String plaintext = key.path("key").asText();
        assertThat(send(http(), "DELETE", KEYS + "/" + key.path("id").asText(), plaintext, null)
                        .status())
                .isEqualTo(200);
        assertUnauthorized(AuthFlows.me(http(), plaintext));
    }

    @Test
    void patchRenamesAndSetsOrClearsTheAgentName() {
        JsonNode key = createKey(http(), ada.apiKey(), "name", "old name");
        String path = KEYS + "/" + key.path("id").asText();
        Http.Result renamed =
                send(http(), "PATCH", path, ada.apiKey(), json("name", "new name", "agent_name", "cursor"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().at("/data/name").asText()).isEqualTo("new name");
        assertThat(renamed.json().at("/data/agent_name").asText()).isEqualTo("cursor");
        assertThat(renamed.json().path("data").has("key")).isFalse();
        assertThat(renamed.json().at("/data/updated_at").asText())
                .isNotEqualTo(key.path("updated_at").asText());

        Http.Result unchanged = send(http(), "PATCH", path, ada.apiKey(), "{}");
        assertThat(unchanged.json().at("/data/name").asText()).isEqualTo("new name");
        assertThat(unchanged.json().at("/data/agent_name").asText()).isEqualTo("cursor");

        Http.Result cleared = send(http(), "PATCH", path, ada.apiKey(), json("agent_name", ""));
        assertThat(cleared.json().at("/data/agent_name").isNull()).isTrue();
        assertThat(cleared.json().at("/data/name").asText()).isEqualTo("new name");

        assertFieldError(send(http(), "PATCH", path, ada.apiKey(), json("name", "")), "name");
        assertFieldError(send(http(), "PATCH", path, ada.apiKey(), json("name", "  ")), "name");
        assertError(send(http(), "PATCH", KEYS + "/not-a-uuid", ada.apiKey(), json("name", "x")), 404, "not_found");
    }

    @Test
    void anotherUsersKeysAreInvisible() {
        JsonNode adaKey = createKey(http(), ada.apiKey(), "name", "ada-private");
        String path = KEYS + "/" + adaKey.path("id").asText();
        assertError(send(http(), "PATCH", path, bob.apiKey(), json("name", "stolen")), 404, "not_found");
        assertError(send(http(), "DELETE", path, bob.apiKey(), null), 404, "not_found");
        assertThat(listAll(bob.apiKey()).toString())
                .doesNotContain(adaKey.path("id").asText());
        // Still Ada's, unchanged, and working.
        assertThat(AuthFlows.me(http(), adaKey.path("key").asText())
                        .json()
                        .at("/data/email")
                        .asText())
                .isEqualTo("ada@example.com");
        assertThat(listAll(ada.apiKey()).toString()).contains("ada-private").doesNotContain("stolen");
    }

    @Test
    void listingIsNewestFirstAndPaginated() {
        TestUser pager = SERVER.server().createUser("pager@example.com");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(
                    0,
                    createKey(http(), pager.apiKey(), "name", "k" + i)
                            .path("id")
                            .asText());
        }
        List<String> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            Http.Result page = send(
                    http(),
                    "GET",
                    KEYS + "?limit=2" + (cursor.isEmpty() ? "" : "&cursor=" + cursor),
                    pager.apiKey(),
                    null);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            // A bare array, as Memax answers it; the next page's cursor in X-Next-Cursor.
            JsonNode data = page.json().path("data");
            assertThat(data.isArray()).isTrue();
            assertThat(data.size()).isLessThanOrEqualTo(2);
            data.forEach(k -> seen.add(k.path("id").asText()));
            cursor = page.header("X-Next-Cursor").orElse("");
            pages++;
        } while (!cursor.isEmpty());
        assertThat(pages).isEqualTo(3);
        // The five new keys, newest first, then the key the test user came with.
        assertThat(seen).hasSize(6);
        assertThat(seen.subList(0, 5)).containsExactlyElementsOf(created);
        assertError(send(http(), "GET", KEYS + "?cursor=forged", pager.apiKey(), null), 400, "bad_request");
        assertFieldError(send(http(), "GET", KEYS + "?limit=0", pager.apiKey(), null), "limit");
    }

    @Test
    void hubRestrictedKeysReachOnlyTheirHubs() {
        String research = teamHub(ada, "Research " + System.nanoTime());
        String ops = teamHub(ada, "Ops " + System.nanoTime());
        JsonNode restricted = createKey(http(), ada.apiKey(), "name", "research-only", "hub_id", research);
        assertThat(restricted.path("hub_ids")).extracting(JsonNode::asText).containsExactly(research);
        String key = restricted.path("key").asText();

        assertThat(send(http(), "GET", "/v1/hubs/" + research, key, null).status())
                .isEqualTo(200);
        assertError(send(http(), "GET", "/v1/hubs/" + ops, key, null), 404, "not_found");
        assertError(send(http(), "GET", "/v1/hubs/" + ada.personalHubId(), key, null), 404, "not_found");
        // Account-level actions are refused to a restricted key.
        assertError(send(http(), "POST", KEYS, key, json("name", "escape")), 403, "forbidden");
        assertError(send(http(), "GET", KEYS, key, null), 403, "forbidden");
        assertError(send(http(), "DELETE", KEYS + "/" + restricted.path("id").asText(), key, null), 403, "forbidden");
        assertError(send(http(), "PATCH", "/v1/auth/me", key, json("password", "a new password!")), 403, "forbidden");
        assertThat(AuthFlows.me(http(), key).status()).isEqualTo(200);

        JsonNode two = createKey(http(), ada.apiKey(), "name", "two-hubs", "hub_ids", List.of(research, ops));
        assertThat(two.path("hub_ids")).extracting(JsonNode::asText).containsExactlyInAnyOrder(research, ops);
        assertThat(send(http(), "GET", "/v1/hubs/" + ops, two.path("key").asText(), null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aKeyCannotBeRestrictedToAHubTheCallerCannotSee() {
        String bobsHub = teamHub(bob, "Bob's team " + System.nanoTime());
        assertError(
                send(http(), "POST", KEYS, ada.apiKey(), json("name", "sneaky", "hub_id", bobsHub)), 404, "not_found");
        assertError(
                send(
                        http(),
                        "POST",
                        KEYS,
                        ada.apiKey(),
                        json("name", "sneaky", "hub_ids", List.of(bob.personalHubId()))),
                404,
                "not_found");
        assertError(
                send(http(), "POST", KEYS, ada.apiKey(), json("name", "sneaky", "hub_id", "not-a-uuid")),
                404,
                "not_found");
        // Not visible wins over a missing scope: existence is never revealed.
        String writer = createKey(http(), ada.apiKey(), "name", "w", "scopes", List.of("write"))
                .path("key")
                .asText();
        assertError(send(http(), "POST", KEYS, writer, json("name", "sneaky", "hub_id", bobsHub)), 404, "not_found");
    }

    @Test
    void useIsRecordedOffTheRequestPath() throws Exception {
        JsonNode key = createKey(http(), ada.apiKey(), "name", "used");
        assertThat(AuthFlows.me(http(), key.path("key").asText()).status()).isEqualTo(200);
        // No explicit flush: the usage recorder's own timer (5 s) must write it.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (JsonNode k : listAll(ada.apiKey())) {
                if (k.path("id").asText().equals(key.path("id").asText())
                        && !k.path("last_used_at").isNull()) {
                    assertThat(k.path("last_used_at").asText()).endsWith("Z");
                    return;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("last_used_at was never recorded");
    }
}
