package dev.memax.server.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.auth.TokenAudiences;
import dev.memax.server.health.BuildInfo;
import dev.memax.server.identity.Caller;
import dev.memax.server.identity.Scope;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.ErrorCode;
import dev.memax.server.platform.RequestIds;
import dev.memax.server.ratelimit.RateLimitDecision;
import dev.memax.server.ratelimit.RateLimitService;
import dev.memax.server.ratelimit.RouteLimits;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * MCP over Streamable HTTP (docs/architecture.md §5.10): JSON-RPC 2.0 messages in, replies out, for both
 * protocol families on one URL, decided per request.
 *
 * <ul>
 *   <li>The handshake family (2025-03-26, 2025-06-18, 2025-11-25): {@code initialize} negotiates a
 *   version and mints a session ({@code Mcp-Session-Id}); every later message names it.</li>
 *   <li>The stateless revision 2026-07-28: no session; each request carries its version in
 *   {@code params._meta} and mirrors version, method and tool name in headers, which must match.</li>
 * </ul>
 *
 * A request declaring a version in {@code _meta} that is not a handshake version, or (without a
 * session) sending {@code MCP-Protocol-Version: 2026-07-28}, is stateless; {@code initialize} and
 * anything naming a session is the handshake family.
 *
 * <p>Each message draws from the rate limits once: a {@code tools/call} from the buckets of the REST
 * route its tool stands for, anything else from {@code regular}.
 */
@Singleton
public class McpProtocol {
    static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
    static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";
    /** Where a failed tool call's API error travels, machine-readable, beside its text. */
    static final String META_ERROR = "dev.memax/error";
    /** How long a stateless client may cache tools/list and server/discover: tools change only with a deploy. */
    private static final long CACHE_TTL_MS = 300_000;

    private static final String CURSOR_PREFIX = "tools:";
    private static final Logger LOG = LoggerFactory.getLogger(McpProtocol.class);

    private final ObjectMapper json;
    private final McpToolRegistry tools;
    private final McpSessions sessions;
    private final RateLimitService limiter;
    private final TokenAudiences audiences;
    private final int pageSize;
    private final ObjectNode serverInfo;

    McpProtocol(
            ObjectMapper json,
            McpToolRegistry tools,
            McpSessions sessions,
            RateLimitService limiter,
            TokenAudiences audiences,
            McpSettings settings,
            BuildInfo build) {
        this.json = json;
        this.tools = tools;
        this.sessions = sessions;
        this.limiter = limiter;
        this.audiences = audiences;
        this.pageSize = Math.max(1, settings.toolsPageSize());
        this.serverInfo = json.createObjectNode()
                .put("name", "memax")
                .put("title", "Memax")
                .put("version", build.version());
    }

    /**
     * What a POST carried besides its body.
     *
     * @param protocolVersion {@code MCP-Protocol-Version}, or null
     * @param sessionId       {@code Mcp-Session-Id}, or null
     * @param method          {@code Mcp-Method}, or null
     * @param name            {@code Mcp-Name}, or null
     * @param headers         any other header by name (the {@code Mcp-Param-*} ones)
     */
    public record Post(
            McpEndpoint endpoint,
            Caller caller,
            String requestId,
            String protocolVersion,
            String sessionId,
            String method,
            String name,
            Function<String, String> headers) {}

    /** The answer to a POST or DELETE: status, body (a JSON-RPC message, an array of them, or none), headers. */
    public record Reply(int status, JsonNode body, Map<String, String> headers) {}

    /** Handles one POST: a JSON-RPC message, or a batch of them where the version allows it. */
    public Reply post(Post post, byte[] body) {
        Exchange exchange = new Exchange(post);
        JsonNode root = parse(body);
        if (root == null) {
            return exchange.error(
                    null, new JsonRpcError(JsonRpcError.PARSE_ERROR, "Parse error: the body is not JSON", 400));
        }
        try {
            if (post.protocolVersion() != null && !McpVersions.supported(post.protocolVersion())) {
                throw unsupportedVersion(post.protocolVersion());
            }
            return root.isArray() ? batch(exchange, root) : single(exchange, root);
        } catch (JsonRpcError e) {
            return exchange.error(idOf(root), e);
        }
    }

