package dev.memax.server.mcp;

import static dev.memax.server.mcp.McpHttp.JSON;
import static dev.memax.server.mcp.McpHttp.STATELESS;
import static dev.memax.server.mcp.McpHttp.call;
import static dev.memax.server.mcp.McpHttp.notification;
import static dev.memax.server.mcp.McpHttp.params;
import static dev.memax.server.mcp.McpHttp.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestServer;
import dev.memax.server.testing.TestUser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rule of the MCP transport and protocol, through raw HTTP against the real server (and a second instance). */
class McpProtocolTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.test-fixtures.mcp-tools", true)
            .property("memax.mcp.tools-page-size", 1)
            .property("micronaut.server.max-request-size", 65_536)
            .property("memax.public-url", "https://memax.example.com/")
            .property("memax.mcp.allowed-origins", "https://app.example.org, http://localhost:6274")
            // The test server listens on 127.0.0.1, where Micronaut's own drive-by-localhost guard
            // would refuse every non-local Origin before the MCP allow-list is even asked.
            .property("micronaut.server.cors.localhost-pass-through", true);

    private static TestServer second;
    private final McpHttp mcp = new McpHttp(SERVER.http());

    @BeforeAll
    static void startSecond() {
        second = TestServer.start(SERVER.serverProperties());
    }

    @AfterAll
    static void stopSecond() {
        if (second != null) {
            second.close();
        }
    }

    private static TestUser user() {
        return SERVER.server().createUser("mcp-" + UUID.randomUUID() + "@example.com");
    }

    private static JsonNode error(Http.Result result) {
        return result.json().path("error");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-03-26", "2025-06-18", "2025-11-25"})
    void initializeAnswersTheClientsVersionAndMintsASession(String version) {
        TestUser ada = user();
        Http.Result init = mcp.post(
                "/mcp",
                request(1, "initialize", params().put("protocolVersion", version)),
                "Authorization",
                ada.bearer());
        assertThat(init.status()).isEqualTo(200);
        assertThat(init.header("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode result = init.json().path("result");
        assertThat(init.json().path("id").asInt()).isEqualTo(1);
        assertThat(result.path("protocolVersion").asText()).isEqualTo(version);
        assertThat(result.at("/capabilities/tools/listChanged").isBoolean()).isTrue();
        assertThat(result.at("/capabilities/tools/listChanged").asBoolean()).isFalse();
        assertThat(result.at("/serverInfo/name").asText()).isEqualTo("memax");
        assertThat(result.path("instructions").asText()).isNotBlank();
        String session = init.header("Mcp-Session-Id").orElseThrow();
        assertThat(session).matches("[\\x21-\\x7E]{20,}");

        Http.Result initialized =
                mcp.inSession("/mcp", ada, session, version, notification("notifications/initialized"));
        assertThat(initialized.status()).isEqualTo(202);
        assertThat(initialized.body()).isEmpty();
        Http.Result ping = mcp.inSession("/mcp", ada, session, version, request("p", "ping", null));
        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.json().path("id").asText()).isEqualTo("p");
        assertThat(ping.json().path("result").isObject()).isTrue();
        assertThat(ping.json().path("result").isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-11-05", "2026-07-28", "1.0"})
    void initializeWithAVersionOutsideTheHandshakeFamilyAnswersTheLatestOne(String requested) {
        Http.Result init = mcp.post(
                "/mcp",
                request(1, "initialize", params().put("protocolVersion", requested)),
                "Authorization",
                user().bearer());
        assertThat(init.json().at("/result/protocolVersion").asText()).isEqualTo("2025-11-25");
    }

    @Test
    void anUnsupportedProtocolVersionHeaderIs400ListingTheSupportedOnes() {
        TestUser ada = user();
        String session = mcp.initialize("/mcp", ada, "2025-06-18");
        Http.Result result = mcp.inSession("/mcp", ada, session, "1999-01-01", request(2, "tools/list", null));
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.json().path("id").asInt()).isEqualTo(2);
        assertThat(error(result).path("code").asInt()).isEqualTo(-32022);
        assertThat(error(result).at("/data/requested").asText()).isEqualTo("1999-01-01");
        List<String> supported = new ArrayList<>();
        error(result).at("/data/supported").forEach(v -> supported.add(v.asText()));
        assertThat(supported).containsExactly("2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26");
    }

    @Test
    void aMissingProtocolVersionHeaderMeans20250326() {
        TestUser ada = user();
        String session = mcp.initialize("/mcp", ada, "2025-03-26");
        Http.Result list = mcp.post(
                "/mcp", request(2, "tools/list", null), "Authorization", ada.bearer(), "Mcp-Session-Id", session);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().at("/result/tools/0/name").isTextual()).isTrue();
    }

    @Test
    void anUnknownEndedOrForeignSessionIs404() {
        TestUser ada = user();
        TestUser bob = user();
        String body = request(2, "tools/list", null);
        Http.Result unknown = mcp.inSession("/mcp", ada, "no-such-session-0123456789", "2025-11-25", body);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(error(unknown).path("code").asInt()).isEqualTo(-32001);

        String session = mcp.initialize("/mcp", ada, "2025-11-25");
        assertThat(mcp.inSession("/mcp", bob, session, "2025-11-25", body).status())
                .as("another user's credential")
                .isEqualTo(404);
        assertThat(mcp.inSession("/mcp/chatgpt", ada, session, "2025-11-25", body)
                        .status())
                .as("the other endpoint")
                .isEqualTo(404);
        assertThat(mcp.inSession("/mcp", ada, session, "2025-11-25", body).status())
                .isEqualTo(200);
    }

    @Test
    void aSessionIdleLongerThanTheTimeoutIsGoneAndPurged() {
        TestUser ada = user();
        String idle = mcp.initialize("/mcp", ada, "2025-11-25");
        String fresh = mcp.initialize("/mcp", ada, "2025-11-25");
        SERVER.database()
                .execute("UPDATE mcp_sessions SET last_used_at = now() - interval '25 hours' " + "WHERE user_id = '"
                        + ada.id() + "' AND id_hash = '" + dev.memax.server.platform.Hashes.sha256Hex(idle) + "'");
        assertThat(mcp.inSession("/mcp", ada, idle, "2025-11-25", request(2, "ping", null))
                        .status())
                .isEqualTo(404);
        SERVER.server().bean(McpSessionPurgeJob.class).run();
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM mcp_sessions WHERE user_id = '" + ada.id() + "'"))
                .isEqualTo(1);
        assertThat(mcp.inSession("/mcp", ada, fresh, "2025-11-25", request(3, "ping", null))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void deleteEndsTheSession() {
        TestUser ada = user();
        String session = mcp.initialize("/mcp", ada, "2025-11-25");
        assertThat(SERVER.http()
                        .send("DELETE", "/mcp", null, "Authorization", user().bearer(), "Mcp-Session-Id", session)
                        .status())
                .as("another user cannot end it")
                .isEqualTo(404);
        Http.Result deleted = SERVER.http()
                .send(
                        "DELETE",
                        "/mcp",
                        null,
                        "Authorization",
                        ada.bearer(),
                        "Mcp-Session-Id",
                        session,
                        "MCP-Protocol-Version",
                        "2025-11-25");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(mcp.inSession("/mcp", ada, session, "2025-11-25", request(2, "ping", null))
                        .status())
                .isEqualTo(404);
        assertThat(SERVER.http()
                        .send("DELETE", "/mcp", null, "Authorization", ada.bearer(), "Mcp-Session-Id", session)
                        .status())
                .isEqualTo(404);
        Http.Result noHeader = SERVER.http().send("DELETE", "/mcp", null, "Authorization", ada.bearer());
        assertThat(noHeader.status()).isEqualTo(400);
        assertThat(error(noHeader).path("code").asInt()).isEqualTo(-32600);
    }

    @Test
    void aSessionIsKeptInTheDatabaseSoAnotherInstanceServesIt() {
        TestUser ada = user();
        String session = mcp.initialize("/mcp", ada, "2025-11-25");
        McpHttp onSecond = new McpHttp(new Http(second.uri()));
        Http.Result called = onSecond.inSession(
                "/mcp",
                ada,
                session,
                "2025-11-25",
                request(3, "tools/call", call("test_echo", params().put("text", "across"))));
        assertThat(called.status()).isEqualTo(200);
        assertThat(called.json().at("/result/structuredContent/text").asText()).isEqualTo("across");
        assertThat(new Http(second.uri())
                        .send("DELETE", "/mcp", null, "Authorization", ada.bearer(), "Mcp-Session-Id", session)
                        .status())
                .isEqualTo(204);
        assertThat(mcp.inSession("/mcp", ada, session, "2025-11-25", request(4, "ping", null))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aHandshakeRequestWithoutSessionIs400() {
        Http.Result result = mcp.post(
                "/mcp",
                request(2, "tools/list", null),
                "Authorization",
                user().bearer(),
                "MCP-Protocol-Version",
                "2025-11-25");
        assertThat(result.status()).isEqualTo(400);
        assertThat(error(result).path("code").asInt()).isEqualTo(-32600);
    }

    /** Every page of tools/list (one tool per page here), in order; each page's result passes {@code check}. */
    private static List<JsonNode> allTools(
            java.util.function.Function<String, Http.Result> page, java.util.function.Consumer<JsonNode> check) {
        List<JsonNode> tools = new ArrayList<>();
        String cursor = null;
        do {
            Http.Result result = page.apply(cursor);
            assertThat(result.status()).as(result.toString()).isEqualTo(200);
            JsonNode listed = result.json().path("result");
            check.accept(listed);
            assertThat(listed.path("tools")).hasSize(1);
            listed.path("tools").forEach(tools::add);
            cursor = listed.has("nextCursor") ? listed.path("nextCursor").asText() : null;
            assertThat(tools.size()).as("pages end").isLessThan(100);
        } while (cursor != null);
        return tools;
    }

    private static List<String> names(List<JsonNode> tools) {
        return tools.stream().map(t -> t.path("name").asText()).toList();
    }

    @Test
    void toolsListPagesWithACursorAndEachEndpointListsOnlyItsTools() {
        TestUser ada = user();
        String session = mcp.initialize("/mcp", ada, "2025-11-25");
        List<JsonNode> tools = allTools(
                cursor -> mcp.inSession(
                        "/mcp",
                        ada,
                        session,
                        "2025-11-25",
                        request(2, "tools/list", cursor == null ? null : params().put("cursor", cursor))),
                listed -> {});
        assertThat(names(tools))
                .contains("test_echo", "test_header_echo")
                .doesNotContain("test_chatgpt_echo")
                .isSorted();
        JsonNode echo = tools.get(names(tools).indexOf("test_echo"));
        assertThat(echo.path("title").asText()).isEqualTo("Test echo");
        assertThat(echo.at("/inputSchema/type").asText()).isEqualTo("object");
        assertThat(echo.at("/outputSchema/type").asText()).isEqualTo("object");
        assertThat(echo.at("/annotations/readOnlyHint").asBoolean()).isTrue();
        assertThat(echo.at("/annotations/destructiveHint").asBoolean(true)).isFalse();
        assertThat(echo.at("/annotations/idempotentHint").asBoolean()).isTrue();
        assertThat(echo.at("/annotations/openWorldHint").isBoolean()).isTrue();
        assertThat(echo.at("/annotations/openWorldHint").asBoolean()).isFalse();

        Http.Result forged = mcp.inSession(
                "/mcp", ada, session, "2025-11-25", request(4, "tools/list", params().put("cursor", "dG9vbHM6OTk5")));
        assertThat(forged.status()).isEqualTo(200);
        assertThat(error(forged).path("code").asInt()).isEqualTo(-32602);

        String chatgpt = mcp.initialize("/mcp/chatgpt", ada, "2025-11-25");
        List<JsonNode> chatgptTools = allTools(
                cursor -> mcp.inSession(
                        "/mcp/chatgpt",
                        ada,
                        chatgpt,
                        "2025-11-25",
                        request(2, "tools/list", cursor == null ? null : params().put("cursor", cursor))),
                listed -> {});
        assertThat(names(chatgptTools)).contains("test_chatgpt_echo").doesNotContain("test_echo", "test_header_echo");
    }

    @Test
    void aToolCallAnswersStructuredContentAndTheSameJsonAsText() throws Exception {
        TestUser ada = user();
        String session = mcp.initialize("/mcp", ada, "2025-11-25");
        Http.Result called = mcp.inSession(
                "/mcp",
                ada,
                session,
                "2025-11-25",
                request(5, "tools/call", call("test_echo", params().put("text", "héllo"))));
        JsonNode result = called.json().path("result");
        assertThat(result.path("isError").asBoolean(true)).isFalse();
        assertThat(result.at("/structuredContent/text").asText()).isEqualTo("héllo");
        assertThat(result.at("/structuredContent/user_id").asText())
                .isEqualTo(ada.id().toString());
        assertThat(result.at("/content/0/type").asText()).isEqualTo("text");
        assertThat(JSON.readTree(result.at("/content/0/text").asText())).isEqualTo(result.path("structuredContent"));
    }

    @Test
    void anApiErrorOfATheToolIsAnIsErrorResultCarryingItsCode() {
        TestUser ada = user();
        String session = mcp.initialize("/mcp", ada, "2025-11-25");
        Http.Result forbidden = mcp.inSession(
                "/mcp",
                ada,
                session,
                "2025-11-25",
                request(
                        5,
                        "tools/call",
                        call("test_echo", params().put("text", "x").put("fail", "forbidden"))));
        assertThat(forbidden.status()).isEqualTo(200);
        JsonNode result = forbidden.json().path("result");
        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(result.at("/content/0/text").asText()).startsWith("forbidden: test failure forbidden");
        assertThat(result.has("structuredContent")).isFalse();
        JsonNode apiError = result.at("/_meta/dev.memax~1error");
        assertThat(apiError.path("code").asText()).isEqualTo("forbidden");
        assertThat(apiError.path("message").asText()).isEqualTo("test failure forbidden");
        assertThat(apiError.at("/details/hint").asText()).isEqualTo("asked for");

        Http.Result crashed = mcp.inSession(
                "/mcp",
                ada,
                session,
                "2025-11-25",
                request(
                        6,
                        "tools/call",
                        call("test_echo", params().put("text", "x").put("fail", "crash"))));
        assertThat(crashed.status()).isEqualTo(200);
        assertThat(error(crashed).path("code").asInt()).isEqualTo(-32603);
        assertThat(error(crashed).path("message").asText()).isEqualTo("Internal error");
        assertThat(error(crashed).at("/data/request_id").asText())
                .isEqualTo(crashed.header("X-Request-ID").orElseThrow());
    }

    @Test
    void badToolCallsAreInvalidParams() {
        TestUser ada = user();
        String session = mcp.initialize("/mcp", ada, "2025-11-25");
        for (ObjectNode params : List.of(
                call("no_such_tool", params()),
                params(),
                params().put("name", "test_echo").put("arguments", "text"),
                call("test_chatgpt_echo", params()))) {
            Http.Result result = mcp.inSession("/mcp", ada, session, "2025-11-25", request(5, "tools/call", params));
            assertThat(result.status()).as(params.toString()).isEqualTo(200);
            assertThat(error(result).path("code").asInt()).as(params.toString()).isEqualTo(-32602);
            assertThat(result.json().path("id").asInt()).isEqualTo(5);
        }
    }

    @Test
    void malformedJsonIsAParseError() {
        TestUser ada = user();
        for (String body : List.of("{\"jsonrpc\": \"2.0\", \"id\": 1, ", "", "not json")) {
            Http.Result result = mcp.post("/mcp", body, "Authorization", ada.bearer());
            assertThat(result.status()).as(body).isEqualTo(400);
            assertThat(error(result).path("code").asInt()).isEqualTo(-32700);
            assertThat(result.json().has("id")).isFalse();
        }
    }

    @Test
    void aMessageThatIsNotJsonRpcIsAnInvalidRequest() {
        TestUser ada = user();
        String session = mcp.initialize("/mcp", ada, "2025-11-25");
        for (String body : List.of(
                "{\"jsonrpc\":\"1.0\",\"id\":9,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":9}",
                "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":42}",
                "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\",\"params\":[1]}",
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",
                "42")) {
            Http.Result result = mcp.inSession("/mcp", ada, session, "2025-11-25", body);
            assertThat(result.status()).as(body).isEqualTo(400);
            assertThat(error(result).path("code").asInt()).as(body).isEqualTo(-32600);
        }
    }

    @Test
    void anUnknownMethodIsMethodNotFound() {
        TestUser ada = user();
        String session = mcp.initialize("/mcp", ada, "2025-11-25");
        Http.Result handshake = mcp.inSession("/mcp", ada, session, "2025-11-25", request(3, "prompts/list", null));
        assertThat(handshake.status()).isEqualTo(200);
        assertThat(error(handshake).path("code").asInt()).isEqualTo(-32601);
        assertThat(handshake.json().path("id").asInt()).isEqualTo(3);

        Http.Result stateless = mcp.stateless("/mcp", ada, "resources/list", params());
        assertThat(stateless.status())
                .as("2026-07-28: 404 with the JSON-RPC error")
                .isEqualTo(404);
        assertThat(error(stateless).path("code").asInt()).isEqualTo(-32601);
    }

    @Test
    void theStatelessRevisionWorksWithoutInitialize() throws Exception {
        TestUser ada = user();
        Http.Result discover = mcp.stateless("/mcp", ada, "server/discover", params());
        assertThat(discover.status()).isEqualTo(200);
        assertThat(discover.header("Mcp-Session-Id")).isEmpty();
        JsonNode result = discover.json().path("result");
        assertThat(result.path("resultType").asText()).isEqualTo("complete");
        assertThat(result.path("supportedVersions").get(0).asText()).isEqualTo(STATELESS);
        assertThat(result.at("/capabilities/tools/listChanged").asBoolean(true)).isFalse();
        assertThat(result.at("/_meta/io.modelcontextprotocol~1serverInfo/name").asText())
                .isEqualTo("memax");
        assertThat(result.path("ttlMs").isNumber()).isTrue();
        assertThat(result.path("cacheScope").asText()).isEqualTo("public");

        List<JsonNode> tools = allTools(
                cursor -> mcp.stateless(
                        "/mcp", ada, "tools/list", cursor == null ? params() : params().put("cursor", cursor)),
                listed -> {
                    assertThat(listed.path("resultType").asText()).isEqualTo("complete");
                    assertThat(listed.path("cacheScope").asText()).isEqualTo("public");
                    assertThat(listed.path("ttlMs").isNumber()).isTrue();
                });
        assertThat(names(tools)).contains("test_echo", "test_header_echo");

        Http.Result called = mcp.stateless("/mcp", ada, "tools/call", call("test_echo", params().put("text", "now")));
        assertThat(called.status()).isEqualTo(200);
        JsonNode callResult = called.json().path("result");
        assertThat(callResult.path("resultType").asText()).isEqualTo("complete");
        assertThat(callResult.at("/structuredContent/text").asText()).isEqualTo("now");
        assertThat(JSON.readTree(callResult.at("/content/0/text").asText()))
                .isEqualTo(callResult.path("structuredContent"));

        Http.Result failed = mcp.stateless(
                "/mcp",
                ada,
                "tools/call",
                call("test_echo", params().put("text", "x").put("fail", "not_found")));
        assertThat(failed.json().at("/result/isError").asBoolean()).isTrue();
        assertThat(failed.json().at("/result/content/0/text").asText()).startsWith("not_found: ");
        assertThat(failed.json().at("/result/_meta/dev.memax~1error/code").asText())
                .isEqualTo("not_found");
        assertThat(failed.json()
                        .at("/result/_meta/io.modelcontextprotocol~1serverInfo/name")
                        .asText())
                .isEqualTo("memax");

        Http.Result note = mcp.post(
                "/mcp",
                notification("notifications/progress")
                        .replace(
                                "}",
                                ",\"params\":{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + STATELESS
                                        + "\"}}}"),
                "Authorization",
                ada.bearer(),
                "MCP-Protocol-Version",
                STATELESS);
        assertThat(note.status()).isEqualTo(202);
    }

    @Test
    void statelessHeadersMustMatchTheBody() {
        TestUser ada = user();
        String withMeta = request(
                1,
                "tools/list",
                JSON.createObjectNode()
                        .set(
                                "_meta",
                                JSON.createObjectNode().put("io.modelcontextprotocol/protocolVersion", STATELESS)));
        assertHeaderMismatch(
                mcp.post("/mcp", withMeta, "Authorization", ada.bearer(), "Mcp-Method", "tools/list"),
                "missing MCP-Protocol-Version");
        assertHeaderMismatch(
                mcp.post(
                        "/mcp",
                        withMeta,
                        "Authorization",
                        ada.bearer(),
                        "Mcp-Method",
                        "tools/list",
                        "MCP-Protocol-Version",
                        "2025-11-25"),
                "version header differs from _meta");
        assertHeaderMismatch(
                mcp.post(
                        "/mcp",
                        request(1, "tools/list", null),
                        "Authorization",
                        ada.bearer(),
                        "Mcp-Method",
                        "tools/list",
                        "MCP-Protocol-Version",
                        STATELESS),
                "no _meta version");
        assertHeaderMismatch(
                mcp.post("/mcp", withMeta, "Authorization", ada.bearer(), "MCP-Protocol-Version", STATELESS),
                "missing Mcp-Method");
        assertHeaderMismatch(
                mcp.stateless("/mcp", ada, "tools/list", params(), "Mcp-Method", "tools/call"), "Mcp-Method differs");
        assertHeaderMismatch(
                mcp.stateless(
                        "/mcp",
                        ada,
                        "tools/call",
                        call("test_echo", params().put("text", "x")),
                        "Mcp-Name",
                        "test_header_echo"),
                "Mcp-Name differs");

        String encoded =
                "=?base64?" + Base64.getEncoder().encodeToString("test_echo".getBytes(StandardCharsets.UTF_8)) + "?=";
        Http.Result base64Name = mcp.stateless(
                "/mcp", ada, "tools/call", call("test_echo", params().put("text", "x")), "Mcp-Name", encoded);
        assertThat(base64Name.json().at("/result/structuredContent/text").asText())
                .isEqualTo("x");

        ObjectNode regional = call("test_header_echo", params().put("text", "x").put("region", "eu-west"));
        assertHeaderMismatch(mcp.stateless("/mcp", ada, "tools/call", regional), "missing Mcp-Param-Region");
        assertHeaderMismatch(
                mcp.stateless("/mcp", ada, "tools/call", regional, "Mcp-Param-Region", "us-east"),
                "Mcp-Param-Region differs");
        assertThat(mcp.stateless("/mcp", ada, "tools/call", regional, "Mcp-Param-Region", "eu-west")
                        .json()
                        .at("/result/structuredContent/text")
                        .asText())
                .isEqualTo("x");

        String future = request(
                1,
                "tools/list",
                JSON.createObjectNode()
                        .set(
                                "_meta",
                                JSON.createObjectNode().put("io.modelcontextprotocol/protocolVersion", "2027-01-01")));
        Http.Result unsupported = mcp.post(
                "/mcp",
                future,
                "Authorization",
                ada.bearer(),
                "Mcp-Method",
                "tools/list",
                "MCP-Protocol-Version",
                STATELESS);
        assertThat(unsupported.status()).isEqualTo(400);
        assertThat(error(unsupported).path("code").asInt()).isEqualTo(-32022);
        assertThat(error(unsupported).at("/data/requested").asText()).isEqualTo("2027-01-01");
    }

    private static void assertHeaderMismatch(Http.Result result, String why) {
        assertThat(result.status()).as(why + ": " + result).isEqualTo(400);
        assertThat(error(result).path("code").asInt()).as(why).isEqualTo(-32020);
    }

    @Test
    void aClientAcceptingOnlyEventStreamsGetsOneMessageFrame() throws Exception {
        TestUser ada = user();
        String session = mcp.initialize("/mcp", ada, "2025-11-25");
        Http.Result sse = SERVER.http()
                .send(
                        "POST",
                        "/mcp",
                        request(8, "tools/call", call("test_echo", params().put("text", "s"))),
                        "Content-Type",
                        "application/json",
                        "Accept",
                        "text/event-stream",
                        "Authorization",
                        ada.bearer(),
                        "Mcp-Session-Id",
                        session,
                        "MCP-Protocol-Version",
                        "2025-11-25");
        assertThat(sse.status()).isEqualTo(200);
        assertThat(sse.header("Content-Type").orElseThrow()).startsWith("text/event-stream");
        String[] lines = sse.body().split("\n");
        assertThat(lines[0]).isEqualTo("event: message");
        assertThat(lines[1]).startsWith("data: {");
        JsonNode message = JSON.readTree(lines[1].substring("data: ".length()));
        assertThat(message.path("id").asInt()).isEqualTo(8);
        assertThat(message.at("/result/structuredContent/text").asText()).isEqualTo("s");
        assertThat(sse.body()).endsWith("\n\n");

        Http.Result neither = SERVER.http()
                .send(
                        "POST",
                        "/mcp",
                        request(9, "ping", null),
                        "Content-Type",
                        "application/json",
                        "Accept",
                        "text/html",
                        "Authorization",
                        ada.bearer(),
                        "Mcp-Session-Id",
                        session);
        assertThat(neither.status()).isEqualTo(406);
        assertThat(neither.errorCode()).isEqualTo("not_acceptable");
    }

    @Test
    void batchesOnlyIn20250326() {
        TestUser ada = user();
        String old = mcp.initialize("/mcp", ada, "2025-03-26");
        String batch = "[" + request(1, "ping", null) + "," + notification("notifications/initialized") + ","
                + request(2, "tools/call", call("test_echo", params().put("text", "b"))) + ","
                + request(3, "nope", null)
                + "," + request(4, "initialize", params().put("protocolVersion", "2025-03-26")) + "]";
        Http.Result answered = mcp.post("/mcp", batch, "Authorization", ada.bearer(), "Mcp-Session-Id", old);
        assertThat(answered.status()).isEqualTo(200);
        JsonNode responses = answered.json();
        assertThat(responses).hasSize(4);
        assertThat(responses.get(0).path("id").asInt()).isEqualTo(1);
        assertThat(responses.get(0).path("result").isObject()).isTrue();
        assertThat(responses.get(1).at("/result/structuredContent/text").asText())
                .isEqualTo("b");
        assertThat(responses.get(2).at("/error/code").asInt()).isEqualTo(-32601);
        assertThat(responses.get(3).at("/error/code").asInt()).isEqualTo(-32600);

        Http.Result onlyNotifications = mcp.post(
                "/mcp",
                "[" + notification("notifications/initialized") + "]",
                "Authorization",
                ada.bearer(),
                "Mcp-Session-Id",
                old);
        assertThat(onlyNotifications.status()).isEqualTo(202);
        Http.Result empty = mcp.post("/mcp", "[]", "Authorization", ada.bearer(), "Mcp-Session-Id", old);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(error(empty).path("code").asInt()).isEqualTo(-32600);

        String newer = mcp.initialize("/mcp", ada, "2025-06-18");
        Http.Result refused = mcp.inSession("/mcp", ada, newer, "2025-06-18", "[" + request(1, "ping", null) + "]");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(error(refused).path("code").asInt()).isEqualTo(-32600);
        Http.Result statelessBatch = mcp.post(
                "/mcp",
                "[" + request(1, "ping", null) + "]",
                "Authorization",
                ada.bearer(),
                "MCP-Protocol-Version",
                STATELESS);
        assertThat(statelessBatch.status()).isEqualTo(400);
    }

    @Test
    void aForeignOriginIs403EvenBeforeCredentials() {
        TestUser ada = user();
        String ping = request(1, "initialize", params().put("protocolVersion", "2025-11-25"));
        Http.Result foreign = mcp.post("/mcp", ping, "Origin", "https://evil.example");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.errorCode()).isEqualTo("forbidden");
        assertThat(mcp.post("/mcp/chatgpt", ping, "Authorization", ada.bearer(), "Origin", "null")
                        .status())
                .isEqualTo(403);
        Http.Result own = mcp.post("/mcp", ping, "Authorization", ada.bearer(), "Origin", "https://memax.example.com");
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(mcp.post("/mcp", ping, "Authorization", ada.bearer(), "Origin", "https://APP.example.org:443")
                        .status())
                .isEqualTo(200);
        assertThat(mcp.post("/mcp", ping, "Authorization", ada.bearer(), "Origin", "http://localhost:6274")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void missingOrBadCredentialsAre401WithAChallenge() {
        String ping = request(1, "initialize", params().put("protocolVersion", "2025-11-25"));
        for (String path : List.of("/mcp", "/mcp/chatgpt")) {
            Http.Result none = mcp.post(path, ping);
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.header("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
            assertThat(none.errorCode()).isEqualTo("unauthorized");
            Http.Result bad = mcp.post(path, ping, "Authorization", "Bearer mxk_not_a_key");
            assertThat(bad.status()).isEqualTo(401);
            assertThat(bad.header("WWW-Authenticate").orElseThrow()).contains("invalid_token");
            assertThat(SERVER.http()
                            .send("DELETE", path, null, "Mcp-Session-Id", "x")
                            .status())
                    .isEqualTo(401);
        }
    }

    @Test
    void getOffersNoStreamOtherContentTypesAre415AndOversizedBodies413() {
        TestUser ada = user();
        for (String path : List.of("/mcp", "/mcp/chatgpt")) {
            Http.Result get = SERVER.http()
                    .get(path, "Authorization", ada.bearer(), "Accept", "text/event-stream", "Mcp-Session-Id", "any");
            assertThat(get.status()).isEqualTo(405);
            assertThat(get.header("Allow").orElseThrow()).contains("POST");
            assertThat(get.errorCode()).isEqualTo("method_not_allowed");
        }
        Http.Result text = SERVER.http()
                .send(
                        "POST",
                        "/mcp",
                        request(1, "ping", null),
                        "Content-Type",
                        "text/plain",
                        "Authorization",
                        ada.bearer());
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.errorCode()).isEqualTo("unsupported_media_type");
        Http.Result huge = mcp.post(
                "/mcp",
                request(1, "tools/call", call("test_echo", params().put("text", "x".repeat(70_000)))),
                "Authorization",
                ada.bearer());
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.errorCode()).isEqualTo("payload_too_large");
    }
}
