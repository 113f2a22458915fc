package dev.memax.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.auth.AuthFlows;
import dev.memax.server.testing.FreePorts;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.customizer.McpHttpClientAuthorizationErrorHandler;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official MCP Java SDK client (2.2.0) through the OAuth flow. The SDK has no OAuth client of
 * its own: it offers the hook an application uses for one, an authorization error handler called
 * on 401 and 403, after which the request is retried. Here the handler does what a desktop app
 * does: reads the challenge, discovers the authorization server, registers, has the person sign
 * in and consent (their browser's part done over HTTP here; OAuthBrowserFlowTest does it in
 * Chromium), and exchanges the code. A read-only grant is stepped up when a write tool answers
 * 403 insufficient_scope.
 */
class OAuthMcpSdkClientTest {
    private static final int PORT = FreePorts.next();
    private static final String ORIGIN = "http://127.0.0.1:" + PORT;
    private static final String REDIRECT = "http://127.0.0.1:43999/callback";
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("micronaut.server.port", PORT)
            .property("memax.public-url", ORIGIN)
            .property("memax.auth.signup-mode", "open");

    /** What the client's OAuth side does for each challenge, and the token it holds. */
    private static final class Authorizer implements McpHttpClientAuthorizationErrorHandler.Sync {
        private final Http http = SERVER.http();
        private final String email;
        private final String firstScope;
        final AtomicReference<String> token = new AtomicReference<>();
        final List<String> challenges = new ArrayList<>();
        private String clientId;

        Authorizer(String email, String firstScope) {
            this.email = email;
            this.firstScope = firstScope;
        }

        @Override
        public boolean handle(
                HttpResponse.ResponseInfo response, io.modelcontextprotocol.common.McpTransportContext context) {
            String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
            challenges.add(response.statusCode() + " " + challenge);
            Map<String, String> params = new java.util.HashMap<>();
            Matcher matcher = PARAM.matcher(challenge);
            while (matcher.find()) {
                params.put(matcher.group(1), matcher.group(2));
            }
            JsonNode resource = http.get(params.get("resource_metadata")).json();
            JsonNode server = http.get(
                            resource.path("authorization_servers").path(0).asText()
                                    + "/.well-known/oauth-authorization-server")
                    .json();
            if (clientId == null) {
                clientId = OAuthFlows.registerClient(http, "MCP Java SDK", REDIRECT);
            }
            // The first sign-in asks for less; a step-up asks for what the challenge names.
            String scope = response.statusCode() == 401 ? firstScope : params.get("scope");
            OAuthFlows.Pkce pkce = OAuthFlows.Pkce.create();
            Map<String, String> request = OAuthFlows.request(
                    clientId, REDIRECT, resource.path("resource").asText(), pkce);
            request.put("scope", scope);
            String code =
                    OAuthFlows.approve(http, request, email, AuthFlows.PASSWORD).get("code");
            Http.Result tokens = OAuthFlows.postForm(
                    http,
                    server.path("token_endpoint").asText(),
                    Map.of(
                            "grant_type",
                            "authorization_code",
                            "client_id",
                            clientId,
                            "code",
                            code,
                            "redirect_uri",
                            REDIRECT,
                            "code_verifier",
                            pkce.verifier()));
            assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
            token.set(tokens.json().path("access_token").asText());
            return true;
        }
    }

    private static McpSyncClient client(Authorizer authorizer) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(ORIGIN)
                .endpoint("/mcp")
                .httpRequestCustomizer((builder, method, uri, body, context) -> {
                    String token = authorizer.token.get();
                    if (token != null) {
                        builder.setHeader("Authorization", "Bearer " + token);
                    }
                })
                .authorizationErrorHandler(McpHttpClientAuthorizationErrorHandler.fromSync(authorizer))
                .build();
        return McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(20))
                .clientInfo(new McpSchema.Implementation("memax-oauth-test", "1.0"))
                .build();
    }

    @Test
    void theSdkSignsInOnA401AndStepsUpOnA403() {
        String email = "sdk-" + System.nanoTime() + "@example.com";
        AuthFlows.signedUp(SERVER.http(), email);
        Authorizer authorizer = new Authorizer(email, "memax:read");
        try (McpSyncClient client = client(authorizer)) {
            client.initialize();
            assertThat(authorizer.challenges).hasSize(1);
            assertThat(authorizer.challenges.get(0))
                    .startsWith("401 ")
                    .contains("resource_metadata=\"" + ORIGIN + "/.well-known/oauth-protected-resource/mcp\"");

            McpSchema.CallToolResult recalled =
                    client.callTool(new McpSchema.CallToolRequest("memax_recall", Map.of("query", "anything")));
            assertThat(recalled.isError()).as(recalled.toString()).isFalse();
            assertThat(authorizer.challenges).hasSize(1);

            // A write with a read-only token: 403 insufficient_scope, the handler asks for more, the retry succeeds.
            McpSchema.CallToolResult pushed = client.callTool(new McpSchema.CallToolRequest(
                    "memax_push", Map.of("content", "Pushed by the MCP Java SDK after a step-up")));
            assertThat(pushed.isError()).as(pushed.toString()).isFalse();
            assertThat(authorizer.challenges).hasSize(2);
            assertThat(authorizer.challenges.get(1))
                    .startsWith("403 ")
                    .contains("error=\"insufficient_scope\"")
                    .contains("scope=\"memax:read memax:write\"");
        }
    }
}
