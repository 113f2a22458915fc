package dev.memax.server.health;

import dev.memax.server.platform.DependencyCheck;
import dev.memax.server.platform.ReadinessCheck;
import dev.memax.server.redis.RedisConnections;
import dev.memax.server.storage.ObjectStorage;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Really talks to PostgreSQL, Redis and S3 (in parallel, each bounded by a timeout), and adds
 * what each {@link ReadinessCheck} (e.g. the rate limiter) reports of itself. The
 * result is cached for a second so that load balancers polling every instance cannot turn
 * readiness into load on the dependencies. Ready means PostgreSQL answers; any other
 * dependency down makes the status {@code degraded} (see {@link Readiness}).
 */
@Singleton
public class ReadinessService {
    private static final long CHECK_TIMEOUT_MS = 3000;
    private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final DataSource dataSource;
    private final RedisConnections redis;
    private final ObjectStorage storage;
    private final ExecutorService executor;
    private final List<ReadinessCheck> ownChecks;
    private volatile Readiness cached;
    private volatile long cachedAt;

    public ReadinessService(
            DataSource dataSource,
            RedisConnections redis,
            ObjectStorage storage,
            @Named(TaskExecutors.BLOCKING) ExecutorService executor,
            List<ReadinessCheck> ownChecks) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.redis = redis;
        this.storage = storage;
        this.executor = executor;
        this.ownChecks = ownChecks;
    }

    public Readiness check() {
        Readiness current = cached;
        if (current != null && System.nanoTime() - cachedAt < CACHE_NANOS) {
            return current;
        }
        CompletableFuture<DependencyCheck> postgres = run(this::pingPostgres, true);
        CompletableFuture<DependencyCheck> redisCheck = run(this::pingRedis, redis.configured());
        CompletableFuture<DependencyCheck> s3 = run(storage::checkBucket, storage.configured());
        Map<String, DependencyCheck> checks = new LinkedHashMap<>();
        checks.put("postgres", postgres.join());
        checks.put("redis", redisCheck.join());
        checks.put("s3", s3.join());
        for (ReadinessCheck own : ownChecks) {
            checks.put(own.name(), own.check());
        }
        // Only PostgreSQL stops the server serving; everything else has a fallback (README, "Health").
        boolean ready = !isDown(checks.get("postgres"));
        String status = !ready
                ? Readiness.UNAVAILABLE
                : checks.values().stream().anyMatch(ReadinessService::isDegradedOrDown)
                        ? Readiness.DEGRADED
                        : Readiness.OK;
        current = new Readiness(ready, status, checks);
        cached = current;
        cachedAt = System.nanoTime();
        return current;
    }

    private static boolean isDown(DependencyCheck check) {
        return DependencyCheck.DOWN.equals(check.status());
    }

    private static boolean isDegradedOrDown(DependencyCheck check) {
        return DependencyCheck.DOWN.equals(check.status()) || DependencyCheck.DEGRADED.equals(check.status());
    }

    private void pingRedis() {
        try {
            redis.connection().sync().ping();
        } catch (RuntimeException e) {
            redis.failed(e);
            throw e;
        }
    }

    private void pingPostgres() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid((int) TimeUnit.MILLISECONDS.toSeconds(CHECK_TIMEOUT_MS))) {
                throw new IllegalStateException("connection is not valid");
            }
        }
    }

    private CompletableFuture<DependencyCheck> run(Probe probe, boolean configured) {
        if (!configured) {
            return CompletableFuture.completedFuture(DependencyCheck.notConfigured());
        }
        long started = System.nanoTime();
        return CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                probe.run();
                                return DependencyCheck.up(elapsedMs(started));
                            } catch (Exception e) {
                                return DependencyCheck.down(elapsedMs(started), e);
                            }
                        },
                        executor)
                .completeOnTimeout(
                        new DependencyCheck(DependencyCheck.DOWN, CHECK_TIMEOUT_MS, "timed out"),
                        CHECK_TIMEOUT_MS,
                        TimeUnit.MILLISECONDS);
    }

    private static long elapsedMs(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @FunctionalInterface
    private interface Probe {
        void run() throws Exception;
    }
}
