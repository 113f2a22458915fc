package dev.memax.server.auth;

import dev.memax.server.identity.Caller;
import dev.memax.server.identity.PublicRoute;
import dev.memax.server.identity.Scope;
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
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates {@code /v1} and MCP ({@code /mcp}, {@code /mcp/chatgpt}) requests: a presented
 * credential must be valid for the route's audience ({@link TokenAudiences}; else 401), and every
 * route not marked {@link PublicRoute} requires one. On the MCP endpoints, OAuth protected
 * resources, the 401 challenge names their RFC 9728 metadata and the scopes, which is how an MCP
 * client discovers where to sign in. What the caller may then do is decided by the services
 * through {@link dev.memax.server.access.AccessPolicy}.
 */
@ServerFilter({"/v1/**", "/mcp/**"})
public class AuthenticationFilter implements Ordered {
    static final String CALLER_ATTRIBUTE = "memax.caller";
    private final Authenticator authenticator;
    private final TokenAudiences audiences;

    public AuthenticationFilter(Authenticator authenticator, TokenAudiences audiences) {
        this.authenticator = authenticator;
        this.audiences = audiences;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public void authenticate(HttpRequest<?> request, @Nullable RouteMatch<?> route) {
        Optional<String> header = request.getHeaders().getAuthorization();
        Optional<String> resource = audiences.protectedResourcePath(request.getPath());
        if (header.isPresent()) {
            String value = header.get().trim();
            if (!value.regionMatches(true, 0, "Bearer ", 0, 7) || value.length() <= 7) {
                throw unauthorized(
                        resource, "invalid_request", "Authorization must be 'Bearer <API key or access token>'");
            }
            Caller caller = authenticator
                    .authenticate(value.substring(7).trim(), audiences.acceptedOn(request.getPath()))
                    .orElseThrow(() -> unauthorized(
                            resource,
                            "invalid_token",
                            "The credential is invalid, expired, revoked or for another resource"));
            request.setAttribute(CALLER_ATTRIBUTE, caller);
            return;
        }
        if (route != null
                && !route.getAnnotationMetadata().hasAnnotation(PublicRoute.class)
                && !route.getRouteInfo().getDeclaringType().isAnnotationPresent(PublicRoute.class)) {
            throw unauthorized(
                    resource, null, "Authentication required: send 'Authorization: Bearer <API key or access token>'");
        }
    }

    /** A 401 whose challenge, on a protected resource, points to its metadata (RFC 9728 §5.1). */
    private ApiException unauthorized(Optional<String> resourcePath, String error, String message) {
        if (resourcePath.isEmpty()) {
            return unauthorized(error, message);
        }
        String challenge = audiences.challenge(resourcePath.get(), error, EnumSet.allOf(Scope.class), null);
        return new ApiException(ErrorCode.UNAUTHORIZED, message, Map.of(), Map.of("WWW-Authenticate", challenge));
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
