package dev.memax.server.testing;

import dev.memax.server.contract.ContractRecorder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Per test class: a fresh database, a fresh bucket, and a real server on a random port wired
 * to the real PostgreSQL, Redis and S3. Register it as a static field with
 * {@code @RegisterExtension}.
 */
public final class MemaxServerExtension implements BeforeAllCallback, AfterAllCallback {
    /** Every response of every test class is validated against openapi.yaml (-Dmemax.contract-checks=false skips it). */
    private static final boolean CONTRACT_CHECKS =
            Boolean.parseBoolean(System.getProperty("memax.contract-checks", "true"));
    /** The /metrics scrape token of every test server (MEMAX_METRICS_TOKEN). */
    public static final String METRICS_TOKEN = "test-metrics-token";

    private final Map<String, Object> overrides = new HashMap<>();
    private TestServices services;
    private TestDatabase database;
    private TestServer server;
    private Http http;
    private String bucket;

    /** Overrides one configuration property for this class's server. */
    public MemaxServerExtension property(String name, Object value) {
        overrides.put(name, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        services = TestServices.get();
        database = TestDatabase.create(services);
        bucket = "test-" + UUID.randomUUID().toString().substring(0, 8);
        server = TestServer.start(serverProperties());
        http = new Http(server.uri());
    }

    /** Properties for another instance sharing this class's database and bucket. */
    public Map<String, Object> serverProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("datasources.default.url", database.jdbcUrl());
        properties.put("datasources.default.username", services.dbUser);
        properties.put("datasources.default.password", services.dbPassword);
        properties.put("datasources.default.maximum-pool-size", 8);
        properties.put("flyway.datasources.default.locations", "classpath:db/migration,classpath:db/test-migration");
        properties.put("memax.redis.url", services.redisUrl);
        properties.put("memax.s3.endpoint", services.s3Endpoint);
        properties.put("memax.s3.bucket", bucket);
        properties.put("memax.s3.access-key-id", services.s3AccessKey);
        properties.put("memax.s3.secret-access-key", services.s3SecretKey);
        properties.put("memax.jobs.polling-interval", "500ms");
        properties.put("memax.test-fixtures.enabled", true);
        // Test classes share one Redis; each class's database is a deployment of its own, which scopes what it keeps
        // there.
        // Tests make many requests per user; the rate-limit tests turn limits on for themselves.
        properties.put("memax.rate-limits.enabled", false);
        properties.put("memax.test-contract.enabled", CONTRACT_CHECKS);
        properties.put("memax.metrics.token", METRICS_TOKEN);
        properties.put("memax.auth.secret-key", "dGVzdC1vbmx5LXNlY3JldC1rZXktMzItYnl0ZXMtISE=");
        properties.put(
                "memax.auth.api-key-file", System.getProperty("java.io.tmpdir") + "/memax-test-" + bucket + "/api-key");
        properties.putAll(overrides);
        return properties;
    }

    public Http http() {
        return http;
    }

    public TestServer server() {
        return server;
    }

    public TestDatabase database() {
        return database;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> violations = server == null
                ? List.of()
                : server.context()
                        .findBean(ContractRecorder.class)
                        .map(ContractRecorder::violations)
                        .orElse(List.of());
        if (server != null) {
            server.close();
        }
        if (database != null) {
            database.close();
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("Responses that break openapi.yaml:\n" + String.join("\n", violations));
        }
    }
}
