package dev.memax.server.platform;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Locale;

/**
 * Security headers on every response, errors included (README, "Security"):
 * {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer} (unless the route
 * set its own: the OAuth pages do),
 * {@code X-Frame-Options: DENY}; a {@code Content-Security-Policy} that loads nothing and may not
 * be framed, unless the route set its own (the {@code /docs} page does); {@code Cache-Control:
 * no-store} unless the route set its own, so that no answer carrying a token, key, invite or
 * personal data is kept by a cache (public documents such as the JWKS and the docs assets say
 * they may be); and HSTS when {@code MEMAX_PUBLIC_URL} is https.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter implements Ordered {
    /** What a route that sets no policy of its own gets: no loading anything, no framing. */
    public static final String DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'";

    static final String HSTS = "max-age=31536000";
    private final boolean https;

    public SecurityHeadersFilter(@Value("${memax.public-url:`http://127.0.0.1:8080`}") String publicUrl) {
        this.https =
                publicUrl != null && publicUrl.trim().toLowerCase(Locale.ROOT).startsWith("https://");
    }

    @ResponseFilter
    public void secure(MutableHttpResponse<?> response) {
        MutableHttpHeaders headers = response.getHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        if (!headers.contains("Referrer-Policy")) {
            headers.set("Referrer-Policy", "no-referrer");
        }
        headers.set("X-Frame-Options", "DENY");
        if (!headers.contains("Content-Security-Policy")) {
            headers.set("Content-Security-Policy", DEFAULT_CSP);
        }
        if (!headers.contains(HttpHeaders.CACHE_CONTROL)) {
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        if (https) {
            // Browsers heed it only over https, so it is sent whatever scheme reached this instance
            // (TLS usually ends at a proxy in front).
            headers.set("Strict-Transport-Security", HSTS);
        }
    }

    /** Outermost but request tracing: its response phase sees every other filter's headers. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}
