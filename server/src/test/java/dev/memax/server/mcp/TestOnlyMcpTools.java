package dev.memax.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.identity.Caller;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.ErrorCode;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;

/**
 * TEST-ONLY MCP tools (enabled by {@code memax.test-fixtures.mcp-tools}), so the protocol layer is
 * exercised through real HTTP independently of the product's tools. Each echoes its {@code text}
 * argument and the caller's user id; {@code fail} makes it throw an API error of that code
 * ({@code crash}: an unexpected exception).
 */
final class TestOnlyMcpTools {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestOnlyMcpTools() {}

    abstract static class Echo implements McpTool {
        @Override
        public String title() {
            return "Test echo";
        }

        @Override
        public String description() {
            return "Test only: echoes text.";
        }

        @Override
        public ObjectNode inputSchema() {
            ObjectNode schema = JSON.createObjectNode().put("type", "object");
            ObjectNode properties = schema.putObject("properties");
            properties.putObject("text").put("type", "string");
            properties.putObject("fail").put("type", "string");
            schema.putArray("required").add("text");
            return schema;
        }

        @Override
        public ObjectNode outputSchema() {
            ObjectNode schema = JSON.createObjectNode().put("type", "object");
            ObjectNode properties = schema.putObject("properties");
            properties.putObject("text").put("type", "string");
            properties.putObject("user_id").put("type", "string");
            schema.putArray("required").add("text").add("user_id");
            return schema;
        }

        @Override
        public Annotations annotations() {
            return new Annotations(true, false, true);
        }

        @Override
        public McpToolResult call(Caller caller, JsonNode arguments) {
            String fail = arguments.path("fail").textValue();
            if ("crash".equals(fail)) {
                throw new IllegalStateException("test tool crashed on purpose");
            }
            if (fail != null) {
                throw new ApiException(
                        ErrorCode.valueOf(fail.toUpperCase(Locale.ROOT)),
                        "test failure " + fail,
                        Map.of("hint", "asked for"));
            }
            return new McpToolResult(JSON.createObjectNode()
                    .put("text", arguments.path("text").asText(""))
                    .put("user_id", caller.userId().toString()));
        }
    }

    /** {@code /mcp}: draws from {@code POST /v1/recall}'s buckets (heavy), as a recall tool would. */
    @Singleton
    @Requires(property = "memax.test-fixtures.mcp-tools", value = "true")
    static class TestEcho extends Echo {
        @Override
        public McpEndpoint endpoint() {
            return McpEndpoint.MEMAX;
        }

        @Override
        public String name() {
            return "test_echo";
        }

        @Override
        public String restRoute() {
            return "POST /v1/recall";
        }
    }

    /** {@code /mcp}: its {@code region} argument is mirrored in {@code Mcp-Param-Region} (2026-07-28). */
    @Singleton
    @Requires(property = "memax.test-fixtures.mcp-tools", value = "true")
    static class TestHeaderEcho extends Echo {
        @Override
        public McpEndpoint endpoint() {
            return McpEndpoint.MEMAX;
        }

        @Override
        public String name() {
            return "test_header_echo";
        }

        @Override
        public ObjectNode inputSchema() {
            ObjectNode schema = super.inputSchema();
            ((ObjectNode) schema.get("properties"))
                    .putObject("region")
                    .put("type", "string")
                    .put("x-mcp-header", "Region");
            return schema;
        }

        @Override
        public String restRoute() {
            return "GET /v1/memories";
        }
    }

    /** {@code /mcp/chatgpt} only. */
    @Singleton
    @Requires(property = "memax.test-fixtures.mcp-tools", value = "true")
    static class TestChatGptEcho extends Echo {
        @Override
        public McpEndpoint endpoint() {
            return McpEndpoint.CHATGPT;
        }

        @Override
        public String name() {
            return "test_chatgpt_echo";
        }

        @Override
        public String restRoute() {
            return "GET /v1/memories";
        }
    }
}
