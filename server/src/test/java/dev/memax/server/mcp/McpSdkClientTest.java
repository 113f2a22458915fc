package dev.memax.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The official MCP Java SDK client against the real server: connect, initialize, list and call tools, close. */
class McpSdkClientTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER =
            new MemaxServerExtension().property("memax.test-fixtures.mcp-tools", true);

    private static TestUser user() {
        return SERVER.server().createUser("sdk-" + UUID.randomUUID() + "@example.com");
    }

    private static McpSyncClient client(String endpoint, TestUser user, String version) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(
                        SERVER.server().uri().toString())
                .endpoint(endpoint)
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", user.bearer()))
                .supportedProtocolVersions(List.of(version))
                .build();
        // Schema caching makes the client validate structuredContent against each tool's outputSchema.
        return McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(20))
                .enableCallToolSchemaCaching(true)
                .clientInfo(new McpSchema.Implementation("memax-test", "1.0"))
                .build();
    }

    private static long sessionsOf(TestUser user) {
        return SERVER.database().queryLong("SELECT count(*) FROM mcp_sessions WHERE user_id = '" + user.id() + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-03-26", "2025-06-18", "2025-11-25"})
    void theSdkClientConnectsListsAndCallsTools(String version) {
        TestUser ada = user();
        try (McpSyncClient client = client("/mcp", ada, version)) {
            McpSchema.InitializeResult init = client.initialize();
            assertThat(init.protocolVersion()).isEqualTo(version);
            assertThat(init.serverInfo().name()).isEqualTo("memax");
            assertThat(init.capabilities().tools()).isNotNull();
            assertThat(init.instructions()).isNotBlank();
            assertThat(sessionsOf(ada)).isEqualTo(1);
            client.ping();

            McpSchema.ListToolsResult tools = client.listTools();
            assertThat(tools.tools())
                    .extracting(McpSchema.Tool::name)
                    .contains("test_echo", "test_header_echo")
                    .doesNotContain("test_chatgpt_echo");
            McpSchema.Tool echo = tools.tools().stream()
                    .filter(t -> t.name().equals("test_echo"))
                    .findFirst()
                    .orElseThrow();
            assertThat(echo.annotations().readOnlyHint()).isTrue();
            assertThat(echo.annotations().openWorldHint()).isFalse();
            assertThat(echo.outputSchema()).containsKey("properties");

            McpSchema.CallToolResult result =
                    client.callTool(new McpSchema.CallToolRequest("test_echo", Map.of("text", "from the SDK")));
            assertThat(result.isError()).isFalse();
            assertThat(result.structuredContent())
                    .isEqualTo(
                            Map.of("text", "from the SDK", "user_id", ada.id().toString()));
            assertThat(((McpSchema.TextContent) result.content().get(0)).text()).contains("\"from the SDK\"");

            McpSchema.CallToolResult refused = client.callTool(
                    new McpSchema.CallToolRequest("test_echo", Map.of("text", "x", "fail", "forbidden")));
            assertThat(refused.isError()).isTrue();
            assertThat(((McpSchema.TextContent) refused.content().get(0)).text())
                    .startsWith("forbidden: ");

            assertThat(client.closeGracefully()).isTrue();
        }
        assertThat(sessionsOf(ada))
                .as("closing the client ends its session (DELETE)")
                .isZero();
    }

    @Test
    void theChatGptEndpointListsOnlyItsOwnTools() {
        try (McpSyncClient client = client("/mcp/chatgpt", user(), "2025-06-18")) {
            client.initialize();
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .contains("test_chatgpt_echo")
                    .doesNotContain("test_echo");
            McpSchema.CallToolResult result =
                    client.callTool(new McpSchema.CallToolRequest("test_chatgpt_echo", Map.of("text", "gpt")));
            assertThat(result.isError()).isFalse();
            assertThat(result.structuredContent())
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("text", "gpt");
        }
    }
}
