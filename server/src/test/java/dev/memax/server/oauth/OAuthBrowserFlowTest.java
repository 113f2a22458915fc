package dev.memax.server.oauth;

import static dev.memax.server.oauth.OAuthFlows.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.memax.server.auth.AuthFlows;
import dev.memax.server.mcp.McpHttp;
import dev.memax.server.testing.Browser;
import dev.memax.server.testing.FreePorts;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole OAuth flow as an MCP client and a person do it, the person in a real browser
 * (headless Chromium): the client discovers the authorization server from a 401 on /mcp,
 * identifies itself by a Client ID Metadata Document (served here from the client's own little
 * web server) or registers dynamically, sends the browser to the sign-in page; the person signs
 * in and allows; the client exchanges the code with its PKCE verifier, calls a tool, refreshes
 * and revokes.
 */
class OAuthBrowserFlowTest {
    private static final int PORT = FreePorts.next();
    private static final String ORIGIN = "http://127.0.0.1:" + PORT;
    private static final Pattern RESOURCE_METADATA = Pattern.compile("resource_metadata=\"([^\"]+)\"");

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("micronaut.server.port", PORT)
            .property("memax.public-url", ORIGIN)
            .property("memax.auth.signup-mode", "open")
            // The client's metadata document is served from this machine, over http.
            .property("memax.oauth.client-metadata.allow-private-addresses", true)
            .property("memax.oauth.client-metadata.allow-http", true);

    private static HttpServer clientSite;
    private static String clientOrigin;
    private static Http http;

