package dev.memax.server.mcp;

import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.CommaList;
import dev.memax.server.platform.ErrorCode;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses MCP requests from a browser page of a foreign origin (403), as the transport requires
 * against DNS rebinding: an {@code Origin} must be this server's own ({@code MEMAX_PUBLIC_URL}) or
 * one of {@code MEMAX_MCP_ALLOWED_ORIGINS}. Requests without {@code Origin} (agents, CLIs) pass.
 * Runs before authentication, so a foreign page learns nothing about credentials either.
 */
@ServerFilter("/mcp/**")
public class McpOriginFilter implements Ordered {
    private final Set<String> allowed = new HashSet<>();

    public McpOriginFilter(
            McpSettings settings, @Value("${memax.public-url:`http://127.0.0.1:8080`}") String publicUrl) {
        String own = normalize(publicUrl);
        if (own != null) {
            allowed.add(own);
        }
        for (String origin : CommaList.items(settings.allowedOrigins())) {
            String normalized = normalize(origin);
            if (normalized == null) {
                throw new IllegalArgumentException("MEMAX_MCP_ALLOWED_ORIGINS: not an origin: " + origin);
            }
            allowed.add(normalized);
        }
    }

    @RequestFilter
    public void check(HttpRequest<?> request) {
        String origin = request.getHeaders().get("Origin");
        if (origin != null && !allowed.contains(normalize(origin))) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Origin " + origin + " may not call this MCP endpoint");
        }
    }

    /** {@code scheme://host[:port]}, lower-case, without a default port; null when unreadable. */
    static String normalize(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(value.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort =
                    port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Before {@code AuthenticationFilter} (50). */
    @Override
    public int getOrder() {
        return 40;
    }
}
