package dev.memax.server.oauth;

import dev.memax.server.auth.TokenAudiences;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.cors.CorsFilter;

/**
 * Lets any web page use OAuth's machine endpoints, as browser-based MCP clients must: the discovery
 * documents (GET) and the token, registration and revocation endpoints (POST). None of them reads a
 * cookie (a client authenticates with what it sends), so {@code Access-Control-Allow-Origin: *}
 * whatever {@code MEMAX_CORS_ORIGINS} says (that list still governs the API). Preflights are answered
 * here: MCP clients send {@code MCP-Protocol-Version} with discovery requests, and registration is JSON.
 * The sign-in pages ({@code /oauth/authorize}) are not included: a person's browser navigates to them.
 *
 * <p>Just outside Micronaut's CORS filter: its response phase runs after that filter's, so the
 * single {@code *} replaces the origin that filter may have echoed for a configured origin.
 */
@ServerFilter({
    TokenAudiences.RESOURCE_METADATA_PATH,
    TokenAudiences.RESOURCE_METADATA_PATH + "/**",
    "/.well-known/oauth-authorization-server",
    "/.well-known/openid-configuration",
    "/oauth/token",
    "/oauth/register",
    "/oauth/revoke"
})
public class OAuthCorsFilter implements Ordered {
    static final String ALLOWED_HEADERS = "MCP-Protocol-Version, Content-Type, Authorization";

    @RequestFilter
    @Nullable
    public HttpResponse<?> preflight(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.OPTIONS
                || request.getOrigin().isEmpty()
                || !request.getHeaders().contains(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD)) {
            return null;
        }
        return HttpResponse.noContent()
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .header(
                        HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS,
                        request.getPath().startsWith("/oauth/") ? "POST" : "GET")
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                .header(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "3600");
    }

    @ResponseFilter
    public void anyOrigin(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getMethod() != HttpMethod.OPTIONS) {
            response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        }
    }

    @Override
    public int getOrder() {
        return CorsFilter.CORS_FILTER_ORDER - 1;
    }
}
