package dev.memax.server.mcp.tool;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Knobs of the MCP tools ({@code memax.mcp.tools.*}).
 *
 * @param maxContentChars most characters of a memory's content that {@code memax_get}, {@code get_memory}
 *                        and {@code fetch} return; longer content is cut and the result says so
 *                        ({@code MEMAX_MCP_MAX_CONTENT_CHARS})
 */
@ConfigurationProperties("memax.mcp.tools")
public record McpToolSettings(
        @Bindable(defaultValue = "100000") int maxContentChars) {}
