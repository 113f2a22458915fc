package dev.memax.server.platform;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.uri.UriMatchInfo;
import io.micronaut.web.router.RouteAttributes;
import java.util.List;
import java.util.Map;

/**
 * The text rules of {@link TextInput} for everything outside the body, checked once before any
 * route runs (after authentication and rate limiting, so an anonymous caller learns nothing more
 * than {@code 401}): query parameters (names and values), path parameters and header values. A NUL
 * (or a lone surrogate) is {@code 422 validation_failed} naming the parameter or header; a broken
 * percent-escape in the query string is {@code 400 bad_request}.
 *
 * <p>Bodies are checked where they are read ({@link StrictJson}): a filter binding the body
 * beside {@code IdempotencyFilter}'s trips Micronaut's shared body buffer.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestInputFilter implements Ordered {
    @RequestFilter
    public void check(HttpRequest<?> request) {
        Map<String, List<String>> parameters;
        try {
            parameters = request.getParameters().asMap();
        } catch (IllegalArgumentException e) {
            // A broken percent-escape ("%", "%zz") in the query string.
            throw new ApiException(ErrorCode.BAD_REQUEST, "Malformed query string");
        }
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (TextInput.problem(name) != null) {
                throw ApiException.invalidField("query", "parameter names " + TextInput.problem(name));
            }
            for (String value : parameter.getValue()) {
                String problem = TextInput.problem(value);
                if (problem != null) {
                    throw ApiException.invalidField(name, problem);
                }
            }
        }
        RouteAttributes.getRouteMatch(request).ifPresent(match -> {
            if (match instanceof UriMatchInfo uri) {
                uri.getVariableValues().forEach((name, value) -> {
                    String problem = value == null ? null : TextInput.problem(value.toString());
                    if (problem != null) {
                        throw ApiException.invalidField(name, problem);
                    }
                });
            }
        });
        String path = request.getPath();
        if (TextInput.problem(path) != null) {
            throw ApiException.invalidField("path", TextInput.problem(path));
        }
        for (Map.Entry<String, List<String>> header :
                request.getHeaders().asMap().entrySet()) {
            for (String value : header.getValue()) {
                String problem = TextInput.problem(value);
                if (problem != null) {
                    throw ApiException.invalidField(header.getKey(), problem);
                }
            }
        }
    }

    /** After authentication (50) and rate limiting (60), before idempotency (100). */
    @Override
    public int getOrder() {
        return 70;
    }
}
