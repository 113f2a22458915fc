package dev.memax.server.mcp;

import static dev.memax.server.mcp.McpHttp.call;
import static dev.memax.server.mcp.McpHttp.params;
import static dev.memax.server.mcp.McpHttp.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.auth.ApiKeyService;
import dev.memax.server.auth.LoginSessions;
import dev.memax.server.identity.Scope;
import dev.memax.server.platform.Transactions;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The MCP endpoints as OAuth protected resources: a 401 points the client at the endpoint's own
 * RFC 9728 metadata and names the scopes; a token is accepted only on the resource it was issued
 * for (RFC 8707), never on /v1; and an OAuth client's token lacking the scope a tool needs gets
 * the 403 scope challenge (step-up), while API keys keep the tool's isError answer.
 */
class McpOAuthResourceTest {
    private static final String ORIGIN = "https://memax.example.com";
    private static final String SCOPES = "memax:read memax:write";

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension().property("memax.public-url", ORIGIN + "/");

    private final McpHttp mcp = new McpHttp(SERVER.http());

    private static TestUser user() {
        return SERVER.server().createUser("oauth-" + UUID.randomUUID() + "@example.com");
    }

    /** {@code user} holding an OAuth client's access token for {@code resource} instead of an API key. */
    private static TestUser oauth(TestUser user, String resource, Set<Scope> scopes) {
        LoginSessions.OAuthBinding binding =
                new LoginSessions.OAuthBinding("https://client.example/metadata.json", resource, scopes);
        LoginSessions.Started started = SERVER.server()
                .bean(Transactions.class)
                .executeWrite(
                        status -> SERVER.server().bean(LoginSessions.class).start(user.id(), binding));
        return new TestUser(
                user.id(), user.email(), user.personalHubId(), started.tokens().accessToken());
    }

    private Http.Result listTools(String path, TestUser caller) {
        return mcp.stateless(path, caller, "tools/list", params());
    }

    private static void assertChallenge(Http.Result result, String path, String error) {
        assertThat(result.status()).as(result.toString()).isEqualTo(401);
        String challenge = result.header("WWW-Authenticate").orElseThrow();
        assertThat(challenge)
                .startsWith("Bearer ")
                .contains("resource_metadata=\"" + ORIGIN + "/.well-known/oauth-protected-resource" + path + "\"")
                .contains("scope=\"" + SCOPES + "\"");
        if (error != null) {
            assertThat(challenge).contains("error=\"" + error + "\"");
        }
    }

    @Test
    void aMissingTokenIsAChallengePointingAtTheEndpointsOwnMetadata() {
        for (String path : List.of("/mcp", "/mcp/chatgpt")) {
            Http.Result none = mcp.post(path, request(1, "initialize", params().put("protocolVersion", "2025-11-25")));
            assertChallenge(none, path, null);
            assertThat(none.header("WWW-Authenticate").orElseThrow()).doesNotContain("error=");
            // The URL the challenge names is served, and describes that very endpoint.
            String url = none.header("WWW-Authenticate")
                    .orElseThrow()
                    .replaceAll(".*resource_metadata=\"([^\"]+)\".*", "$1");
            Http.Result metadata = SERVER.http().get(url.substring(ORIGIN.length()));
            assertThat(metadata.status()).as(metadata.toString()).isEqualTo(200);
            assertThat(metadata.json().path("resource").asText()).isEqualTo(ORIGIN + path);
        }
    }

