package dev.memax.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.identity.Caller;
import dev.memax.server.identity.Scope;

/**
 * One MCP tool (a bean): what {@code tools/list} says of it and how {@code tools/call} runs it.
 * A tool calls the same services as the REST route it stands for, so every rule (access, limits,
 * quotas, validation) is the REST route's own.
 */
public interface McpTool {
    /** The endpoint that lists this tool. */
    McpEndpoint endpoint();

    /** The tool's name, unique per endpoint, e.g. {@code memax_recall}. */
    String name();

    /** A short human-readable title. */
    String title();

    /** Written for a model: when to use the tool and what it returns. */
    String description();

    /** JSON Schema of the arguments ({@code "type": "object"}). */
    ObjectNode inputSchema();

    /** JSON Schema of {@link McpToolResult#structured()} ({@code "type": "object"}). */
    ObjectNode outputSchema();

    /** The behaviour hints {@code tools/list} publishes; {@code openWorldHint} is always false. */
    Annotations annotations();

    /**
     * The scope a call needs, from the hints: a read-only tool {@code memax:read}, any other
     * {@code memax:write}. An OAuth client's token without it is challenged to step up (403); the
     * services still check every credential's scopes themselves.
     */
    default Scope requiredScope() {
        return annotations().readOnly() ? Scope.READ : Scope.WRITE;
    }

    /**
     * The REST route this tool stands for ({@code "POST /v1/recall"}): a call draws from that
     * route's rate-limit buckets, exactly as the REST request would.
     */
    String restRoute();

    /**
     * Runs one call. Failures the caller caused (validation, access, not found, quota) are thrown
     * as {@link dev.memax.server.platform.ApiException}; the protocol layer turns them into an
     * {@code isError: true} result carrying the API's error code and message.
     *
     * @param arguments the call's {@code arguments} (an object; empty when the client sent none)
     */
    McpToolResult call(Caller caller, JsonNode arguments);

    /** MCP tool annotations (hints a client may show or act on). */
    record Annotations(boolean readOnly, boolean destructive, boolean idempotent) {}
}
