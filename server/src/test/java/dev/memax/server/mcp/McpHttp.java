package dev.memax.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.TestUser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Raw MCP over HTTP for the protocol tests: JSON-RPC bodies and the transport's headers, built by hand. */
public final class McpHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String STATELESS = "2026-07-28";
    private final Http http;

    public McpHttp(Http http) {
        this.http = http;
    }

    /** A POST with JSON content and the Accept a conforming client sends, plus {@code headers}. */
    Http.Result post(String path, String body, String... headers) {
        List<String> all = new ArrayList<>(
                List.of("Content-Type", "application/json", "Accept", "application/json, text/event-stream"));
        all.addAll(Arrays.asList(headers));
        return http.send("POST", path, body, all.toArray(String[]::new));
    }

    /** initialize with {@code version}; returns the minted session id. */
    String initialize(String path, TestUser user, String version) {
        Http.Result result = post(
                path,
                request(
                        1,
                        "initialize",
                        params().put("protocolVersion", version)
                                .set(
                                        "clientInfo",
                                        JSON.createObjectNode()
                                                .put("name", "raw-test")
                                                .put("version", "1"))),
                "Authorization",
                user.bearer());
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.header("Mcp-Session-Id").orElseThrow();
    }

    /** A message in a session of the handshake family. */
    Http.Result inSession(String path, TestUser user, String sessionId, String version, String body) {
        return post(
                path,
                body,
                "Authorization",
                user.bearer(),
                "Mcp-Session-Id",
                sessionId,
                "MCP-Protocol-Version",
                version);
    }

    /** A 2026-07-28 request: version in {@code _meta} and the mirrored headers ({@code headers} replace or add). */
    Http.Result stateless(String path, TestUser user, String method, ObjectNode params, String... headers) {
        return stateless(path, user.bearer(), method, params, headers);
    }

    /** {@link #stateless(String, TestUser, String, ObjectNode, String...)} with any bearer credential. */
    public Http.Result stateless(String path, String bearer, String method, ObjectNode params, String... headers) {
        ObjectNode withMeta = params.deepCopy();
        withMeta.putObject("_meta")
                .put("io.modelcontextprotocol/protocolVersion", STATELESS)
                .putObject("io.modelcontextprotocol/clientCapabilities");
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Authorization", "Bearer " + bearer.replaceFirst("^Bearer ", ""));
        all.put("MCP-Protocol-Version", STATELESS);
        all.put("Mcp-Method", method);
        if (method.equals("tools/call")) {
            all.put("Mcp-Name", params.path("name").asText());
        }
        for (int i = 0; i < headers.length; i += 2) {
            all.put(headers[i], headers[i + 1]);
        }
        List<String> flat = new ArrayList<>();
        all.forEach((name, value) -> flat.addAll(List.of(name, value)));
        return post(path, request(7, method, withMeta), flat.toArray(String[]::new));
    }

    public static ObjectNode params() {
        return JSON.createObjectNode();
    }

    public static ObjectNode call(String tool, ObjectNode arguments) {
        ObjectNode params = params().put("name", tool);
        params.set("arguments", arguments);
        return params;
    }

    static String request(Object id, String method, JsonNode params) {
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0");
        message.set("id", JSON.valueToTree(id));
        message.put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        return message.toString();
    }

    static String notification(String method) {
        return JSON.createObjectNode()
                .put("jsonrpc", "2.0")
                .put("method", method)
                .toString();
    }
}
