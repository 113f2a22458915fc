package dev.memax.server.ratelimit;

import dev.memax.server.auth.AuthenticationFilter;
import dev.memax.server.identity.Caller;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.InetSocketAddress;

/**
 * Asks {@link RateLimitService} about every request once it is authenticated (so that the
 * bucket is the user's), and puts the bucket's state in the {@code X-RateLimit-*} headers of
 * whatever the response turns out to be. A refusal is an exception the error renderer turns
 * into the 429 (or 503) envelope, headers included.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RateLimitFilter implements Ordered {
    private static final String DECISION_ATTRIBUTE = "memax.rate-limit";
    private final RateLimitService limiter;
    private final String clientAddressHeader;

    public RateLimitFilter(RateLimitService limiter, RateLimitSettings settings) {
        this.limiter = limiter;
        this.clientAddressHeader = settings.clientAddressHeader() == null
                        || settings.clientAddressHeader().isBlank()
                ? null
                : settings.clientAddressHeader().trim();
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public void limit(HttpRequest<?> request) {
        if (!limiter.enabled()) {
            return;
        }
        Caller caller = AuthenticationFilter.callerOf(request).orElse(null);
        limiter.check(
                        request.getMethodName(),
                        request.getPath(),
                        caller == null ? null : caller.userId(),
                        caller == null ? clientAddress(request) : null)
                .ifPresent(decision -> request.setAttribute(DECISION_ATTRIBUTE, decision));
    }

    @ResponseFilter
    public void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(DECISION_ATTRIBUTE, RateLimitDecision.class)
                .ifPresent(decision -> decision.headers().forEach(response.getHeaders()::set));
    }

    /**
     * The connection's address, or, behind a proxy, the last entry of the header it sets:
     * earlier entries come from the client and could be forged to dodge the per-address bucket.
     */
    private String clientAddress(HttpRequest<?> request) {
        if (clientAddressHeader != null) {
            String value = request.getHeaders().get(clientAddressHeader);
            if (value != null && !value.isBlank()) {
                String last = value.substring(value.lastIndexOf(',') + 1).trim();
                if (!last.isEmpty()) {
                    return last;
                }
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    /** After {@link AuthenticationFilter} (50), so that the caller is known. */
    @Override
    public int getOrder() {
        return 60;
    }
}
