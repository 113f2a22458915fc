package dev.memax.server.auth;

import static dev.memax.server.auth.AuthFlows.assertError;
import static dev.memax.server.auth.AuthFlows.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code create-key} and {@code rotate-signing-key} run against the server's database without serving. */
class AdminCommandsTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    /** What a run printed and returned. */
    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        return run(SERVER.serverProperties(), args);
    }

    private static Run run(Map<String, Object> properties, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AdminCommands.run(
                args,
                properties,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void createKeyMakesTheUserAndPrintsOnlyTheKey() {
        Run run = run("create-key", "--email", "ci@example.com", "--name", "ci", "--scopes", "read");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).matches("mxk_[0-9a-f]{64}\\R");
        String key = run.out().trim();

        Http.Result me = AuthFlows.me(SERVER.http(), key);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().at("/data/email").asText()).isEqualTo("ci@example.com");
        assertThat(me.json().at("/data/is_admin").asBoolean()).isFalse();
        assertThat(me.json().at("/data/personal_hub_id").asText()).isNotBlank();
        assertError(AuthFlows.send(SERVER.http(), "PATCH", "/v1/auth/me", key, json("name", "x")), 403, "forbidden");
    }

    @Test
    void createKeyForAnExistingUserAddsAKeyAndAdminPromotes() {
        Run first = run("create-key", "--email", "ops@example.com", "--name", "first");
        assertThat(first.exit()).as(first.toString()).isZero();
        Run second = run("create-key", "--email=OPS@example.com", "--name=deploy", "--scopes=read,write", "--admin");
        assertThat(second.exit()).as(second.toString()).isZero();
        String key = second.out().trim();
        assertThat(key).isNotEqualTo(first.out().trim());
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM users WHERE lower(email) = 'ops@example.com'"))
                .isEqualTo(1);
        Http.Result me = AuthFlows.me(SERVER.http(), key);
        assertThat(me.json().at("/data/is_admin").asBoolean()).isTrue();
        // Both keys belong to the same user and still work.
        assertThat(AuthFlows.me(SERVER.http(), first.out().trim()).json().at("/data/id"))
                .isEqualTo(me.json().at("/data/id"));
        Http.Result keys = AuthFlows.send(SERVER.http(), "GET", "/v1/auth/api-keys", key, null);
        assertThat(keys.json().at("/data"))
                .extracting(k -> k.path("name").asText())
                .containsExactly("deploy", "first");
    }

    @Test
    void badArgumentsExitWith2AndSayWhy() {
        Run missingName = run("create-key", "--email", "x@example.com");
        assertThat(missingName.exit()).isEqualTo(2);
        assertThat(missingName.out()).isEmpty();
        assertThat(missingName.err()).contains("--name");

        Run unknownOption = run("create-key", "--email", "x@example.com", "--name", "n", "--forever");
        assertThat(unknownOption.exit()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("--forever");

        Run badScope = run("create-key", "--email", "x@example.com", "--name", "n", "--scopes", "read,admin");
        assertThat(badScope.exit()).isEqualTo(2);
        assertThat(badScope.err()).contains("scopes").contains("admin");

        Run badEmail = run("create-key", "--email", "not-an-email", "--name", "n");
        assertThat(badEmail.exit()).isEqualTo(2);
        assertThat(badEmail.err()).contains("email");
        assertThat(badEmail.out()).isEmpty();

        Run unknown = run("drop-database");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("drop-database");
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM users WHERE email = 'x@example.com'"))
                .isZero();
    }

    @Test
    void anUnreachableDatabaseExitsWith2() {
        Map<String, Object> properties = new HashMap<>(SERVER.serverProperties());
        properties.put("datasources.default.url", "jdbc:postgresql://127.0.0.1:1/memax");
        properties.put("datasources.default.connection-timeout", 1000);
        Run run = run(properties, "create-key", "--email", "x@example.com", "--name", "n");
        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("memax create-key: ");
    }

    @Test
    void helpPrintsUsage() {
        Run run = run("help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("create-key").contains("rotate-signing-key");
        assertThat(AdminCommands.handles(new String[] {"create-key"})).isTrue();
        assertThat(AdminCommands.handles(new String[] {"--port=8080"})).isFalse();
        assertThat(AdminCommands.handles(new String[0])).isFalse();
    }

    @Test
    void rotateSigningKeyPrintsTheNewKid() {
        long before = SERVER.database().queryLong("SELECT count(*) FROM signing_keys");
        Run run = run("rotate-signing-key");
        assertThat(run.exit()).as(run.toString()).isZero();
        String kid = run.out().trim();
        assertThat(kid).matches("[0-9a-f-]{36}");
        assertThat(SERVER.database()
                        .queryLong(
                                "SELECT count(*) FROM signing_keys WHERE kid = '" + kid + "' AND retired_at IS NULL"))
                .isEqualTo(1);
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM signing_keys"))
                .isEqualTo(before + 1);
    }

    /**
     * The real entry point in its own JVM: {@code Application.main} with a command prints only the
     * key on stdout (log lines go to stderr) and exits 0.
     */
    @Test
    void theJarEntryPointPrintsOnlyTheKeyOnStdout() throws Exception {
        Map<String, Object> properties = SERVER.serverProperties();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path")));
        for (String name : List.of(
                "datasources.default.username",
                "datasources.default.password",
                "flyway.datasources.default.locations",
                "memax.auth.secret-key")) {
            command.add("-D" + name + "=" + properties.get(name));
        }
        command.addAll(
                List.of("dev.memax.server.Application", "create-key", "--email", "jar@example.com", "--name", "jar"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DATABASE_URL", (String) properties.get("datasources.default.url"));
        builder.environment().put("MEMAX_LOG_LEVEL", "INFO");
        File stderr = Files.createTempFile("memax-cli-", ".err").toFile();
        builder.redirectError(stderr);
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String errors = Files.readString(stderr.toPath());
        assertThat(process.exitValue()).as(errors).isZero();
        assertThat(stdout)
                .as("stdout holds the key and nothing else; stderr: " + errors)
                .matches("mxk_[0-9a-f]{64}\\R");
        assertThat(errors).doesNotContain(stdout.trim());
        assertThat(AuthFlows.me(SERVER.http(), stdout.trim())
                        .json()
                        .at("/data/email")
                        .asText())
                .isEqualTo("jar@example.com");
    }
}
