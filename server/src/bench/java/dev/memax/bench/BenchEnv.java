package dev.memax.bench;

import dev.memax.sdk.MemaxClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a benchmark runs: {@code MEMAX_BENCH_URL} + {@code MEMAX_BENCH_API_KEY} (a running server),
 * or else a server started in this JVM against its own database on the local services
 * ({@code infra/dev/provision.sh}), created fresh, or reused when {@code --db NAME} names one
 * that an earlier run left (its data is then not ingested again).
 */
final class BenchEnv implements AutoCloseable {
    private static final String PG_HOST = env("MEMAX_PG_HOST", "127.0.0.1");
    private static final String PG_PORT = env("MEMAX_PG_PORT", "55432");
    private static final String PG_USER = env("MEMAX_PG_USER", "memax");
    private static final String PG_PASSWORD = env("MEMAX_PG_PASSWORD", "memax");
    final String baseUrl;
    final String apiKey;
    final ApplicationContext context;
    final String database;
    final boolean reused;

    private BenchEnv(String baseUrl, String apiKey, ApplicationContext context, String database, boolean reused) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.context = context;
        this.database = database;
        this.reused = reused;
    }

    /**
     * @param database  database name to use (created when missing); null for a fresh throwaway one
     * @param overrides server properties (e.g. {@code memax.recall.*})
     */
    static BenchEnv start(String database, Map<String, Object> overrides) {
        String url = System.getenv("MEMAX_BENCH_URL");
        if (url != null && !url.isBlank()) {
            String key = System.getenv("MEMAX_BENCH_API_KEY");
            if (key == null || key.isBlank()) {
                throw new IllegalStateException("MEMAX_BENCH_URL needs MEMAX_BENCH_API_KEY");
            }
            System.out.println("# server: " + url + " (MEMAX_BENCH_URL)");
            return new BenchEnv(url.replaceAll("/+$", ""), key, null, null, false);
        }
        String name = database != null
                ? database
                : "memax_bench_" + UUID.randomUUID().toString().substring(0, 8);
        boolean exists = admin("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
        if (!exists) {
            admin("CREATE DATABASE " + name);
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("datasources.default.url", "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + name);
        properties.put("datasources.default.username", PG_USER);
        properties.put("datasources.default.password", PG_PASSWORD);
        properties.put("memax.redis.url", env("REDIS_URL", "redis://127.0.0.1:" + env("MEMAX_REDIS_PORT", "56379")));
        properties.put("memax.s3.endpoint", env("S3_ENDPOINT", "http://127.0.0.1:" + env("MEMAX_S3_PORT", "58090")));
        properties.put("memax.s3.bucket", "bench-" + name.replace('_', '-'));
        properties.put("memax.s3.access-key-id", env("S3_ACCESS_KEY_ID", "memax-local"));
        properties.put("memax.s3.secret-access-key", env("S3_SECRET_ACCESS_KEY", "memax-local-secret"));
        properties.put(
                "memax.auth.secret-key", env("MEMAX_SECRET_KEY", "YmVuY2gtb25seS1zZWNyZXQta2V5LTMyLWJ5dGVzLSE="));
        properties.put("memax.auth.bootstrap-admin", false);
        // Benchmarks drive hundreds of requests a second as one user: per-minute limits would measure the limiter.
        properties.put("memax.rate-limits.enabled", false);
        properties.put(
                "memax.auth.api-key-file", System.getProperty("java.io.tmpdir") + "/memax-bench-" + name + "/api-key");
        properties.putAll(overrides);
        long started = System.nanoTime();
        ApplicationContext context =
                ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        String apiKey = benchKey(context);
        System.out.printf(
                "# server: in-process on port %d, database %s (%s), started in %d ms%n",
                server.getPort(),
                name,
                exists ? "reused" : "fresh",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return new BenchEnv("http://127.0.0.1:" + server.getPort(), apiKey, context, name, exists);
    }

    /** A new read-write key for the bench user (created on first use, on the unlimited plan: a benchmark measures speed, not quotas). */
    private static String benchKey(ApplicationContext context) {
        var users = context.getBean(dev.memax.server.user.UserService.class);
        var keys = context.getBean(dev.memax.server.auth.ApiKeyService.class);
        String email = "bench@memax.local";
        UUID userId = context.getBean(dev.memax.server.platform.Db.class)
                .one("SELECT id FROM users WHERE email = ?", rs -> rs.getObject(1, UUID.class), email)
                .orElseGet(
                        () -> users.create(email, "Bench", null, false).user().id());
        context.getBean(dev.memax.server.platform.Db.class)
                .update("UPDATE users SET plan = 'enterprise' WHERE id = ?", userId);
        return keys.create(userId, "bench", EnumSet.allOf(dev.memax.server.identity.Scope.class), null, null, null)
                .plaintext();
    }

    MemaxClient client() {
        return MemaxClient.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey)
                .requestTimeout(Duration.ofMinutes(5))
                .maxRetries(0)
                .build();
    }

    /** Runs SQL against the bench database (in-process mode only). */
    <T> Optional<T> query(String sql, dev.memax.server.platform.Db.Row<T> row, Object... args) {
        return context.getBean(dev.memax.server.platform.Db.class).one(sql, row, args);
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + database, PG_USER, PG_PASSWORD);
    }

    /** Runs a statement in the maintenance database; for a query, whether it returned a row. */
    static boolean admin(String sql) {
        try (Connection connection = connect("postgres");
                Statement statement = connection.createStatement()) {
            if (statement.execute(sql)) {
                try (ResultSet rs = statement.getResultSet()) {
                    return rs.next();
                }
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
