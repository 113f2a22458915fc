package dev.memax.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A JSON-RPC error answering one MCP message, with the HTTP status it carries when it is the
 * whole answer to a POST (the transport gives some errors their own status: 400, 404, 429).
 */
final class JsonRpcError extends RuntimeException {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    /** Implementation-defined (-32000 to -32019): a request refused by a rate limit. */
    static final int RATE_LIMITED = -32000;
    /** Implementation-defined: the Mcp-Session-Id names no live session of the caller. */
    static final int SESSION_NOT_FOUND = -32001;
    /** Implementation-defined: an OAuth client's token lacks the scope a tool needs (HTTP 403, step-up). */
    static final int INSUFFICIENT_SCOPE = -32003;
    /** 2026-07-28: the HTTP headers do not match the body, or required ones are missing. */
    static final int HEADER_MISMATCH = -32020;
    /** 2026-07-28: the requested protocol version is not one the server speaks. */
    static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    private final int code;
    private final JsonNode data;
    private final int httpStatus;
    private final Map<String, String> headers;

    JsonRpcError(int code, String message, int httpStatus) {
        this(code, message, null, httpStatus, Map.of());
    }

    JsonRpcError(int code, String message, JsonNode data, int httpStatus, Map<String, String> headers) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
        this.httpStatus = httpStatus;
        this.headers = Map.copyOf(headers);
    }

    int code() {
        return code;
    }

    JsonNode data() {
        return data;
    }

    /** The status of a POST this error answers alone (inside a batch the POST answers 200). */
    int httpStatus() {
        return httpStatus;
    }

    /** Response headers it brings (rate-limit state, an OAuth challenge). */
    Map<String, String> headers() {
        return headers;
    }

    static JsonRpcError invalidRequest(String message) {
        return new JsonRpcError(INVALID_REQUEST, message, 400);
    }

    static JsonRpcError invalidParams(String message) {
        return new JsonRpcError(INVALID_PARAMS, message, 200);
    }

    static JsonRpcError headerMismatch(String message) {
        return new JsonRpcError(HEADER_MISMATCH, message, 400);
    }
}
