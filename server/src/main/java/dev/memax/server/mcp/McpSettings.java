package dev.memax.server.mcp;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The MCP endpoints' settings ({@code memax.mcp}, README "MCP").
 *
 * @param allowedOrigins     origins, besides {@code MEMAX_PUBLIC_URL}'s, whose browser pages may call
 *                           the endpoints (comma-separated); any other {@code Origin} is refused
 * @param sessionIdleTimeout how long an unused handshake-era session lives
 * @param toolsPageSize      tools per {@code tools/list} page
 */
@ConfigurationProperties("memax.mcp")
public record McpSettings(
        @Nullable String allowedOrigins,
        @Bindable(defaultValue = "24h") Duration sessionIdleTimeout,
        @Bindable(defaultValue = "50") int toolsPageSize) {}
