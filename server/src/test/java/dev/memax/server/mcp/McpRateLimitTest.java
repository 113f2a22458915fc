package dev.memax.server.mcp;

import static dev.memax.server.mcp.McpHttp.call;
import static dev.memax.server.mcp.McpHttp.params;
import static dev.memax.server.mcp.McpHttp.request;
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
 * MCP messages draw from the per-minute buckets once each: a tools/call from its REST route's
 * bucket (test_echo stands for POST /v1/recall: heavy), anything else from regular.
 */
class McpRateLimitTest {
    private static final int HEAVY = 2;
    private static final int REGULAR = 6;

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.test-fixtures.mcp-tools", true)
            .property("memax.rate-limits.enabled", true)
            // Redis is shared by every test class: this class's buckets are its own.
            .property("memax.rate-limits.key-prefix", "memax-test:" + UUID.randomUUID() + ":");

    private final McpHttp mcp = new McpHttp(SERVER.http());

    @BeforeAll
    static void smallCaps() {
        SERVER.database()
                .execute("UPDATE plans SET heavy_per_minute = " + HEAVY + ", regular_per_minute = " + REGULAR
                        + " WHERE id = 'free'");
    }

    private static String remaining(Http.Result result) {
        return result.header("X-RateLimit-Remaining").orElseThrow();
    }

    @Test
    void aToolCallIsChargedAsItsRestRouteAndOtherMessagesAsRegularOnce() {
        TestUser ada = SERVER.server().createUser("limits-" + UUID.randomUUID() + "@example.com");
        Http.Result init = mcp.post(
                "/mcp",
                request(1, "initialize", params().put("protocolVersion", "2025-11-25")),
                "Authorization",
                ada.bearer());
        assertThat(init.header("X-RateLimit-Limit")).hasValue(Integer.toString(REGULAR));
        assertThat(remaining(init)).isEqualTo(Integer.toString(REGULAR - 1));
        String session = init.header("Mcp-Session-Id").orElseThrow();

        for (int i = 1; i <= HEAVY; i++) {
            Http.Result called = mcp.inSession(
                    "/mcp",
                    ada,
                    session,
                    "2025-11-25",
                    request(10 + i, "tools/call", call("test_echo", params().put("text", "x"))));
            assertThat(called.json().at("/result/isError").asBoolean()).isFalse();
            assertThat(called.header("X-RateLimit-Limit")).hasValue(Integer.toString(HEAVY));
            assertThat(remaining(called)).isEqualTo(Integer.toString(HEAVY - i));
        }
        Http.Result refused = mcp.inSession(
                "/mcp",
                ada,
                session,
                "2025-11-25",
                request(20, "tools/call", call("test_echo", params().put("text", "x"))));
        assertThat(refused.status()).isEqualTo(200);
        JsonNode result = refused.json().path("result");
        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(result.at("/content/0/text").asText()).startsWith("rate_limited: ");
        assertThat(result.at("/_meta/dev.memax~1error/details/bucket").asText()).isEqualTo("heavy");
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isPositive();
        assertThat(remaining(refused)).isEqualTo("0");

        // The tool calls took nothing from regular, and each message takes exactly one token.
        Http.Result list = mcp.inSession("/mcp", ada, session, "2025-11-25", request(30, "tools/list", null));
        assertThat(list.status()).isEqualTo(200);
        assertThat(remaining(list)).isEqualTo(Integer.toString(REGULAR - 2));
        for (int left = REGULAR - 3; left >= 0; left--) {
            assertThat(remaining(mcp.inSession("/mcp", ada, session, "2025-11-25", request(40, "ping", null))))
                    .isEqualTo(Integer.toString(left));
        }
        Http.Result limited = mcp.inSession("/mcp", ada, session, "2025-11-25", request(50, "ping", null));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().at("/error/code").asInt()).isEqualTo(-32000);
        assertThat(limited.json().at("/error/data/code").asText()).isEqualTo("rate_limited");
        assertThat(limited.json().path("id").asInt()).isEqualTo(50);
        assertThat(limited.header("Retry-After")).isPresent();
    }
}