    @Test
    void aTokenOpensOnlyTheResourceItWasIssuedFor() {
        TestUser ada = user();
        TestUser forChatGpt = oauth(ada, ORIGIN + "/mcp/chatgpt", EnumSet.allOf(Scope.class));
        assertChallenge(listTools("/mcp", forChatGpt), "/mcp", "invalid_token");
        assertThat(listTools("/mcp/chatgpt", forChatGpt).status()).isEqualTo(200);

        TestUser forMcp = oauth(ada, ORIGIN + "/mcp", EnumSet.allOf(Scope.class));
        assertThat(listTools("/mcp", forMcp).status()).isEqualTo(200);
        assertChallenge(listTools("/mcp/chatgpt", forMcp), "/mcp/chatgpt", "invalid_token");
        // Never the REST API: an MCP client's token is not a key to everything.
        Http.Result api = SERVER.http().get("/v1/memories", "Authorization", forMcp.bearer());
        assertThat(api.status()).as(api.toString()).isEqualTo(401);
        assertThat(api.errorCode()).isEqualTo("unauthorized");
        assertThat(SERVER.http()
                        .get("/v1/auth/me", "Authorization", forChatGpt.bearer())
                        .status())
                .isEqualTo(401);

        // The server's origin names both MCP endpoints (and still not the API).
        TestUser forBoth = oauth(ada, ORIGIN, EnumSet.allOf(Scope.class));
        assertThat(listTools("/mcp", forBoth).status()).isEqualTo(200);
        assertThat(listTools("/mcp/chatgpt", forBoth).status()).isEqualTo(200);
        assertThat(SERVER.http()
                        .get("/v1/memories", "Authorization", forBoth.bearer())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void anOAuthTokenWithoutTheScopeAToolNeedsIsChallengedToStepUp() {
        TestUser ada = user();
        TestUser reader = oauth(ada, ORIGIN + "/mcp", EnumSet.of(Scope.READ));
        Http.Result push = mcp.stateless(
                "/mcp",
                reader,
                "tools/call",
                call("memax_push", params().put("content", "A reader cannot write this.")));
        assertThat(push.status()).as(push.toString()).isEqualTo(403);
        String challenge = push.header("WWW-Authenticate").orElseThrow();
        assertThat(challenge)
                .startsWith("Bearer realm=\"memax\", error=\"insufficient_scope\"")
                // The scopes to authorize again with: the one missing and the one held, so none is lost.
                .contains("scope=\"" + SCOPES + "\"")
                .contains("resource_metadata=\"" + ORIGIN + "/.well-known/oauth-protected-resource/mcp\"")
                .containsPattern("error_description=\"[^\"]*memax_push[^\"]*\"");
        JsonNode error = push.json().path("error");
        assertThat(push.json().path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(push.json().path("id").asInt()).isEqualTo(7);
        assertThat(error.path("code").asInt()).isEqualTo(JsonRpcError.INSUFFICIENT_SCOPE);
        assertThat(error.at("/data/scope").asText()).isEqualTo(SCOPES);
        assertThat(push.json().has("result")).isFalse();
        // Nothing was written.
        JsonNode listed = mcp.stateless(
                        "/mcp",
                        oauth(ada, ORIGIN + "/mcp", EnumSet.allOf(Scope.class)),
                        "tools/call",
                        call("memax_list", params()))
                .json()
                .path("result");
        assertThat(listed.path("isError").asBoolean()).as(listed.toString()).isFalse();
        assertThat(listed.toString()).doesNotContain("A reader cannot write this.");

        // A read tool is the reader's to call.
        Http.Result recall =
                mcp.stateless("/mcp", reader, "tools/call", call("memax_recall", params().put("query", "anything")));
        assertThat(recall.status()).as(recall.toString()).isEqualTo(200);
        assertThat(recall.json().at("/result/isError").asBoolean())
                .as(recall.toString())
                .isFalse();

        // In a session (handshake family) too, and on the ChatGPT endpoint for its own resource.
        String session = mcp.initialize("/mcp", reader, "2025-11-25");
        Http.Result inSession = mcp.inSession(
                "/mcp",
                reader,
                session,
                "2025-11-25",
                request(3, "tools/call", call("memax_push", params().put("content", "Nor this."))));
        assertThat(inSession.status()).as(inSession.toString()).isEqualTo(403);
        assertThat(inSession.header("WWW-Authenticate").orElseThrow()).contains("error=\"insufficient_scope\"");

        // A writer without read is asked for read, and keeps write.
        TestUser writer = oauth(ada, ORIGIN + "/mcp/chatgpt", EnumSet.of(Scope.WRITE));
        Http.Result search =
                mcp.stateless("/mcp/chatgpt", writer, "tools/call", call("search", params().put("query", "x")));
        assertThat(search.status()).as(search.toString()).isEqualTo(403);
        assertThat(search.header("WWW-Authenticate").orElseThrow())
                .contains("scope=\"" + SCOPES + "\"")
                .contains("resource_metadata=\"" + ORIGIN + "/.well-known/oauth-protected-resource/mcp/chatgpt\"");
    }

    @Test
    void anApiKeyWithoutWriteKeepsTheToolsIsErrorAnswer() {
        TestUser ada = user();
        String key = SERVER.server()
                .bean(ApiKeyService.class)
                .create(ada.id(), "read-only", EnumSet.of(Scope.READ), null, null, null)
                .plaintext();
        TestUser reader = new TestUser(ada.id(), ada.email(), ada.personalHubId(), key);
        Http.Result push =
                mcp.stateless("/mcp", reader, "tools/call", call("memax_push", params().put("content", "no")));
        assertThat(push.status()).as(push.toString()).isEqualTo(200);
        assertThat(push.header("WWW-Authenticate")).isEmpty();
        JsonNode result = push.json().path("result");
        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(result.at("/_meta/dev.memax~1error/code").asText()).isEqualTo("forbidden");
    }
}
