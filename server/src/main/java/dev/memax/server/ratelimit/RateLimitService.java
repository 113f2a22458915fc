package dev.memax.server.ratelimit;

import dev.memax.server.plan.PlanService;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.DeploymentIdentity;
import dev.memax.server.platform.ErrorCode;
import dev.memax.server.redis.RedisConnections;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a request may proceed under the per-minute limits (docs/architecture.md §5.8): one
 * bucket per (user, bucket class), or per client address for requests without credentials,
 * with the caps of the user's plan (or the configured anonymous caps), plus the route's own
 * bucket when {@link RouteLimits} sets an override.
 *
 * <p>Buckets live in Redis when it is configured, so limits hold across instances. While Redis
 * fails, {@code memax.rate-limits.redis-failure} decides: {@code open} counts in this
 * instance's own buckets, {@code closed} answers 503. After a failure Redis is tried again one
 * second later, not on every request, so an outage does not add a timeout to each one. Health
 * probes always fall back to local buckets, whatever the policy.
 */
@Singleton
public class RateLimitService {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimitService.class);
    private static final long RETRY_REDIS_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final RateLimitSettings settings;
    private final DeploymentIdentity deployment;
    private final PlanService plans;
    private final RedisBuckets redis;
    private final LocalBuckets local = new LocalBuckets();
    private final MeterRegistry meters;
    private final Counter redisFailures;
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
    private volatile long redisRetryAt;
    private volatile boolean redisFailing;
    private volatile String redisError;
    private volatile long redisLatencyNanos;
    private volatile String keyPrefix;

    public RateLimitService(
            RateLimitSettings settings,
            PlanService plans,
            RedisConnections redisConnections,
            MeterRegistry meters,
            DeploymentIdentity deployment) {
        this.settings = settings;
        this.deployment = deployment;
        this.plans = plans;
        this.redis = settings.on() && redisConnections.configured() ? new RedisBuckets(redisConnections) : null;
        this.meters = meters;
        this.redisFailures = Counter.builder("memax.ratelimit.redis.failures")
                .description(
                        "Rate-limit decisions that could not reach Redis (then counted locally or refused, per memax.rate-limits.redis-failure)")
                .register(meters);
    }

    @EventListener
    void announce(StartupEvent event) {
        if (!settings.on()) {
            LOG.warn("Rate limits are off (MEMAX_RATE_LIMITS_ENABLED=false)");
        } else if (redis == null) {
            LOG.warn("Rate limits are per instance: REDIS_URL is not set, so each instance keeps its own buckets "
                    + "and N instances allow N times the plan's caps");
        } else {
            LOG.info(
                    "Rate limits are shared through Redis; if Redis fails: {}",
                    settings.closedOnRedisFailure() ? "closed (503)" : "open (per-instance buckets)");
        }
    }

    public boolean enabled() {
        return settings.on();
    }

    /**
     * Counts a request against its buckets.
     *
     * @param userId        the authenticated user, or null (then the client address is the key)
     * @param clientAddress the client's address, for requests without credentials
     * @return the headers' figures, or empty when the route is not limited (or limits are off)
     * @throws ApiException {@code rate_limited} when a bucket is empty; {@code service_unavailable}
     *                      when Redis fails and the policy is closed
     */
    public Optional<RateLimitDecision> check(String method, String path, UUID userId, String clientAddress) {
        if (!settings.on()) {
            return Optional.empty();
        }
        Optional<RouteLimits.RouteLimit> route = RouteLimits.of(method, path);
        if (route.isEmpty()) {
            return Optional.empty();
        }
        return check(route.get(), userId, clientAddress);
    }

    /**
     * Counts one request against the given buckets: for layers that decide themselves what a
     * request stands for (an MCP {@code tools/call} draws from its REST route's buckets).
     *
     * @see #check(String, String, UUID, String)
     */
    public Optional<RateLimitDecision> check(RouteLimits.RouteLimit route, UUID userId, String clientAddress) {
        if (!settings.on()) {
            return Optional.empty();
        }
        List<Spec> specs = specs(route, userId, clientAddress);
        List<Taken> taken = new ArrayList<>(specs.size());
        Taken tightest = null;
        for (Spec spec : specs) {
            Taken result = take(spec, route.probe());
            if (!result.probe().isConsumed()) {
                taken.forEach(t -> refund(t));
                throw rateLimited(spec, result.probe());
            }
            taken.add(result);
            if (tightest == null
                    || result.probe().getRemainingTokens() < tightest.probe().getRemainingTokens()) {
                tightest = result;
            }
        }
        return Optional.of(new RateLimitDecision(
                tightest.spec().name(),
                tightest.spec().perMinute(),
                tightest.probe().getRemainingTokens(),
                epochSecondsIn(tightest.probe().getNanosToWaitForReset())));
    }

    /** The limiter's state for {@code /health/ready}. */
    LimiterState state() {
        if (!settings.on()) {
            return new LimiterState("off", false, null, 0);
        }
        if (redis == null) {
            return new LimiterState("local", false, null, 0);
        }
        if (redisFailing) {
            return new LimiterState(settings.closedOnRedisFailure() ? "closed" : "local", true, redisError, 0);
        }
        return new LimiterState("redis", false, null, TimeUnit.NANOSECONDS.toMillis(redisLatencyNanos));
    }

    record LimiterState(String mode, boolean redisFailing, String error, long latencyMs) {}

    /** One bucket a request counts against. */
    private record Spec(String key, String name, int perMinute) {}

    private record Taken(Spec spec, ConsumptionProbe probe, Buckets store) {}

    /**
     * The configured prefix and this deployment's identity: another deployment sharing the Redis
     * (a benchmark, staging) counts in buckets of its own, even for the same client address.
     */
    private String keyPrefix() {
        String prefix = keyPrefix;
        if (prefix == null) {
            prefix = settings.prefix() + deployment.id() + ":";
            keyPrefix = prefix;
        }
        return prefix;
    }

    private List<Spec> specs(RouteLimits.RouteLimit route, UUID userId, String clientAddress) {
        BucketClass bucket = route.bucket();
        String owner = userId != null ? "u:" + userId : "ip:" + clientAddress;
        int cap = userId != null ? bucket.perMinute(plans.planOf(userId)) : bucket.anonymousPerMinute(settings);
        List<Spec> specs = new ArrayList<>(2);
        // The cap is part of the key: after a plan change the user starts on a bucket of the new
        // size instead of keeping the old one's configuration (Redis keeps it with the bucket).
        specs.add(new Spec(keyPrefix() + owner + ":" + bucket.wireName() + ":" + cap, bucket.wireName(), cap));
        if (route.override() != null) {
            RouteLimits.Override override = route.override();
            int overrideCap = Math.min(cap, override.perMinute());
            specs.add(new Spec(
                    keyPrefix() + owner + ":" + override.name() + ":" + overrideCap, override.name(), overrideCap));
        }
        return specs;
    }

    private Taken take(Spec spec, boolean healthProbe) {
        if (redis != null) {
            if (System.nanoTime() - redisRetryAt >= 0) {
                long started = System.nanoTime();
                try {
                    ConsumptionProbe probe = redis.tryConsume(spec.key(), spec.perMinute());
                    redisLatencyNanos = System.nanoTime() - started;
                    redisRecovered();
                    return new Taken(spec, probe, redis);
                } catch (RuntimeException e) {
                    redisFailed(e);
                }
            }
            if (settings.closedOnRedisFailure() && !healthProbe) {
                throw ApiException.unavailable("Rate limiting is unavailable; retry shortly", 1, Map.of());
            }
        }
        return new Taken(spec, local.tryConsume(spec.key(), spec.perMinute()), local);
    }

    private void refund(Taken taken) {
        try {
            taken.store().refund(taken.spec().key(), taken.spec().perMinute());
        } catch (RuntimeException e) {
            // A token lost to a failed refund only makes that bucket stricter for a moment.
            redisFailed(e);
        }
    }

    private ApiException rateLimited(Spec spec, ConsumptionProbe probe) {
        long retryAfter = Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill()));
        rejections
                .computeIfAbsent(
                        spec.name(),
                        name -> Counter.builder("memax.ratelimit.rejections")
                                .description("Requests refused with 429, by bucket")
                                .tag("bucket", name)
                                .register(meters))
                .increment();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("bucket", spec.name());
        details.put("limit", spec.perMinute());
        details.put("retry_after_seconds", retryAfter);
        Map<String, String> headers = new LinkedHashMap<>(
                new RateLimitDecision(spec.name(), spec.perMinute(), 0, epochSecondsIn(probe.getNanosToWaitForReset()))
                        .headers());
        headers.put("Retry-After", Long.toString(retryAfter));
        return new ApiException(
                ErrorCode.RATE_LIMITED,
                "Rate limit exceeded for the " + spec.name() + " bucket (" + spec.perMinute() + " requests a minute)",
                details,
                headers);
    }

    private void redisFailed(RuntimeException e) {
        redisFailures.increment();
        redisRetryAt = System.nanoTime() + RETRY_REDIS_NANOS;
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        redisError = message.length() > 200 ? message.substring(0, 200) : message;
        if (!redisFailing) {
            redisFailing = true;
            LOG.warn(
                    "Rate limiter cannot reach Redis ({}); {}",
                    redisError,
                    settings.closedOnRedisFailure()
                            ? "refusing limited requests with 503 until it answers"
                            : "counting in this instance's own buckets until it answers");
        }
    }

    private void redisRecovered() {
        if (redisFailing) {
            redisFailing = false;
            redisError = null;
            LOG.info("Rate limiter reaches Redis again; limits are shared across instances");
        }
    }

    /** Unix seconds, rounded up, at {@code nanos} from now. */
    private static long epochSecondsIn(long nanos) {
        long millis = System.currentTimeMillis() + (nanos + 999_999L) / 1_000_000L;
        return (millis + 999L) / 1000L;
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    @PreDestroy
    void close() {
        if (redis != null) {
            redis.close();
        }
    }
}
