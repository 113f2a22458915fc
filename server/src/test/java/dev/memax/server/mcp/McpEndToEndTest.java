package dev.memax.server.mcp;

import static dev.memax.server.mcp.McpHttp.JSON;
import static dev.memax.server.mcp.McpHttp.call;
import static dev.memax.server.mcp.McpHttp.params;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.auth.ApiKeyService;
import dev.memax.server.identity.Scope;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The product's tools through the whole stack: the official MCP Java SDK client calls every tool of
 * both endpoints over HTTP, and a raw client of the stateless revision does a push and a recall.
 */
class McpEndToEndTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private final McpHttp mcp = new McpHttp(SERVER.http());

    private static TestUser user() {
        return SERVER.server().createUser("e2e-" + UUID.randomUUID() + "@example.com");
    }

    private static McpSyncClient client(String endpoint, String bearer) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(
                        SERVER.server().uri().toString())
                .endpoint(endpoint)
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", bearer))
                .build();
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(30))
                .enableCallToolSchemaCaching(true)
                .build();
        client.initialize();
        return client;
    }

    /** A successful call's structured content, checked equal to its text block. */
    @SuppressWarnings("unchecked")
    private static JsonNode ok(McpSyncClient client, String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        String text = ((McpSchema.TextContent) result.content().get(0)).text();
        assertThat(result.isError()).as(tool + ": " + text).isFalse();
        JsonNode structured = JSON.valueToTree(result.structuredContent());
        try {
            assertThat(JSON.readTree(text)).isEqualTo(structured);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return structured;
    }

    private static String failure(McpSyncClient client, String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        assertThat(result.isError()).as(tool).isTrue();
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @Test
    void theSdkClientCallsEveryMemaxTool() {
        TestUser ada = user();
        try (McpSyncClient client = client("/mcp", ada.bearer())) {
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .contains(
                            "memax_recall",
                            "memax_ask",
                            "memax_push",
                            "memax_get",
                            "memax_list",
                            "memax_update",
                            "memax_forget",
                            "memax_hubs");
            String id = ok(
                            client,
                            "memax_push",
                            Map.of(
                                    "content",
                                    "The release train leaves every second Thursday; freeze is the Tuesday before.",
                                    "title",
                                    "Release train"))
                    .at("/memory/id")
                    .asText();
            JsonNode recalled =
                    ok(client, "memax_recall", Map.of("query", "when does the release train leave?", "limit", 5));
            assertThat(recalled.at("/memories/0/id").asText()).isEqualTo(id);
            assertThat(ok(client, "memax_get", Map.of("id", id)).path("content").asText())
                    .contains("second Thursday");
            assertThat(ok(client, "memax_list", Map.of()).path("memories")).hasSize(1);
            assertThat(ok(client, "memax_update", Map.of("id", id, "title", "Release cadence"))
                            .at("/memory/title")
                            .asText())
                    .isEqualTo("Release cadence");
            assertThat(ok(client, "memax_hubs", Map.of()).path("hubs")).isNotEmpty();
            assertThat(ok(client, "memax_ask", Map.of("query", "When is the code freeze?"))
                            .path("answer")
                            .asText())
                    .isNotBlank();
            assertThat(ok(client, "memax_forget", Map.of("id", id))
                            .path("deleted")
                            .asBoolean())
                    .isTrue();
            assertThat(failure(client, "memax_get", Map.of("id", id))).startsWith("not_found: ");
        }
    }

    @Test
    void theSdkClientCallsEveryChatGptTool() {
        TestUser ada = user();
        try (McpSyncClient client = client("/mcp/chatgpt", ada.bearer())) {
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .contains(
                            "search",
                            "fetch",
                            "search_memories",
                            "get_memory",
                            "save_memory",
                            "forget_memory",
                            "list_hubs",
                            "list_hub_members");
            String id = ok(
                            client,
                            "save_memory",
                            Map.of(
                                    "content",
                                    "Invoices are sent on the first working day of the month.",
                                    "title",
                                    "Invoicing"))
                    .at("/memory/id")
                    .asText();
            McpSchema.CallToolResult search = client.callTool(
                    new McpSchema.CallToolRequest("search", Map.of("query", "when are invoices sent?")));
            JsonNode results = JSON.valueToTree(search.structuredContent()).path("results");
            assertThat(results.get(0).path("id").asText()).isEqualTo(id);
            assertThat(((McpSchema.TextContent) search.content().get(0)).text()).startsWith("{\"results\":[");
            assertThat(ok(client, "fetch", Map.of("id", id)).path("text").asText())
                    .contains("first working day");
            assertThat(ok(client, "search_memories", Map.of("query", "invoices"))
                            .at("/memories/0/id")
                            .asText())
                    .isEqualTo(id);
            assertThat(ok(client, "get_memory", Map.of("id", id)).path("title").asText())
                    .isEqualTo("Invoicing");
            String hub = ok(client, "list_hubs", Map.of()).at("/hubs/0/id").asText();
            assertThat(ok(client, "list_hub_members", Map.of("hub_id", hub))
                            .at("/members/0/email")
                            .asText())
                    .isEqualTo(ada.email());
            assertThat(ok(client, "forget_memory", Map.of("id", id))
                            .path("deleted")
                            .asBoolean())
                    .isTrue();
        }
    }

    @Test
    void aReadOnlyKeyGetsForbiddenAndAnotherTenantsMemoryIsNotFound() {
        TestUser ada = user();
        TestUser eve = user();
        String readOnly = SERVER.server()
                .bean(ApiKeyService.class)
                .create(ada.id(), "read-only", EnumSet.of(Scope.READ), null, null, null)
                .plaintext();
        String id;
        try (McpSyncClient owner = client("/mcp", ada.bearer())) {
            id = ok(owner, "memax_push", Map.of("content", "Ada's locker code is 4-8-15."))
                    .at("/memory/id")
                    .asText();
        }
        try (McpSyncClient reader = client("/mcp", "Bearer " + readOnly)) {
            assertThat(failure(reader, "memax_push", Map.of("content", "not allowed")))
                    .startsWith("forbidden: ");
            assertThat(ok(reader, "memax_get", Map.of("id", id)).path("content").asText())
                    .contains("4-8-15");
        }
        try (McpSyncClient other = client("/mcp", eve.bearer())) {
            String text = failure(other, "memax_get", Map.of("id", id));
            assertThat(text).startsWith("not_found: ").doesNotContain("4-8-15");
        }
    }

    @Test
    void aStatelessClientPushesAndRecallsWithoutInitialize() {
        TestUser ada = user();
        Http.Result pushed = mcp.stateless(
                "/mcp",
                ada,
                "tools/call",
                call(
                        "memax_push",
                        params().put(
                                        "content",
                                        "The VPN certificate expires on 2027-03-01 and is renewed by the infra team.")));
        assertThat(pushed.status()).isEqualTo(200);
        assertThat(pushed.json().at("/result/resultType").asText()).isEqualTo("complete");
        String id = pushed.json().at("/result/structuredContent/memory/id").asText();
        Http.Result recalled = mcp.stateless(
                "/mcp",
                ada,
                "tools/call",
                call(
                        "memax_recall",
                        params().put("query", "when does the VPN certificate expire?")
                                .put("limit", 3)));
        assertThat(recalled.json().at("/result/structuredContent/memories/0/id").asText())
                .isEqualTo(id);
        List<String> names = new java.util.ArrayList<>();
        mcp.stateless("/mcp/chatgpt", ada, "tools/list", params())
                .json()
                .at("/result/tools")
                .forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).contains("search", "fetch");
    }
}
