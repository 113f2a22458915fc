package dev.memax.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.server.testing.MemaxServerExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Log lines are JSON, carry the request id, and never carry credentials. */
class LogOutputTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** Each captured event rendered exactly as the production encoder writes it. */
    private List<JsonNode> lines() throws Exception {
        @SuppressWarnings("unchecked")
        Encoder<ILoggingEvent> encoder =
                ((OutputStreamAppender<ILoggingEvent>) root.getAppender("STDOUT")).getEncoder();
        List<JsonNode> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(captured.list)) {
            String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
            assertThat(line.strip()).doesNotContain("\n");
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void accessLinesAreJsonWithTheRequestId() throws Exception {
        SERVER.http().get("/health/live?token=query-secret", "X-Request-ID", "log-line-1");
        JsonNode access = lines().stream()
                .filter(l -> "log-line-1".equals(l.at("/mdc/request_id").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no log line with the request id"));
        assertThat(access.path("formattedMessage").asText()).contains("GET /health/live 200");
        assertThat(access.path("level").asText()).isEqualTo("INFO");
    }

    @Test
    void unexpectedErrorsLogTheStackWithTheRequestId() throws Exception {
        SERVER.http().get("/v1/test-fixtures/boom", "X-Request-ID", "log-line-2");
        JsonNode error = lines().stream()
                .filter(l -> "ERROR".equals(l.path("level").asText()))
                .filter(l -> "log-line-2".equals(l.at("/mdc/request_id").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no error line with the request id"));
        assertThat(error.path("throwable").path("className").asText()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void credentialsInHeadersAndQueryNeverReachTheLog() throws Exception {
        String apiKey = "mxk_" + "ab".repeat(32);
        SERVER.http()
                .postJson(
                        "/v1/test-fixtures/widgets?api_key=" + apiKey,
                        "{\"name\": \"" + apiKey.substring(0, 20) + "\", \"color\": \"red\"}",
                        "Authorization",
                        "Bearer " + apiKey,
                        "Idempotency-Key",
                        "log-" + apiKey.substring(4, 12));
        SERVER.http().get("/v1/no-such-route", "Authorization", "Bearer " + apiKey, "Cookie", "session=" + apiKey);
        String inviteToken = "mxi_" + "cd".repeat(32);
        SERVER.http().get("/v1/invites/" + inviteToken);
        SERVER.http().postJson("/v1/invites/" + inviteToken + "/accept", "{}");
        for (JsonNode line : lines()) {
            assertThat(line.toString())
                    .doesNotContain(apiKey)
                    .doesNotContain(apiKey.substring(0, 20))
                    .doesNotContain(inviteToken);
        }
        assertThat(captured.list).isNotEmpty();
    }
}
