package dev.memax.server.auth;

import static dev.memax.server.auth.AuthFlows.json;
import static dev.memax.server.auth.AuthFlows.send;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Passwords, API keys, access and refresh tokens never reach a log line, whatever the flow,
 * and are never answered again after the response that created them.
 */
class SecretLeakTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.auth.signup-mode", "open")
            .property("memax.auth.key-usage-flush-interval", "100ms");

    private static final String PASSWORD = "leak-canary-password-1";
    private static final String NEW_PASSWORD = "leak-canary-password-2";

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Logger root;

    @BeforeEach
    void capture() {
        root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void release() {
        root.detachAppender(captured);
    }

    /** Every captured event as the production encoder writes it (message, MDC, stack traces). */
    private List<String> logLines() {
        @SuppressWarnings("unchecked")
        Encoder<ILoggingEvent> encoder =
                ((OutputStreamAppender<ILoggingEvent>) root.getAppender("STDOUT")).getEncoder();
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(captured.list)) {
            lines.add(new String(encoder.encode(event), StandardCharsets.UTF_8));
        }
        return lines;
    }

    private static Http http() {
        return SERVER.http();
    }

    @Test
    void noSecretReachesTheLogsOrALaterResponse() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(PASSWORD, NEW_PASSWORD));

        AuthFlows.assertAccepted(AuthFlows.signup(http(), "leak@example.com", PASSWORD), "leak@example.com");
        JsonNode signup = AuthFlows.login(http(), "leak@example.com", PASSWORD);
        String access = signup.at("/tokens/access_token").asText();
        secrets.add(access);
        secrets.add(signup.at("/tokens/refresh_token").asText());

        // Failures with secrets in the body: wrong password, weak password, spent/forged tokens.
        http().postJson("/v1/auth/login", json("email", "leak@example.com", "password", PASSWORD + "-wrong"));
        secrets.add(PASSWORD + "-wrong");
        http().postJson("/v1/auth/signup", json("email", "weak@example.com", "password", "weakcanary"));
        secrets.add("weakcanary");

        JsonNode login = AuthFlows.login(http(), "leak@example.com", PASSWORD);
        secrets.add(login.at("/tokens/access_token").asText());
        String refresh = login.at("/tokens/refresh_token").asText();
        secrets.add(refresh);
        JsonNode refreshed = AuthFlows.refresh(http(), refresh).json().at("/data/tokens");
        secrets.add(refreshed.path("access_token").asText());
        secrets.add(refreshed.path("refresh_token").asText());
        AuthFlows.refresh(http(), refresh); // reuse: revokes that session

        JsonNode key = AuthFlows.createKey(http(), access, "name", "canary", "agent_name", "leak-test");
        String apiKey = key.path("key").asText();
        secrets.add(apiKey);
        AuthFlows.me(http(), apiKey);
        SERVER.server().bean(ApiKeyUsage.class).flush();
        send(http(), "PATCH", "/v1/auth/me", access, json("password", NEW_PASSWORD, "current_password", PASSWORD));
        send(
                http(),
                "POST",
                "/v1/auth/logout",
                access,
                json("refresh_token", signup.at("/tokens/refresh_token").asText()));
        // Credentials in places nothing should log them: a bad header, an unknown route, a query string.
        http().get("/v1/auth/me?access_token=" + access, "Authorization", "Bearer " + apiKey + "x");
        http().get("/v1/nowhere", "Authorization", "Bearer " + apiKey);

        List<String> lines = logLines();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            for (String secret : secrets) {
                assertThat(line).as("log line leaks a secret").doesNotContain(secret);
            }
            // Not even recognisable pieces of one.
            assertThat(line).doesNotContain(apiKey.substring(8, 40));
        }

        // Later answers never repeat a secret or its hash.
        String apiKeyHash = dev.memax.server.platform.Hashes.sha256Hex(apiKey);
        JsonNode freshLogin = AuthFlows.login(http(), "leak@example.com", NEW_PASSWORD);
        String freshAccess = freshLogin.at("/tokens/access_token").asText();
        for (String path : List.of("/v1/auth/me", "/v1/auth/api-keys", "/v1/settings", "/v1/hubs")) {
            Http.Result result = send(http(), "GET", path, freshAccess, null);
            assertThat(result.status()).as(path + " " + result).isEqualTo(200);
            for (String secret : secrets) {
                assertThat(result.body()).as(path).doesNotContain(secret);
            }
            assertThat(result.body()).as(path).doesNotContain(apiKeyHash).doesNotContain("password");
        }
        Http.Result patched = send(
                http(), "PATCH", "/v1/auth/api-keys/" + key.path("id").asText(), freshAccess, json("name", "renamed"));
        assertThat(patched.body()).doesNotContain(apiKey).doesNotContain(apiKeyHash);
    }
}
