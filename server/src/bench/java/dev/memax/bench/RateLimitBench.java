package dev.memax.bench;

import dev.memax.server.platform.Db;
import dev.memax.server.ratelimit.RateLimitService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the rate limiter costs per request (docs/benchmarks.md): the same route on three
 * in-process servers sharing one database, with limits off, with in-process buckets (no
 * Redis) and with buckets in Redis. Rounds alternate between the three so that machine noise
 * hits them alike. Also times {@code RateLimitService.check} alone, without HTTP.
 *
 * <p>{@code bench-ratelimit.sh [--requests 2000] [--rounds 5] [--path /v1/auth/me]}
 */
public final class RateLimitBench {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int requests = Integer.parseInt(options.getOrDefault("requests", "2000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
        String path = options.getOrDefault("path", "/v1/auth/me");
        String prefix = "memax-bench:" + UUID.randomUUID() + ":";

        Map<String, BenchEnv> servers = new LinkedHashMap<>();
        try {
            BenchEnv off =
                    BenchEnv.start(null, Map.of("memax.rate-limits.enabled", false, "memax.jobs.enabled", false));
            servers.put("off", off);
            // Caps no run can reach: this measures the cost of counting, never a refusal.
            off.context
                    .getBean(Db.class)
                    .update("UPDATE plans SET heavy_per_minute = 1000000000, "
                            + "regular_per_minute = 1000000000, light_per_minute = 1000000000");
            servers.put(
                    "local",
                    BenchEnv.start(
                            off.database,
                            Map.of(
                                    "memax.rate-limits.enabled",
                                    true,
                                    "memax.redis.url",
                                    "",
                                    "memax.jobs.enabled",
                                    false)));
            servers.put(
                    "redis",
                    BenchEnv.start(
                            off.database,
                            Map.of(
                                    "memax.rate-limits.enabled",
                                    true,
                                    "memax.rate-limits.key-prefix",
                                    prefix,
                                    "memax.jobs.enabled",
                                    false)));

            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Map<String, List<Double>> latencies = new LinkedHashMap<>();
            servers.forEach((mode, env) -> latencies.put(mode, new ArrayList<>()));
            for (BenchEnv env : servers.values()) {
                run(http, env, path, requests, null);
            }
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, BenchEnv> server : servers.entrySet()) {
                    run(http, server.getValue(), path, requests, latencies.get(server.getKey()));
                }
            }

            System.out.printf(
                    "%n## GET %s over HTTP, one client, %d rounds x %d requests per mode%n%n", path, rounds, requests);
            System.out.println("| limiter | p50 ms | p95 ms | p99 ms | added p50 ms | added p95 ms |");
            System.out.println("|---|---|---|---|---|---|");
            Stats base = new Stats(latencies.get("off"));
            latencies.forEach((mode, values) -> {
                Stats stats = new Stats(values);
                System.out.printf(
                        "| %s | %.3f | %.3f | %.3f | %+.3f | %+.3f |%n",
                        label(mode),
                        stats.percentile(50),
                        stats.percentile(95),
                        stats.percentile(99),
                        stats.percentile(50) - base.percentile(50),
                        stats.percentile(95) - base.percentile(95));
            });

            System.out.printf(
                    "%n## RateLimitService.check alone (no HTTP), %d calls after warm-up%n%n", rounds * requests);
            System.out.println("| limiter | p50 µs | p95 µs | p99 µs |");
            System.out.println("|---|---|---|---|");
            for (String mode : List.of("local", "redis")) {
                Stats stats = direct(servers.get(mode), path, rounds * requests);
                System.out.printf(
                        "| %s | %.1f | %.1f | %.1f |%n",
                        label(mode),
                        stats.percentile(50) * 1000,
                        stats.percentile(95) * 1000,
                        stats.percentile(99) * 1000);
            }
        } finally {
            String database =
                    servers.isEmpty() ? null : servers.values().iterator().next().database;
            servers.values().forEach(BenchEnv::close);
            if (database != null) {
                BenchEnv.admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static String label(String mode) {
        return switch (mode) {
            case "off" -> "off (MEMAX_RATE_LIMITS_ENABLED=false)";
            case "local" -> "in-process buckets (no REDIS_URL)";
            default -> "Redis (Bucket4j + Lettuce)";
        };
    }

    private static void run(HttpClient http, BenchEnv env, String path, int requests, List<Double> into)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(env.baseUrl + path))
                .header("Authorization", "Bearer " + env.apiKey)
                .GET()
                .build();
        for (int i = 0; i < requests; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - started;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            if (into != null) {
                into.add(elapsed / 1e6);
            }
        }
    }

    private static Stats direct(BenchEnv env, String path, int calls) {
        RateLimitService limiter = env.context.getBean(RateLimitService.class);
        UUID user = env.query(
                        "SELECT id FROM users WHERE email = 'bench@memax.local'", rs -> rs.getObject(1, UUID.class))
                .orElseThrow();
        List<Double> values = new ArrayList<>(calls);
        for (int i = 0; i < calls / 4; i++) {
            limiter.check("GET", path, user, null);
        }
        for (int i = 0; i < calls; i++) {
            long started = System.nanoTime();
            limiter.check("GET", path, user, null);
            values.add((System.nanoTime() - started) / 1e6);
        }
        return new Stats(values);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("usage: bench-ratelimit.sh [--requests N] [--rounds N] [--path P]");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
