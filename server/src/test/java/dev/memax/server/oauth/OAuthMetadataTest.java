package dev.memax.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.errors.NotFoundException;
import dev.memax.sdk.models.AuthorizationServerMetadata;
import dev.memax.sdk.models.ProtectedResourceMetadata;
import dev.memax.server.auth.AuthFlows;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The OAuth discovery documents over HTTP: RFC 9728 protected-resource metadata for the server and
 * each MCP endpoint, RFC 8414 authorization-server metadata at both paths clients probe, with the
 * issuer and every URL derived from MEMAX_PUBLIC_URL (configured here with a trailing slash),
 * public, cacheable and readable from any web page without widening the API's CORS.
 */
class OAuthMetadataTest {
    private static final String ORIGIN = "https://memax.example.com";
    private static final String APP = "https://app.example";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.public-url", ORIGIN + "/")
            .property("micronaut.server.cors.configurations.memax.allowed-origins", APP)
            // The test server listens on 127.0.0.1, where Micronaut's drive-by-localhost guard would
            // refuse every non-local Origin before any route or filter of ours is reached.
            .property("micronaut.server.cors.localhost-pass-through", true);

    private static Http http() {
        return SERVER.http();
    }

    private static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    private static void assertPublicDocument(Http.Result result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.header("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(result.header("Cache-Control")).hasValue("public, max-age=3600");
        assertThat(result.json().has("data")).as("not the API envelope").isFalse();
    }

    @Test
    void eachProtectedResourceHasItsOwnMetadata() {
        Map<String, String> resources = Map.of(
                "/.well-known/oauth-protected-resource", ORIGIN,
                "/.well-known/oauth-protected-resource/mcp", ORIGIN + "/mcp",
                "/.well-known/oauth-protected-resource/mcp/chatgpt", ORIGIN + "/mcp/chatgpt");
        resources.forEach((path, resource) -> {
            Http.Result result = http().get(path);
            assertPublicDocument(result);
            JsonNode document = result.json();
            assertThat(document.path("resource").asText()).as(path).isEqualTo(resource);
            assertThat(document.path("authorization_servers")).isEqualTo(tree(List.of(ORIGIN)));
            assertThat(document.path("scopes_supported")).isEqualTo(tree(List.of("memax:read", "memax:write")));
            assertThat(document.path("bearer_methods_supported")).isEqualTo(tree(List.of("header")));
            assertThat(document.path("resource_name").asText()).startsWith("Memax");
            assertThat(document.path("resource_documentation").asText()).isEqualTo(ORIGIN + "/docs");
        });
        assertThat(http().get("/.well-known/oauth-protected-resource/mcp")
                        .json()
                        .path("resource_name")
                        .asText())
                .isNotEqualTo(http().get("/.well-known/oauth-protected-resource/mcp/chatgpt")
                        .json()
                        .path("resource_name")
                        .asText());
    }

    @Test
    void authorizationServerMetadataIsServedAtBothDiscoveryPaths() {
        Http.Result oauth = http().get("/.well-known/oauth-authorization-server");
        Http.Result openId = http().get("/.well-known/openid-configuration");
        assertPublicDocument(oauth);
        assertPublicDocument(openId);
        assertThat(openId.json()).isEqualTo(oauth.json());
        JsonNode document = oauth.json();
        // RFC 8414 §3.3: the issuer is exactly the URL the metadata was derived from, no trailing slash.
        assertThat(document.path("issuer").asText()).isEqualTo(ORIGIN);
        assertThat(document.path("authorization_endpoint").asText()).isEqualTo(ORIGIN + "/oauth/authorize");
        assertThat(document.path("token_endpoint").asText()).isEqualTo(ORIGIN + "/oauth/token");
        assertThat(document.path("registration_endpoint").asText()).isEqualTo(ORIGIN + "/oauth/register");
        assertThat(document.path("revocation_endpoint").asText()).isEqualTo(ORIGIN + "/oauth/revoke");
        assertThat(document.path("jwks_uri").asText()).isEqualTo(ORIGIN + "/.well-known/jwks.json");
        assertThat(document.path("service_documentation").asText()).isEqualTo(ORIGIN + "/docs");
        assertThat(document.path("scopes_supported")).isEqualTo(tree(List.of("memax:read", "memax:write")));
        assertThat(document.path("response_types_supported")).isEqualTo(tree(List.of("code")));
        assertThat(document.path("response_modes_supported")).isEqualTo(tree(List.of("query")));
        assertThat(document.path("grant_types_supported"))
                .isEqualTo(tree(List.of("authorization_code", "refresh_token")));
        assertThat(document.path("token_endpoint_auth_methods_supported")).isEqualTo(tree(List.of("none")));
        assertThat(document.path("revocation_endpoint_auth_methods_supported")).isEqualTo(tree(List.of("none")));
        assertThat(document.path("code_challenge_methods_supported")).isEqualTo(tree(List.of("S256")));
        assertThat(document.path("authorization_response_iss_parameter_supported")
                        .isBoolean())
                .isTrue();
        assertThat(document.path("authorization_response_iss_parameter_supported")
                        .asBoolean())
                .isTrue();
        assertThat(document.path("client_id_metadata_document_supported").isBoolean())
                .isTrue();
        assertThat(document.path("client_id_metadata_document_supported").asBoolean())
                .isTrue();
        // The same issuer the protected resources name.
        assertThat(http().get("/.well-known/oauth-protected-resource/mcp")
                        .json()
                        .at("/authorization_servers/0")
                        .asText())
                .isEqualTo(document.path("issuer").asText());
    }

    @Test
    void otherPathsUnderTheMetadataPrefixAreNotFound() {
        for (String path : List.of(
                "/.well-known/oauth-protected-resource/v1",
                "/.well-known/oauth-protected-resource/mcp/other",
                "/.well-known/oauth-protected-resource/mcp/chatgpt/x",
                "/.well-known/oauth-authorization-server/tenant")) {
            AuthFlows.assertError(http().get(path), 404, "not_found");
        }
    }

    @Test
    void anyWebPageMayReadTheDocumentsButTheApisCorsIsUnchanged() {
        for (String path :
                List.of("/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-authorization-server")) {
            // An origin nobody configured, and the one MEMAX_CORS_ORIGINS names: one "*" either way.
            for (String origin : List.of("https://claude.example", APP)) {
                Http.Result read = http().get(path, "Origin", origin);
                assertPublicDocument(read);
                assertThat(read.headers().entrySet().stream()
                                .filter(e -> e.getKey().equalsIgnoreCase("Access-Control-Allow-Origin"))
                                .flatMap(e -> e.getValue().stream())
                                .toList())
                        .as(origin)
                        .containsExactly("*");
                assertThat(read.header("Access-Control-Allow-Credentials")).isEmpty();
            }
            // MCP clients send MCP-Protocol-Version with discovery requests, which needs a preflight.
            Http.Result preflight = http().send(
                            "OPTIONS",
                            path,
                            null,
                            "Origin",
                            "https://claude.example",
                            "Access-Control-Request-Method",
                            "GET",
                            "Access-Control-Request-Headers",
                            "mcp-protocol-version");
            assertThat(preflight.status()).as(preflight.toString()).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(preflight.header("Access-Control-Allow-Methods")).hasValue("GET");
            assertThat(preflight.header("Access-Control-Allow-Headers").orElseThrow())
                    .containsIgnoringCase("MCP-Protocol-Version");
        }
        // The API still answers only its configured origins.
        Http.Result api = http().get("/health", "Origin", "https://claude.example");
        assertThat(api.header("Access-Control-Allow-Origin")).as(api.toString()).isEmpty();
        Http.Result jwks = http().get("/.well-known/jwks.json", "Origin", "https://claude.example");
        assertThat(jwks.header("Access-Control-Allow-Origin"))
                .as(jwks.toString())
                .isEmpty();
        assertThat(http().get("/health", "Origin", APP).header("Access-Control-Allow-Origin"))
                .hasValue(APP);
    }

    @Test
    void browserClientsMayCallTheTokenRegistrationAndRevocationEndpoints() {
        for (String path : List.of("/oauth/token", "/oauth/register", "/oauth/revoke")) {
            Http.Result preflight = http().send(
                            "OPTIONS",
                            path,
                            null,
                            "Origin",
                            "https://inspector.example",
                            "Access-Control-Request-Method",
                            "POST",
                            "Access-Control-Request-Headers",
                            "content-type, authorization");
            assertThat(preflight.status()).as(path + " " + preflight).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(preflight.header("Access-Control-Allow-Methods")).hasValue("POST");
            assertThat(preflight.header("Access-Control-Allow-Headers").orElseThrow())
                    .containsIgnoringCase("Content-Type")
                    .containsIgnoringCase("Authorization");
        }
        // The answer itself, an OAuth error here, is readable by the page.
        Http.Result token = OAuthFlows.postForm(
                http(), "/oauth/token", Map.of("grant_type", "password"), "Origin", "https://inspector.example");
        assertThat(token.status()).as(token.toString()).isEqualTo(400);
        assertThat(token.header("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(token.header("Access-Control-Allow-Credentials")).isEmpty();
        // The sign-in page is a person's, not a script's: no CORS there.
        Http.Result page = http().get("/oauth/authorize", "Origin", "https://inspector.example");
        assertThat(page.header("Access-Control-Allow-Origin"))
                .as(page.toString())
                .isEmpty();
    }

    @Test
    void theSdkReadsTheDocuments() {
        try (MemaxClient anonymous = MemaxClient.builder()
                .baseUrl(SERVER.server().uri().toString())
                .noCredentials()
                .maxRetries(0)
                .build()) {
            AuthorizationServerMetadata server = anonymous.oauthMetadata().authorizationServer();
            assertThat(server.issuer()).isEqualTo(ORIGIN);
            assertThat(server.tokenEndpoint()).isEqualTo(ORIGIN + "/oauth/token");
            assertThat(server.jwksUri()).isEqualTo(ORIGIN + "/.well-known/jwks.json");
            assertThat(server.codeChallengeMethodsSupported()).containsExactly("S256");
            assertThat(server.authorizationResponseIssParameterSupported()).isTrue();
            assertThat(server.clientIdMetadataDocumentSupported()).isTrue();
            ProtectedResourceMetadata origin = anonymous.oauthMetadata().protectedResource();
            assertThat(origin.resource()).isEqualTo(ORIGIN);
            ProtectedResourceMetadata chatGpt = anonymous.oauthMetadata().protectedResource("/mcp/chatgpt");
            assertThat(chatGpt.resource()).isEqualTo(ORIGIN + "/mcp/chatgpt");
            assertThat(chatGpt.authorizationServers()).containsExactly(ORIGIN);
            assertThat(chatGpt.scopesSupported()).containsExactly("memax:read", "memax:write");
            assertThatThrownBy(() -> anonymous.oauthMetadata().protectedResource("/v1"))
                    .isInstanceOf(NotFoundException.class);
        }
    }
}
