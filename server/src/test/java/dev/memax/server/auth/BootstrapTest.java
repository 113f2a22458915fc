package dev.memax.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * First start on an empty database creates exactly one admin and hands its key over once.
 * Ordered: the last test empties the database to start again from scratch.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BootstrapTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static Path keyFile(Map<String, Object> properties) {
        return Path.of((String) properties.get("memax.auth.api-key-file"));
    }

    private static long admins() {
        return SERVER.database().queryLong("SELECT count(*) FROM users WHERE is_admin");
    }

    @Test
    @Order(1)
    void theFirstStartWritesAWorkingAdminKeyReadableOnlyByItsOwner() throws Exception {
        Path file = keyFile(SERVER.serverProperties());
        assertThat(file).exists();
        String key = Files.readString(file).trim();
        assertThat(key).matches("mxk_[0-9a-f]{64}");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
        Http.Result me = AuthFlows.me(SERVER.http(), key);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().at("/data/email").asText()).isEqualTo("admin@memax.local");
        assertThat(me.json().at("/data/is_admin").asBoolean()).isTrue();
        assertThat(me.json().at("/data/personal_hub_id").asText()).isNotBlank();
        assertThat(admins()).isEqualTo(1);
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM api_keys WHERE name = 'admin'"))
                .isEqualTo(1);
        // No password: the admin signs in with the key only.
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM users WHERE is_admin AND password_hash IS NULL"))
                .isEqualTo(1);
    }

    @Test
    @Order(2)
    void aLaterStartCreatesNoOtherAdmin() throws Exception {
        Map<String, Object> properties = SERVER.serverProperties();
        Path file = keyFile(properties);
        String before = Files.readString(file);
        long users = SERVER.database().queryLong("SELECT count(*) FROM users");
        try (TestServer second = TestServer.start(properties)) {
            assertThat(second.uri()).isNotNull();
        }
        assertThat(admins()).isEqualTo(1);
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM users")).isEqualTo(users);
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    @Order(100)
    void instancesStartingTogetherOnAnEmptyDatabaseMakeExactlyOneAdmin() throws Exception {
        SERVER.database().execute("TRUNCATE users CASCADE");
        int instances = 3;
        List<Map<String, Object>> configs = new ArrayList<>();
        Path dir = Files.createTempDirectory("memax-bootstrap-");
        for (int i = 0; i < instances; i++) {
            Map<String, Object> properties = new HashMap<>(SERVER.serverProperties());
            // A not-yet-existing directory: it is created (0700) along with the file.
            properties.put(
                    "memax.auth.api-key-file",
                    dir.resolve("instance-" + i).resolve("api-key").toString());
            configs.add(properties);
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream original = System.out;
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        List<TestServer> servers = new ArrayList<>();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TestServer>> started = new ArrayList<>();
            for (Map<String, Object> config : configs) {
                started.add(pool.submit(() -> {
                    go.await();
                    return TestServer.start(config);
                }));
            }
            go.countDown();
            for (Future<TestServer> server : started) {
                servers.add(server.get(2, TimeUnit.MINUTES));
            }
        } finally {
            System.setOut(original);
            servers.forEach(TestServer::close);
            pool.shutdownNow();
        }
        assertThat(admins()).isEqualTo(1);
        List<Path> written = configs.stream()
                .map(BootstrapTest::keyFile)
                .filter(Files::exists)
                .toList();
        assertThat(written).hasSize(1);
        String key = Files.readString(written.get(0)).trim();
        assertThat(AuthFlows.me(SERVER.http(), key).json().at("/data/is_admin").asBoolean())
                .isTrue();
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(written.get(0).getParent())))
                    .isEqualTo("rwx------");
        }
        // Printed once, on stdout, by the instance that created it.
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertThat(printed.split(key, -1)).hasSize(2);
        assertThat(printed)
                .contains("admin@memax.local")
                .contains(written.get(0).toString());
    }

    @Test
    void aTildeInTheKeyFileMeansTheHomeDirectory() {
        assumeThat(System.getProperty("user.home")).isNotBlank();
        AuthSettings settings = new AuthSettings(
                "k",
                "memax",
                Duration.ofHours(1),
                Duration.ofDays(30),
                "invite",
                "admin@memax.local",
                "~/.memax/api-key",
                null);
        assertThat(settings.apiKeyPath()).isEqualTo(Path.of(System.getProperty("user.home"), ".memax", "api-key"));
        assertThat(settings.bootstrapsAdmin()).isTrue();
        AuthSettings absolute = new AuthSettings(
                "k",
                "memax",
                Duration.ofHours(1),
                Duration.ofDays(30),
                "open",
                "admin@memax.local",
                "/etc/memax/key",
                false);
        assertThat(absolute.apiKeyPath()).isEqualTo(Path.of("/etc/memax/key"));
        assertThat(absolute.bootstrapsAdmin()).isFalse();
    }

    @Test
    void anUnknownSignupModeStopsTheServer() {
        Map<String, Object> properties = new HashMap<>(SERVER.serverProperties());
        properties.put("memax.auth.signup-mode", "opne");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> TestServer.start(properties).close())
                .hasStackTraceContaining("MEMAX_SIGNUP_MODE");
    }
}
