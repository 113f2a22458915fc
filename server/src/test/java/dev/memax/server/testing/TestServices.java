package dev.memax.server.testing;

import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Where the real services for tests come from: Testcontainers (pgvector/pgvector:pg17,
 * redis:7-alpine, S3Proxy) where a Docker engine answers, otherwise the services that
 * {@code infra/dev/provision.sh} runs locally. {@code MEMAX_TEST_SERVICES=local|docker}
 * forces one. Started once per JVM; each test class then gets its own database, Redis key
 * space and bucket.
 */
public final class TestServices {
    private static TestServices instance;

    public final String adminJdbcUrl;
    public final String dbUser;
    public final String dbPassword;
    public final String redisUrl;
    public final String s3Endpoint;
    public final String s3AccessKey;
    public final String s3SecretKey;

    private TestServices(
            String adminJdbcUrl,
            String dbUser,
            String dbPassword,
            String redisUrl,
            String s3Endpoint,
            String s3AccessKey,
            String s3SecretKey) {
        this.adminJdbcUrl = adminJdbcUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.redisUrl = redisUrl;
        this.s3Endpoint = s3Endpoint;
        this.s3AccessKey = s3AccessKey;
        this.s3SecretKey = s3SecretKey;
    }

    public static synchronized TestServices get() {
        if (instance == null) {
            instance = useDocker() ? fromContainers() : fromLocalServices();
        }
        return instance;
    }

    private static boolean useDocker() {
        String mode = env("MEMAX_TEST_SERVICES", "auto");
        if (mode.equals("local")) {
            return false;
        }
        if (mode.equals("docker")) {
            return true;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static TestServices fromLocalServices() {
        String pgPort = env("MEMAX_PG_PORT", "55432");
        return new TestServices(
                "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                "memax",
                "memax",
                "redis://127.0.0.1:" + env("MEMAX_REDIS_PORT", "56379"),
                "http://127.0.0.1:" + env("MEMAX_S3_PORT", "58090"),
                "memax-local",
                "memax-local-secret");
    }

    @SuppressWarnings("resource")
    private static TestServices fromContainers() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(
                        DockerImageName.parse("pgvector/pgvector:pg17").asCompatibleSubstituteFor("postgres"))
                .withUsername("memax")
                .withPassword("memax")
                .withDatabaseName("postgres");
        GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        GenericContainer<?> s3 = new GenericContainer<>("andrewgaul/s3proxy:s3proxy-4.1.0")
                .withExposedPorts(80)
                .withEnv(Map.of(
                        "S3PROXY_AUTHORIZATION",
                        "aws-v2-or-v4",
                        "S3PROXY_IDENTITY",
                        "memax-local",
                        "S3PROXY_CREDENTIAL",
                        "memax-local-secret",
                        "JCLOUDS_PROVIDER",
                        "filesystem",
                        "JCLOUDS_FILESYSTEM_BASEDIR",
                        "/data"));
        postgres.start();
        redis.start();
        s3.start();
        return new TestServices(
                postgres.getJdbcUrl(),
                "memax",
                "memax",
                "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379),
                "http://" + s3.getHost() + ":" + s3.getMappedPort(80),
                "memax-local",
                "memax-local-secret");
    }

    /** Runs one statement on the maintenance database (CREATE/DROP DATABASE). */
    public void admin(String sql) {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(adminJdbcUrl, dbUser, dbPassword);
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
