package dev.memax.server.ratelimit;

import dev.memax.server.platform.DependencyCheck;
import dev.memax.server.platform.ReadinessCheck;
import jakarta.inject.Singleton;

/**
 * The limiter's entry in {@code /health/ready}, from what its last Redis call saw:
 * {@code up} in mode {@code redis} (shared buckets) or {@code local} (no Redis configured);
 * {@code down} while Redis fails, in mode {@code local} (fail-open) or {@code closed} (503s);
 * {@code not_configured} in mode {@code off}.
 */
@Singleton
public class RateLimiterReadiness implements ReadinessCheck {
    private final RateLimitService limiter;

    public RateLimiterReadiness(RateLimitService limiter) {
        this.limiter = limiter;
    }

    @Override
    public String name() {
        return "rate_limits";
    }

    @Override
    public DependencyCheck check() {
        RateLimitService.LimiterState state = limiter.state();
        if (state.mode().equals("off")) {
            return DependencyCheck.notConfigured().withMode(state.mode());
        }
        if (state.redisFailing()) {
            return new DependencyCheck(DependencyCheck.DOWN, null, "Redis: " + state.error(), state.mode());
        }
        return DependencyCheck.up(state.latencyMs()).withMode(state.mode());
    }
}