    /** Ends the caller's session named by {@code Mcp-Session-Id}. */
    public Reply delete(Post post) {
        Exchange exchange = new Exchange(post);
        try {
            if (post.sessionId() == null) {
                throw JsonRpcError.invalidRequest("DELETE needs the Mcp-Session-Id header of the session to end");
            }
            chargeMessage(exchange);
            if (!sessions.end(post.sessionId(), post.caller().userId(), post.endpoint())) {
                throw sessionNotFound();
            }
            return exchange.reply(204, null);
        } catch (JsonRpcError e) {
            return exchange.error(null, e);
        }
    }

    private Reply single(Exchange exchange, JsonNode root) {
        Message message = Message.parse(root, json);
        if (message.isResponse()) {
            // Answers to requests this server never sends: nothing to do.
            return exchange.reply(202, null);
        }
        if (message.method().equals("initialize")) {
            return initialize(exchange, message);
        }
        String declared = message.params().path("_meta").path(META_VERSION).textValue();
        boolean stateless = declared != null
                ? !McpVersions.HANDSHAKE.contains(declared)
                : exchange.post.sessionId() == null && McpVersions.STATELESS.equals(exchange.post.protocolVersion());
        return stateless ? stateless(exchange, message, declared) : handshake(exchange, message);
    }

