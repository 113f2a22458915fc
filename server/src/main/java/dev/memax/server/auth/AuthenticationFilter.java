package dev.memax.server.auth;

import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.RouteMatch;

import java.util.Map;
import java.util.Optional;

/**
 * Authenticates {@code /v1} and MCP ({@code /mcp}, {@code /mcp/chatgpt}) requests: a presented
 * credential must be valid (else 401), and every route not marked {@link PublicRoute} requires one. What the caller may then do is
 * decided by the services through {@link dev.memax.server.access.AccessPolicy}.
 */
@ServerFilter({"/v1/**", "/mcp/**"})
public class AuthenticationFilter implements Ordered {
    static final String CALLER_ATTRIBUTE = "memax.caller";
    private final Authenticator authenticator;

    public AuthenticationFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public void authenticate(HttpRequest<?> request, @Nullable RouteMatch<?> route) {
        Optional<String> header = request.getHeaders().getAuthorization();
        if (header.isPresent()) {
            String value = header.get().trim();
            if (!value.regionMatches(true, 0, "Bearer ", 0, 7) || value.length() <= 7) {
                throw unauthorized("invalid_request", "Authorization must be 'Bearer <API key or access token>'");
            }
            Caller caller = authenticator.authenticate(value.substring(7).trim())
                    .orElseThrow(() -> unauthorized("invalid_token", "The credential is invalid, expired or revoked"));
            request.setAttribute(CALLER_ATTRIBUTE, caller);
            return;
        }
        if (route != null && !route.getAnnotationMetadata().hasAnnotation(PublicRoute.class)
                && !route.getRouteInfo().getDeclaringType().isAnnotationPresent(PublicRoute.class)) {
            throw unauthorized(null, "Authentication required: send 'Authorization: Bearer <API key or access token>'");
        }
    }

    /** The authenticated caller of a request, if it presented a valid credential. */
    public static Optional<Caller> callerOf(HttpRequest<?> request) {
        return request.getAttribute(CALLER_ATTRIBUTE, Caller.class);
    }

    /** A 401 with the RFC 6750 challenge. */
    public static ApiException unauthorized(String error, String message) {
        String challenge = error == null ? "Bearer realm=\"memax\"" : "Bearer realm=\"memax\", error=\"" + error + "\"";
        return new ApiException(ErrorCode.UNAUTHORIZED, message, Map.of(), Map.of("WWW-Authenticate", challenge));
    }

    @Override
    public int getOrder() {
        return 50;
    }
}