    @BeforeAll
    static void start() throws IOException {
        http = SERVER.http();
        clientSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        clientOrigin = "http://127.0.0.1:" + clientSite.getAddress().getPort();
        clientSite.createContext("/client.json", exchange -> {
            byte[] body = ("{\"client_id\": \"" + clientOrigin
                            + "/client.json\", \"client_name\": \"Browser Test Client\", "
                            + "\"redirect_uris\": [\"" + clientOrigin
                            + "/callback\"], \"grant_types\": [\"authorization_code\", "
                            + "\"refresh_token\"], \"response_types\": [\"code\"], \"token_endpoint_auth_method\": \"none\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        clientSite.createContext("/callback", exchange -> {
            byte[] body = "<!DOCTYPE html><title>Connected</title><p id=\"done\">Connected</p>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        clientSite.start();
    }

    @AfterAll
    static void stop() {
        clientSite.stop(0);
    }

    @Test
    void aClientIdentifiedByItsMetadataDocumentConnects() {
        connect("cimd", discovery -> clientOrigin + "/client.json");
    }

    @Test
    void aClientThatRegistersDynamicallyConnects() {
        connect("dcr", discovery -> {
            Http.Result registered = http.postJson(
                    discovery.path("registration_endpoint").asText(),
                    "{\"client_name\": \"Browser Test Client\", \"redirect_uris\": [\"" + clientOrigin
                            + "/callback\"]}");
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            return registered.json().path("client_id").asText();
        });
    }

    private void connect(String name, java.util.function.Function<JsonNode, String> clientIdFor) {
        String email = name + "-" + System.nanoTime() + "@example.com";
        AuthFlows.signedUp(http, email);
        McpHttp mcp = new McpHttp(http);

        // 1. Discovery, as the MCP authorization spec has it: a 401 names the resource metadata.
        Http.Result challenge = http.postJson("/mcp", "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/list\"}");
        assertThat(challenge.status()).isEqualTo(401);
        Matcher metadataUrl =
                RESOURCE_METADATA.matcher(challenge.header("WWW-Authenticate").orElseThrow());
        assertThat(metadataUrl.find()).as(challenge.toString()).isTrue();
        JsonNode resourceMetadata = http.get(metadataUrl.group(1)).json();
        String resource = resourceMetadata.path("resource").asText();
        assertThat(resource).isEqualTo(ORIGIN + "/mcp");
        String issuer = resourceMetadata.path("authorization_servers").path(0).asText();
        JsonNode discovery =
                http.get(issuer + "/.well-known/oauth-authorization-server").json();
        assertThat(discovery.path("issuer").asText()).isEqualTo(issuer);
        assertThat(discovery.path("code_challenge_methods_supported").toString())
                .isEqualTo("[\"S256\"]");
        assertThat(discovery.path("client_id_metadata_document_supported").asBoolean())
                .isTrue();

        // 2. The client's identity, then the browser goes to the authorization endpoint.
        String clientId = clientIdFor.apply(discovery);
        String redirectUri = clientOrigin + "/callback";
        OAuthFlows.Pkce pkce = OAuthFlows.Pkce.create();
        Map<String, String> params = OAuthFlows.request(clientId, redirectUri, resource, pkce);
        String authorizeUrl = discovery.path("authorization_endpoint").asText() + "?" + OAuthFlows.form(params);

        ChromeDriver browser = Browser.start();
        String callback;
        try {
            browser.get(authorizeUrl);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email")));
            assertThat(browser.getTitle()).isEqualTo("Sign in to Memax");
            assertThat(browser.findElement(By.id("client-name")).getText()).isEqualTo("Browser Test Client");
            assertThat(browser.findElement(By.id("redirect-host")).getText())
                    .isEqualTo(URI.create(clientOrigin).getAuthority());
            browser.findElement(By.id("email")).sendKeys(email);
            browser.findElement(By.id("password")).sendKeys(AuthFlows.PASSWORD);
            browser.findElement(By.id("sign-in")).click();

            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("allow")));
            assertThat(browser.findElement(By.id("user-email")).getText()).isEqualTo(email);
            assertThat(browser.findElement(By.id("scopes")).getText())
                    .contains("memax:read")
                    .contains("memax:write");
            assertThat(browser.findElement(By.id("resource")).getText()).isEqualTo(resource);
            browser.findElement(By.id("allow")).click();

            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
            callback = browser.getCurrentUrl();
        } finally {
            browser.quit();
        }
        assertThat(callback).startsWith(redirectUri + "?");
        Map<String, String> query = OAuthFlows.redirectQuery(
                new Http.Result(303, Map.of("Location", java.util.List.of(callback)), ""), redirectUri);
        assertThat(query).containsEntry("state", params.get("state")).containsEntry("iss", issuer);

        // 3. The code for tokens, with the verifier; a tool call; refresh; revoke.
        Http.Result tokens = OAuthFlows.postForm(
                http,
                discovery.path("token_endpoint").asText(),
                Map.of(
                        "grant_type",
                        "authorization_code",
                        "client_id",
                        clientId,
                        "code",
                        query.get("code"),
                        "redirect_uri",
                        redirectUri,
                        "code_verifier",
                        pkce.verifier(),
                        "resource",
                        resource));
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        String access = tokens.json().path("access_token").asText();
        Http.Result pushed = mcp.stateless(
                "/mcp",
                access,
                "tools/call",
                McpHttp.call(
                        "memax_push",
                        McpHttp.params().put("content", "Connected through OAuth in a browser (" + name + ")")));
        assertThat(pushed.status()).as(pushed.toString()).isEqualTo(200);
        assertThat(pushed.json().at("/result/isError").asBoolean())
                .as(pushed.toString())
                .isFalse();

        Http.Result refreshed = OAuthFlows.refresh(
                http, clientId, tokens.json().path("refresh_token").asText());
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String refreshedAccess = refreshed.json().path("access_token").asText();
        assertThat(mcp.stateless("/mcp", refreshedAccess, "tools/list", McpHttp.params())
                        .status())
                .isEqualTo(200);

        Http.Result revoked = OAuthFlows.postForm(
                http,
                discovery.path("revocation_endpoint").asText(),
                Map.of("token", refreshed.json().path("refresh_token").asText(), "client_id", clientId));
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(mcp.stateless("/mcp", refreshedAccess, "tools/list", McpHttp.params())
                        .status())
                .isEqualTo(401);
        assertOAuthError(
                OAuthFlows.refresh(
                        http, clientId, refreshed.json().path("refresh_token").asText()),
                400,
                "invalid_grant");
    }
}
