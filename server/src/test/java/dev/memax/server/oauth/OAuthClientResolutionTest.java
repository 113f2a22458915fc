package dev.memax.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.memax.server.testing.MemaxServerExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How the client of an authorization request is found: a registered client from the database, or
 * a Client ID Metadata Document fetched from its URL (served here over plain HTTP on 127.0.0.1,
 * which this server allows for the test only), with its redirect URIs under the registration rules.
 */
class OAuthClientResolutionTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.oauth.client-metadata.allow-http", true)
            .property("memax.oauth.client-metadata.allow-private-addresses", true);

    private static final Map<String, String> DOCUMENTS = new ConcurrentHashMap<>();
    private static HttpServer documents;
    private static OAuthClientService clients;

    @BeforeAll
    static void start() throws IOException {
        documents = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        documents.createContext("/", exchange -> {
            String body = DOCUMENTS.get(exchange.getRequestURI().getPath());
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        documents.start();
        clients = SERVER.server().bean(OAuthClientService.class);
    }

    @AfterAll
    static void stop() {
        documents.stop(0);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + documents.getAddress().getPort() + path;
    }

    @Test
    void aMetadataDocumentDescribesItsClient() {
        String id = url("/claude.json");
        DOCUMENTS.put(
                "/claude.json",
                "{\"client_id\": \"" + id + "\", \"client_name\": \"Claude\", "
                        + "\"redirect_uris\": [\"https://claude.ai/api/mcp/auth_callback\", \"http://localhost:6274/cb\"], "
                        + "\"logo_uri\": \"https://claude.ai/logo.png\", \"client_uri\": \"javascript:alert(1)\"}");
        OAuthClient client = clients.resolve(id);
        assertThat(client.clientId()).isEqualTo(id);
        assertThat(client.registration()).isEqualTo("metadata_document");
        assertThat(client.clientName()).isEqualTo("Claude");
        assertThat(client.redirectUris())
                .containsExactly("https://claude.ai/api/mcp/auth_callback", "http://localhost:6274/cb");
        assertThat(client.logoUri()).isEqualTo("https://claude.ai/logo.png");
        assertThat(client.clientUri()).as("a non-https URL is not shown").isNull();
    }

    @Test
    void anUnusableDocumentOrUnknownClientIsInvalidClient() {
        String mismatched = url("/mismatch.json");
        DOCUMENTS.put(
                "/mismatch.json",
                "{\"client_id\": \"https://other.example/c.json\", \"client_name\": \"x\", "
                        + "\"redirect_uris\": [\"https://a.example/cb\"]}");
        assertInvalidClient(mismatched, "client_id");
        String badRedirect = url("/bad-redirect.json");
        DOCUMENTS.put(
                "/bad-redirect.json",
                "{\"client_id\": \"" + badRedirect + "\", \"client_name\": \"x\", "
                        + "\"redirect_uris\": [\"http://evil.example/cb\"]}");
        assertInvalidClient(badRedirect, "https");
        assertInvalidClient(url("/missing.json"), "404");
        assertInvalidClient("mxc_" + "0".repeat(32), "registered");
    }

    @Test
    void aRegisteredClientComesFromTheDatabase() {
        Map<String, Object> registered = clients.registerDynamic(
                Map.of("redirect_uris", java.util.List.of("https://chatgpt.com/connector_platform_oauth_redirect")));
        OAuthClient client = clients.resolve((String) registered.get("client_id"));
        assertThat(client.registration()).isEqualTo("dynamic");
        assertThat(client.redirectUris()).containsExactly("https://chatgpt.com/connector_platform_oauth_redirect");
    }

    private static void assertInvalidClient(String clientId, String reasonMentions) {
        assertThatThrownBy(() -> clients.resolve(clientId)).isInstanceOfSatisfying(OAuthError.class, e -> {
            assertThat(e.error()).isEqualTo("invalid_client");
            assertThat(e.getMessage()).contains(reasonMentions);
        });
    }
}
