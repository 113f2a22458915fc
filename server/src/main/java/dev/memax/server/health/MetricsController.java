package dev.memax.server.health;

import dev.memax.server.auth.AuthenticationFilter;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.ErrorCode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Produces;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Prometheus scrape endpoint, not public (README, "Security"): it names routes, pools and
 * internals. With {@code MEMAX_METRICS_TOKEN} set, a scraper sends
 * {@code Authorization: Bearer <token>} (anything else is 401); unset, {@code /metrics} is off (404).
 */
@Controller("/metrics")
public class MetricsController {
    private final PrometheusMeterRegistry registry;
    private final byte[] tokenDigest;

    public MetricsController(PrometheusMeterRegistry registry, @Value("${memax.metrics.token:}") String token) {
        this.registry = registry;
        this.tokenDigest = token == null || token.isBlank() ? null : sha256(token.trim());
    }

    @Get
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public String scrape(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        if (tokenDigest == null) {
            throw new ApiException(
                    ErrorCode.NOT_FOUND, "/metrics is off on this server: set MEMAX_METRICS_TOKEN to scrape it");
        }
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim()
                : null;
        // Digests compared in constant time: the comparison does not tell how much of a guess was right.
        if (presented == null || !MessageDigest.isEqual(tokenDigest, sha256(presented))) {
            throw AuthenticationFilter.unauthorized(
                    presented == null ? null : "invalid_token",
                    "/metrics needs 'Authorization: Bearer <MEMAX_METRICS_TOKEN>'");
        }
        return registry.scrape();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
