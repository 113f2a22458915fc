package dev.memax.server.health;

import dev.memax.server.platform.DependencyCheck;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether the server can serve, and each dependency's check. {@code ready} depends on
 * PostgreSQL alone (nothing is served without it); Redis, S3, the rate limiter's Redis and the
 * LLM providers each have a fallback, so their outage makes {@code status} {@code degraded},
 * not the server unready (a balancer must not pull every instance over a rate-limiter blip).
 *
 * @param status {@code ok} (every configured dependency up), {@code degraded} (ready, but a
 *               dependency other than PostgreSQL is down or degraded), {@code unavailable}
 *               (PostgreSQL is down: not ready)
 */
public record Readiness(boolean ready, String status, Map<String, DependencyCheck> checks) {
    public static final String OK = "ok";
    public static final String DEGRADED = "degraded";
    public static final String UNAVAILABLE = "unavailable";

    /** What anonymous callers see: each check's status only, no error strings, latencies or modes. */
    public Readiness statusesOnly() {
        Map<String, DependencyCheck> statuses = new LinkedHashMap<>();
        checks.forEach((name, check) -> statuses.put(name, check.statusOnly()));
        return new Readiness(ready, status, statuses);
    }
}