    /** The 2026-07-28 rules: version in {@code _meta}, headers mirroring the body, no session. */
    private Reply stateless(Exchange exchange, Message message, String declared) {
        Post post = exchange.post;
        if (declared == null) {
            throw JsonRpcError.headerMismatch("MCP-Protocol-Version is " + McpVersions.STATELESS
                    + " but params._meta[\"" + META_VERSION + "\"] is missing");
        }
        if (!McpVersions.STATELESS.equals(declared)) {
            throw unsupportedVersion(declared);
        }
        if (post.protocolVersion() == null) {
            throw JsonRpcError.headerMismatch("The MCP-Protocol-Version header is required");
        }
        if (!post.protocolVersion().equals(declared)) {
            throw JsonRpcError.headerMismatch("MCP-Protocol-Version header '" + post.protocolVersion()
                    + "' does not match params._meta version '" + declared + "'");
        }
        if (message.isNotification()) {
            chargeMessage(exchange);
            return exchange.reply(202, null);
        }
        if (post.method() == null) {
            throw JsonRpcError.headerMismatch("The Mcp-Method header is required");
        }
        if (!post.method().equals(message.method())) {
            throw JsonRpcError.headerMismatch(
                    "Mcp-Method header '" + post.method() + "' does not match body method '" + message.method() + "'");
        }
        ObjectNode result = switch (message.method()) {
            case "server/discover" -> {
                chargeMessage(exchange);
                yield discover(post.endpoint());
            }
            case "tools/list" -> {
                chargeMessage(exchange);
                yield listTools(post.endpoint(), message.params())
                        .put("ttlMs", CACHE_TTL_MS)
                        .put("cacheScope", "public");
            }
            case "tools/call" -> callTool(exchange, message.params(), true);
            default -> {
                chargeMessage(exchange);
                throw new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, "Method not found: " + message.method(), 404);
            }
        };
        result.put("resultType", "complete");
        ObjectNode meta = result.has("_meta") ? (ObjectNode) result.get("_meta") : result.putObject("_meta");
        meta.set(META_SERVER_INFO, serverInfo);
        return exchange.result(message.id(), result);
    }

    /** The handshake family after initialize: every message names the caller's live session. */
    private Reply handshake(Exchange exchange, Message message) {
        if (exchange.post.sessionId() == null) {
            throw JsonRpcError.invalidRequest("The Mcp-Session-Id header is required: send initialize first "
                    + "(protocol versions " + String.join(", ", McpVersions.HANDSHAKE)
                    + "), or declare protocol version "
                    + McpVersions.STATELESS + " in params._meta and the MCP-Protocol-Version header");
        }
        session(exchange);
        if (message.isNotification()) {
            // notifications/initialized, notifications/cancelled: acknowledged, nothing to act on.
            chargeMessage(exchange);
            return exchange.reply(202, null);
        }
        return exchange.result(message.id(), dispatch(exchange, message));
    }

    private ObjectNode dispatch(Exchange exchange, Message message) {
        return switch (message.method()) {
            case "ping" -> {
                chargeMessage(exchange);
                yield json.createObjectNode();
            }
            case "tools/list" -> {
                chargeMessage(exchange);
                yield listTools(exchange.post.endpoint(), message.params());
            }
            case "tools/call" -> callTool(exchange, message.params(), false);
            case "initialize" -> throw JsonRpcError.invalidRequest("initialize must not be part of a batch");
            default -> {
                chargeMessage(exchange);
                throw new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, "Method not found: " + message.method(), 200);
            }
        };
    }

    /** Only 2025-03-26 has batches; later versions send one message per POST. */
    private Reply batch(Exchange exchange, JsonNode batch) {
        if (batch.isEmpty()) {
            throw JsonRpcError.invalidRequest("An empty batch is not a request");
        }
        if (exchange.post.sessionId() == null) {
            throw JsonRpcError.invalidRequest(
                    "Batches are allowed only in a session of protocol version " + McpVersions.WITH_BATCHES);
        }
        String version = session(exchange).protocolVersion();
        if (!McpVersions.WITH_BATCHES.equals(version)) {
            throw JsonRpcError.invalidRequest(
                    "Protocol version " + version + " does not allow JSON-RPC batches: send one message per POST");
        }
        ArrayNode responses = json.createArrayNode();
        for (JsonNode element : batch) {
            boolean notification = element.isObject() && element.has("method") && !element.has("id");
            try {
                Message message = Message.parse(element, json);
                if (message.isResponse()) {
                    continue;
                }
                if (message.isNotification()) {
                    chargeMessage(exchange);
                    continue;
                }
                responses.add(resultMessage(message.id(), dispatch(exchange, message)));
            } catch (JsonRpcError e) {
                if (!notification) {
                    exchange.headers.putAll(e.headers());
                    responses.add(errorMessage(idOf(element), e));
                }
            }
        }
        return responses.isEmpty() ? exchange.reply(202, null) : exchange.reply(200, responses);
    }

    private Reply initialize(Exchange exchange, Message message) {
        if (message.isNotification()) {
            throw JsonRpcError.invalidRequest("initialize is a request: it needs an id");
        }
        JsonNode requested = message.params().get("protocolVersion");
        if (requested == null || !requested.isTextual()) {
            throw JsonRpcError.invalidParams("initialize needs params.protocolVersion");
        }
        chargeMessage(exchange);
        String version = McpVersions.negotiate(requested.textValue());
        JsonNode client = message.params().path("clientInfo");
        String sessionId = sessions.open(
                exchange.post.caller().userId(),
                exchange.post.endpoint(),
                version,
                client.path("name").textValue(),
                client.path("version").textValue());
        ObjectNode result = json.createObjectNode();
        result.put("protocolVersion", version);
        result.putObject("capabilities").putObject("tools").put("listChanged", false);
        result.set("serverInfo", serverInfo);
        result.put("instructions", instructions(exchange.post.endpoint()));
        exchange.headers.put("Mcp-Session-Id", sessionId);
        return exchange.result(message.id(), result);
    }

    private ObjectNode discover(McpEndpoint endpoint) {
        ObjectNode result = json.createObjectNode();
        ArrayNode versions = result.putArray("supportedVersions");
        McpVersions.ALL.forEach(versions::add);
        result.putObject("capabilities").putObject("tools").put("listChanged", false);
        result.put("instructions", instructions(endpoint));
        result.put("ttlMs", CACHE_TTL_MS);
        result.put("cacheScope", "public");
        return result;
    }

    private ObjectNode listTools(McpEndpoint endpoint, ObjectNode params) {
        List<McpToolRegistry.Entry> all = tools.list(endpoint);
        int start = 0;
        JsonNode cursor = params.get("cursor");
        if (cursor != null && !cursor.isNull()) {
            start = offsetOf(cursor, all.size());
        }
        int end = Math.min(all.size(), start + pageSize);
        ObjectNode result = json.createObjectNode();
        ArrayNode list = result.putArray("tools");
        for (int i = start; i < end; i++) {
            list.add(all.get(i).definition());
        }
        if (end < all.size()) {
            result.put(
                    "nextCursor",
                    Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString((CURSOR_PREFIX + end).getBytes(StandardCharsets.UTF_8)));
        }
        return result;
    }

    private static int offsetOf(JsonNode cursor, int size) {
        if (cursor.isTextual()) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor.textValue()), StandardCharsets.UTF_8);
                if (text.startsWith(CURSOR_PREFIX)) {
                    int offset = Integer.parseInt(text.substring(CURSOR_PREFIX.length()));
                    if (offset >= 0 && offset <= size) {
                        return offset;
                    }
                }
            } catch (IllegalArgumentException ignored) {
                // not base64 or not a number: invalid, as below
            }
        }
        throw JsonRpcError.invalidParams("Invalid cursor: pass back a nextCursor exactly as received");
    }

    private ObjectNode callTool(Exchange exchange, ObjectNode params, boolean stateless) {
        Post post = exchange.post;
        JsonNode name = params.get("name");
        if (name == null || !name.isTextual()) {
            throw JsonRpcError.invalidParams("tools/call needs params.name");
        }
        if (stateless) {
            if (post.name() == null) {
                throw JsonRpcError.headerMismatch("The Mcp-Name header is required for tools/call");
            }
            if (!decodeHeader("Mcp-Name", post.name()).equals(name.textValue())) {
                throw JsonRpcError.headerMismatch(
                        "Mcp-Name header '" + post.name() + "' does not match params.name '" + name.textValue() + "'");
            }
        }
        McpToolRegistry.Entry entry = tools.find(post.endpoint(), name.textValue())
                .orElseThrow(() -> JsonRpcError.invalidParams("Unknown tool: " + name.textValue()));
        JsonNode arguments = params.get("arguments");
        if (arguments == null || arguments.isNull()) {
            arguments = json.createObjectNode();
        } else if (!arguments.isObject()) {
            throw JsonRpcError.invalidParams("params.arguments must be an object");
        }
        if (stateless) {
            checkParamHeaders(post, entry.tool(), arguments);
        }
        Scope needed = entry.tool().requiredScope();
        if (post.caller().viaOAuthClient() && !post.caller().has(needed)) {
            // Refused before the tool's buckets are touched, but not for free: one message.
            chargeMessage(exchange);
            throw insufficientScope(post, entry.tool(), needed);
        }
        try {
            charge(exchange, entry.limit());
            return success(entry.tool().call(post.caller(), arguments));
        } catch (ApiException e) {
            e.headers().forEach((header, value) -> {
                if (header.equals("Retry-After") || header.startsWith("X-RateLimit-")) {
                    exchange.headers.put(header, value);
                }
            });
            return failure(e);
        } catch (RuntimeException e) {
            MDC.put(RequestIds.MDC_KEY, post.requestId());
            try {
                LOG.error("MCP tool {} failed", entry.tool().name(), e);
            } finally {
                MDC.remove(RequestIds.MDC_KEY);
            }
            throw new JsonRpcError(
                    JsonRpcError.INTERNAL_ERROR,
                    "Internal error",
                    json.createObjectNode().put("request_id", post.requestId()),
                    200,
                    Map.of());
        }
    }

    /**
     * An OAuth client's token lacks the scope a tool needs: the MCP "scope challenge", a 403 whose
     * {@code WWW-Authenticate} (RFC 6750 §3.1) names the scopes to ask the user for, the token's
     * own included so that stepping up loses none, and where the endpoint's metadata is. An API key
     * or the API's own token cannot step up: the tool refuses it as a result with {@code isError}.
     */
    private JsonRpcError insufficientScope(Post post, McpTool tool, Scope needed) {
        Set<Scope> scopes = EnumSet.of(needed);
        scopes.addAll(post.caller().scopes());
        String wanted = Scope.wire(scopes);
        String description = "The tool " + tool.name() + " needs the scope " + needed
                + "; authorize again with the scopes " + wanted;
        String challenge = audiences.challenge(post.endpoint().path(), "insufficient_scope", scopes, description);
        ObjectNode data =
                json.createObjectNode().put("code", ErrorCode.FORBIDDEN.code()).put("scope", wanted);
        return new JsonRpcError(
                JsonRpcError.INSUFFICIENT_SCOPE,
                "Insufficient scope: " + description,
                data,
                403,
                Map.of("WWW-Authenticate", challenge));
    }

    /**
     * 2026-07-28: an argument whose schema property names an {@code x-mcp-header} travels in
     * {@code Mcp-Param-<name>} too, and the two must agree.
     */
    private static void checkParamHeaders(Post post, McpTool tool, JsonNode arguments) {
        Iterator<Map.Entry<String, JsonNode>> properties =
                tool.inputSchema().path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String headerName = property.getValue().path("x-mcp-header").textValue();
            JsonNode value = arguments.get(property.getKey());
            if (headerName == null || value == null || value.isNull()) {
                continue;
            }
            String header = "Mcp-Param-" + headerName;
            String raw = post.headers().apply(header);
            if (raw == null) {
                throw JsonRpcError.headerMismatch(
                        "The " + header + " header is required: argument " + property.getKey() + " is set");
            }
            String sent = decodeHeader(header, raw);
            boolean same;
            if (value.isNumber()) {
                try {
                    same = new BigDecimal(sent.trim()).compareTo(value.decimalValue()) == 0;
                } catch (NumberFormatException e) {
                    same = false;
                }
            } else {
                same = (value.isTextual() || value.isBoolean()) && sent.equals(value.asText());
            }
            if (!same) {
                throw JsonRpcError.headerMismatch(header + " header does not match argument " + property.getKey());
            }
        }
    }

    /** Header values outside plain ASCII travel as {@code =?base64?…?=}. */
    private static String decodeHeader(String header, String value) {
        if (value.length() >= 11 && value.startsWith("=?base64?") && value.endsWith("?=")) {
            try {
                return new String(
                        Base64.getDecoder().decode(value.substring(9, value.length() - 2)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw JsonRpcError.headerMismatch(header + " header is not valid base64");
            }
        }
        return value;
    }

    private ObjectNode success(McpToolResult result) {
        ObjectNode structured = result.structured();
        ObjectNode node = json.createObjectNode();
        try {
            node.putArray("content").addObject().put("type", "text").put("text", json.writeValueAsString(structured));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tool result is not serialisable", e);
        }
        node.set("structuredContent", structured);
        node.put("isError", false);
        return node;
    }

    /**
     * A tool failure the model should see and may act on: the API's code and message as text, and
     * the error itself under {@code _meta} rather than as {@code structuredContent}, which clients
     * may validate against the tool's output schema (an error does not fit it).
     */
    private ObjectNode failure(ApiException e) {
        ObjectNode node = json.createObjectNode();
        ObjectNode error = json.createObjectNode();
        error.put("code", e.code().code());
        error.put("message", e.getMessage());
        error.set("details", json.valueToTree(e.details()));
        String text = e.code().code() + ": " + e.getMessage();
        if (!e.details().isEmpty()) {
            text += " " + error.get("details");
        }
        node.putArray("content").addObject().put("type", "text").put("text", text);
        node.put("isError", true);
        node.putObject("_meta").set(META_ERROR, error);
        return node;
    }

    private McpSessions.Session session(Exchange exchange) {
        Post post = exchange.post;
        return sessions.find(post.sessionId(), post.caller().userId(), post.endpoint())
                .orElseThrow(McpProtocol::sessionNotFound);
    }

    private static JsonRpcError sessionNotFound() {
        return new JsonRpcError(
                JsonRpcError.SESSION_NOT_FOUND,
                "Session not found: it ended, expired or belongs to another user; send initialize to start a new one",
                404);
    }

    private JsonRpcError unsupportedVersion(String requested) {
        ObjectNode data = json.createObjectNode();
        ArrayNode supported = data.putArray("supported");
        McpVersions.ALL.forEach(supported::add);
        data.put("requested", requested);
        return new JsonRpcError(
                JsonRpcError.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version", data, 400, Map.of());
    }

    /**
     * A message other than a tool call: one token from {@code regular}. A refusal is a JSON-RPC
     * error (429 when it answers the whole POST); a limiter that cannot decide (Redis down, policy
     * closed) stays the API's 503.
     */
    private void chargeMessage(Exchange exchange) {
        try {
            charge(exchange, RouteLimits.MCP_MESSAGE);
        } catch (ApiException e) {
            if (e.code() != ErrorCode.RATE_LIMITED) {
                throw e;
            }
            ObjectNode data = json.createObjectNode();
            data.put("code", e.code().code());
            data.set("details", json.valueToTree(e.details()));
            throw new JsonRpcError(
                    JsonRpcError.RATE_LIMITED, e.code().code() + ": " + e.getMessage(), data, 429, e.headers());
        }
    }

    private void charge(Exchange exchange, RouteLimits.RouteLimit limit) {
        limiter.check(limit, exchange.post.caller().userId(), null).ifPresent(exchange::counted);
    }

    private static String instructions(McpEndpoint endpoint) {
        return switch (endpoint) {
            case MEMAX ->
                "Memax is long-term memory shared by the user's agents and teammates. Recall before answering "
                        + "anything that may depend on what was decided, learned or preferred earlier; push durable facts, "
                        + "decisions and preferences worth remembering. Results carry memory ids for reading one in full.";
            case CHATGPT ->
                "Memax is the user's long-term memory. Use search to find memories relevant to a question "
                        + "and fetch to read one in full by its id.";
        };
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode root = json.readTree(body);
            return root == null || root.isMissingNode() ? null : root;
        } catch (IOException e) {
            return null;
        }
    }

    private static JsonNode idOf(JsonNode message) {
        JsonNode id = message == null || !message.isObject() ? null : message.get("id");
        return id != null && (id.isTextual() || id.isNumber()) ? id : null;
    }

    private ObjectNode resultMessage(JsonNode id, JsonNode result) {
        ObjectNode message = json.createObjectNode().put("jsonrpc", "2.0");
        message.set("id", id);
        message.set("result", result);
        return message;
    }

    /** An error response; without a known id it has none (as MCP's schema allows for unreadable requests). */
    private ObjectNode errorMessage(JsonNode id, JsonRpcError e) {
        ObjectNode message = json.createObjectNode().put("jsonrpc", "2.0");
        if (id != null) {
            message.set("id", id);
        }
        ObjectNode error = message.putObject("error").put("code", e.code()).put("message", e.getMessage());
        if (e.data() != null) {
            error.set("data", e.data());
        }
        return message;
    }

    /** One POST's state: its response headers and the tightest rate-limit bucket it drew from. */
    private final class Exchange {
        final Post post;
        final Map<String, String> headers = new LinkedHashMap<>();
        RateLimitDecision tightest;

        Exchange(Post post) {
            this.post = post;
        }

        void counted(RateLimitDecision decision) {
            if (tightest == null || decision.remaining() < tightest.remaining()) {
                tightest = decision;
            }
        }

        Reply result(JsonNode id, JsonNode result) {
            return reply(200, resultMessage(id, result));
        }

        Reply error(JsonNode id, JsonRpcError e) {
            headers.putAll(e.headers());
            return reply(e.httpStatus(), errorMessage(id, e));
        }

        Reply reply(int status, JsonNode body) {
            if (tightest != null && !headers.containsKey(RateLimitDecision.LIMIT)) {
                headers.putAll(tightest.headers());
            }
            return new Reply(status, body, headers);
        }
    }

    /** One JSON-RPC message: a request (id and method), a notification (method only) or a response (neither). */
    private record Message(JsonNode id, String method, ObjectNode params) {
        boolean isResponse() {
            return method == null;
        }

        boolean isNotification() {
            return method != null && id == null;
        }

        static Message parse(JsonNode node, ObjectMapper json) {
            if (!node.isObject()) {
                throw JsonRpcError.invalidRequest("A JSON-RPC message is an object");
            }
            if (!"2.0".equals(node.path("jsonrpc").textValue())) {
                throw JsonRpcError.invalidRequest("jsonrpc must be \"2.0\"");
            }
            JsonNode id = node.get("id");
            if (id != null && !id.isTextual() && !id.isNumber()) {
                throw JsonRpcError.invalidRequest("id must be a string or a number");
            }
            JsonNode method = node.get("method");
            if (method == null) {
                if (id != null && (node.has("result") || node.has("error"))) {
                    return new Message(id, null, null);
                }
                throw JsonRpcError.invalidRequest("A request needs a method");
            }
            if (!method.isTextual()) {
                throw JsonRpcError.invalidRequest("method must be a string");
            }
            JsonNode params = node.get("params");
            if (params != null && !params.isNull() && !params.isObject()) {
                throw JsonRpcError.invalidRequest("params must be an object");
            }
            return new Message(
                    id, method.textValue(), params instanceof ObjectNode object ? object : json.createObjectNode());
        }
    }
}
