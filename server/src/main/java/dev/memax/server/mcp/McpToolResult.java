package dev.memax.server.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A successful tool call's result: the protocol layer sends it as {@code structuredContent} and,
 * serialized, as the one text content block (for older clients and for ChatGPT's {@code search}/
 * {@code fetch}, which read the text).
 *
 * @param structured conforms to the tool's output schema
 */
public record McpToolResult(ObjectNode structured) {}
