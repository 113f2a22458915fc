package dev.memax.server.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.auth.AuthFlows;
import dev.memax.server.testing.MemaxServerExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real Memax TypeScript SDK (../shared/clients/memax-sdk-0.7.0.tgz) against this server:
 * runs every {@code *.test.mjs} of {@code src/test/compat} with node's test runner (see its
 * README.md) and fails when any SDK case fails. The responses the SDK gets are also checked
 * against openapi.yaml, as every test server's are.
 */
class MemaxSdkCompatibilityTest {
    // Open signup: the suite makes a fresh user per test file, as a new Memax user would start.
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension().property("memax.auth.signup-mode", "open");

    private static final Path SUITE = Path.of("src/test/compat").toAbsolutePath();
    /** {@code -Dmemax.compat.only=hubs} runs only the files whose name contains it (while working on one area). */
    private static final String ONLY = System.getProperty("memax.compat.only", "");

    private static final long NPM_TIMEOUT_SECONDS = 300;
    private static final long SUITE_TIMEOUT_SECONDS = 900;

    @Test
    void theMemaxSdkWorksUnchanged() throws Exception {
        installSdk();
        String session = AuthFlows.signedUp(SERVER.http(), "compat@sdk.example")
                .path("tokens")
                .path("access_token")
                .asText();
        String key = AuthFlows.createKey(SERVER.http(), session, "name", "compat suite")
                .path("key")
                .asText();

        List<String> command = new ArrayList<>(
                List.of("node", "--test", "--test-reporter=spec", "--test-concurrency=1", "--test-timeout=60000"));
        try (Stream<Path> files = Files.list(SUITE)) {
            files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".test.mjs"))
                    .filter(name -> name.contains(ONLY))
                    .sorted()
                    .forEach(command::add);
        }
        assertThat(command)
                .as("test files in " + SUITE + " containing '" + ONLY + "'")
                .hasSizeGreaterThan(5);
        ProcessBuilder node =
                new ProcessBuilder(command).directory(SUITE.toFile()).redirectErrorStream(true);
        node.environment().put("MEMAX_URL", SERVER.server().uri().toString());
        node.environment().put("MEMAX_API_KEY", key);
        // For fixtures only an admin can make (dreams.test.mjs moves a user to a plan with dreams).
        node.environment()
                .put(
                        "MEMAX_ADMIN_KEY",
                        SERVER.server().createAdmin("admin@compat.example").apiKey());
        node.environment().put("NO_COLOR", "1");
        assertThat(run(node, SUITE_TIMEOUT_SECONDS))
                .as("node --test exit code (the failed SDK cases are in the log above)")
                .isZero();
    }

    /** {@code npm install} once: the SDK tarball has no dependencies, so nothing is fetched from a registry. */
    private static void installSdk() throws Exception {
        if (Files.exists(SUITE.resolve("node_modules/memax-sdk/package.json"))) {
            return;
        }
        ProcessBuilder npm = new ProcessBuilder(
                        "npm", "install", "--no-audit", "--no-fund", "--no-package-lock", "--prefer-offline")
                .directory(SUITE.toFile())
                .redirectErrorStream(true);
        assertThat(run(npm, NPM_TIMEOUT_SECONDS))
                .as("npm install of the Memax SDK")
                .isZero();
    }

    /** Runs the process, copying its output to the test log line by line; answers its exit code. */
    private static int run(ProcessBuilder builder, long timeoutSeconds) throws IOException, InterruptedException {
        Process process = builder.start();
        Thread copier = new Thread(
                () -> {
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = out.readLine()) != null) {
                            System.out.println("[" + builder.command().get(0) + "] " + line);
                        }
                    } catch (IOException e) {
                        System.out.println("[" + builder.command().get(0) + "] output lost: " + e);
                    }
                },
                "compat-output");
        copier.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            copier.join(5_000);
            throw new AssertionError(
                    String.join(" ", builder.command()) + " did not finish in " + timeoutSeconds + " s");
        }
        copier.join(5_000);
        return process.exitValue();
    }
}
