package dev.memax.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.RequestOptions;
import dev.memax.sdk.errors.PermissionDeniedException;
import dev.memax.sdk.errors.ValidationException;
import dev.memax.sdk.models.OAuthClient;
import dev.memax.sdk.params.ListParams;
import dev.memax.sdk.params.OAuthClientCreateParams;
import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Client registration over HTTP: RFC 7591 dynamic registration at {@code /oauth/register} (its
 * redirect-URI rules and OAuth-format errors) and an admin's registrations at
 * {@code /v1/admin/oauth-clients}, directly and through the Java SDK.
 */
class OAuthClientRegistrationTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static TestUser admin;
    private static TestUser user;

    @BeforeAll
    static void users() {
        HubApi api = new HubApi(SERVER);
        admin = api.user("root");
        user = api.user("ada");
        SERVER.database().execute("UPDATE users SET is_admin = true WHERE id = '" + admin.id() + "'");
    }

    @Test
    void aClientRegistersItselfAsAPublicClient() {
        Http.Result created = register("{\"client_name\": \"Claude\", \"redirect_uris\": "
                + "[\"https://claude.ai/api/mcp/auth_callback\", \"http://127.0.0.1:33418/callback\", \"http://localhost/cb\"], "
                + "\"grant_types\": [\"authorization_code\", \"refresh_token\"], \"response_types\": [\"code\"], "
                + "\"token_endpoint_auth_method\": \"none\", \"scope\": \"memax:read memax:write\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).contains("no-store");
        JsonNode client = created.json();
        assertThat(client.path("client_id").asText()).matches("mxc_[0-9a-f]{32}");
        assertThat(client.path("client_secret").isMissingNode()).isTrue();
        assertThat(client.path("client_id_issued_at").asLong()).isPositive();
        assertThat(client.path("client_name").asText()).isEqualTo("Claude");
        assertThat(client.path("redirect_uris")).hasSize(3);
        assertThat(client.path("token_endpoint_auth_method").asText()).isEqualTo("none");
        assertThat(client.path("scope").asText()).isEqualTo("memax:read memax:write");

        // Minimal metadata: defaults filled in, the name taken from the redirect host.
        JsonNode minimal = register("{\"redirect_uris\": [\"https://chatgpt.com/connector_platform_oauth_redirect\"]}")
                .json();
        assertThat(minimal.path("client_name").asText()).isEqualTo("chatgpt.com");
        assertThat(minimal.path("grant_types").toString()).isEqualTo("[\"authorization_code\",\"refresh_token\"]");
        assertThat(minimal.path("response_types").toString()).isEqualTo("[\"code\"]");
        assertThat(minimal.path("client_id").asText())
                .isNotEqualTo(client.path("client_id").asText());

        // The admin sees both among the dynamic registrations, not among its own.
        Http.Result dynamic =
                SERVER.http().get("/v1/admin/oauth-clients?registration=dynamic", "Authorization", admin.bearer());
        assertThat(dynamic.status()).as(dynamic.toString()).isEqualTo(200);
        assertThat(dynamic.json().at("/data/clients").findValuesAsText("client_id"))
                .contains(
                        client.path("client_id").asText(),
                        minimal.path("client_id").asText());
    }

    @Test
    void redirectUrisMustBeHttpsOrLoopback() {
        for (String uri : new String[] {
            "http://evil.example/cb",
            "https://app.example/cb#frag",
            "javascript:alert(1)",
            "/relative/cb",
            "https://user:pw@app.example/cb",
            "custom-scheme:/cb",
            "http://127.0.0.2.evil.example/cb"
        }) {
            Http.Result refused = register("{\"client_name\": \"x\", \"redirect_uris\": [\"" + uri + "\"]}");
            assertOAuthError(refused, 400, "invalid_redirect_uri");
        }
        assertOAuthError(register("{\"client_name\": \"x\"}"), 400, "invalid_redirect_uri");
        assertOAuthError(register("{\"client_name\": \"x\", \"redirect_uris\": []}"), 400, "invalid_redirect_uri");
        assertOAuthError(register("{\"client_name\": \"x\", \"redirect_uris\": [42]}"), 400, "invalid_redirect_uri");
    }

    @Test
    void otherMetadataIsCheckedAndEveryErrorIsInOAuthFormat() {
        String uris = "\"redirect_uris\": [\"https://app.example/cb\"]";
        assertOAuthError(
                register("{" + uris + ", \"token_endpoint_auth_method\": \"client_secret_basic\"}"),
                400,
                "invalid_client_metadata");
        assertOAuthError(
                register("{" + uris + ", \"grant_types\": [\"client_credentials\"]}"), 400, "invalid_client_metadata");
        assertOAuthError(
                register("{" + uris + ", \"grant_types\": \"authorization_code\"}"), 400, "invalid_client_metadata");
        assertOAuthError(register("{" + uris + ", \"response_types\": [\"token\"]}"), 400, "invalid_client_metadata");
        assertOAuthError(register("{" + uris + ", \"scope\": \"memax:read admin\"}"), 400, "invalid_client_metadata");
        assertOAuthError(
                register("{" + uris + ", \"client_name\": \"" + "n".repeat(201) + "\"}"),
                400,
                "invalid_client_metadata");
        assertOAuthError(register("{" + uris + ", \"client_name\": 7}"), 400, "invalid_client_metadata");
        assertOAuthError(
                register("{" + uris + ", \"logo_uri\": \"http://app.example/logo.png\"}"),
                400,
                "invalid_client_metadata");
        assertOAuthError(register("not json"), 400, "invalid_client_metadata");
        assertOAuthError(register("[1, 2]"), 400, "invalid_client_metadata");
        assertOAuthError(register(""), 400, "invalid_client_metadata");
        // The framework's own refusals on OAuth routes are in OAuth's format too.
        assertOAuthError(SERVER.http().get("/oauth/register"), 405, "invalid_request");
        assertOAuthError(SERVER.http().get("/oauth/no-such-endpoint"), 404, "invalid_request");
        assertOAuthError(
                register("{" + uris + ", \"client_name\": \"" + "x".repeat(4_000_000) + "\"}"), 413, "invalid_request");
    }

    @Test
    void anAdminRegistersClientsInAdvance() {
        Http.Result created = SERVER.http()
                .postJson(
                        "/v1/admin/oauth-clients",
                        "{\"client_name\": \"Internal bot\", "
                                + "\"redirect_uris\": [\"https://bot.example/callback\"], \"client_uri\": \"https://bot.example\"}",
                        "Authorization",
                        admin.bearer());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode client = created.json().path("data");
        String id = client.path("client_id").asText();
        assertThat(id).startsWith("mxc_");
        assertThat(client.path("registration").asText()).isEqualTo("admin");
        assertThat(client.path("redirect_uris").toString()).isEqualTo("[\"https://bot.example/callback\"]");

        Http.Result listed = SERVER.http().get("/v1/admin/oauth-clients", "Authorization", admin.bearer());
        assertThat(listed.json().at("/data/clients").findValuesAsText("client_id"))
                .contains(id);

        // The API's own error format and codes here (a /v1 route).
        Http.Result bad = SERVER.http()
                .postJson(
                        "/v1/admin/oauth-clients",
                        "{\"client_name\": \"x\", " + "\"redirect_uris\": [\"http://bot.example/cb\"]}",
                        "Authorization",
                        admin.bearer());
        assertThat(bad.status()).as(bad.toString()).isEqualTo(422);
        assertThat(bad.errorCode()).isEqualTo("validation_failed");
        assertThat(bad.json().at("/error/details/fields/redirect_uris").asText())
                .contains("https");
        Http.Result unnamed = SERVER.http()
                .postJson(
                        "/v1/admin/oauth-clients",
                        "{\"redirect_uris\": [\"https://a.example/cb\"]}",
                        "Authorization",
                        admin.bearer());
        assertThat(unnamed.json().at("/error/details/fields/client_name").isMissingNode())
                .as(unnamed.toString())
                .isFalse();

        // Not an admin: forbidden, and nothing is listed or deleted.
        Http.Result notAdmin = SERVER.http()
                .postJson(
                        "/v1/admin/oauth-clients",
                        "{\"client_name\": \"x\", " + "\"redirect_uris\": [\"https://bot.example/cb\"]}",
                        "Authorization",
                        user.bearer());
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(SERVER.http()
                        .get("/v1/admin/oauth-clients", "Authorization", user.bearer())
                        .status())
                .isEqualTo(403);
        assertThat(SERVER.http()
                        .send("DELETE", "/v1/admin/oauth-clients/" + id, null, "Authorization", user.bearer())
                        .status())
                .isEqualTo(403);

        Http.Result deleted =
                SERVER.http().send("DELETE", "/v1/admin/oauth-clients/" + id, null, "Authorization", admin.bearer());
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.json().at("/data/deleted").asBoolean()).isTrue();
        assertThat(SERVER.http()
                        .send("DELETE", "/v1/admin/oauth-clients/" + id, null, "Authorization", admin.bearer())
                        .status())
                .isEqualTo(404);
        assertThat(SERVER.http()
                        .get("/v1/admin/oauth-clients?registration=other", "Authorization", admin.bearer())
                        .status())
                .isEqualTo(422);
    }

    @Test
    void theJavaSdkManagesClients() {
        try (MemaxClient sdk = MemaxClient.builder()
                .baseUrl(SERVER.server().uri().toString())
                .apiKey(admin.apiKey())
                .maxRetries(0)
                .build()) {
            OAuthClient created = sdk.oauthClients()
                    .create(OAuthClientCreateParams.builder()
                            .clientName("Desk app")
                            .redirectUris("http://127.0.0.1/callback")
                            .build());
            assertThat(created.clientId()).startsWith("mxc_");
            assertThat(created.registration()).isEqualTo("admin");
            assertThat(created.redirectUris()).containsExactly("http://127.0.0.1/callback");
            assertThat(sdk.oauthClients().list(ListParams.DEFAULT).items())
                    .extracting(OAuthClient::clientId)
                    .contains(created.clientId());
            String dynamic = register("{\"redirect_uris\": [\"https://sdk.example/cb\"]}")
                    .json()
                    .path("client_id")
                    .asText();
            assertThat(sdk.oauthClients()
                            .list(true, ListParams.DEFAULT, RequestOptions.NONE)
                            .items())
                    .extracting(OAuthClient::clientId)
                    .contains(dynamic)
                    .doesNotContain(created.clientId());
            assertThat(sdk.oauthClients().delete(created.clientId()).deleted()).isTrue();
            assertThatThrownBy(() -> sdk.oauthClients()
                            .create(OAuthClientCreateParams.builder()
                                    .clientName("x")
                                    .redirectUris("http://evil.example/cb")
                                    .build()))
                    .isInstanceOf(ValidationException.class);
        }
        try (MemaxClient notAdmin = MemaxClient.builder()
                .baseUrl(SERVER.server().uri().toString())
                .apiKey(user.apiKey())
                .maxRetries(0)
                .build()) {
            assertThatThrownBy(() -> notAdmin.oauthClients().list(ListParams.DEFAULT))
                    .isInstanceOf(PermissionDeniedException.class);
        }
    }

    private static Http.Result register(String body) {
        return SERVER.http().send("POST", "/oauth/register", body, "Content-Type", "application/json");
    }

    private static void assertOAuthError(Http.Result result, int status, String error) {
        assertThat(result.status()).as(result.toString()).isEqualTo(status);
        assertThat(result.json().path("error").asText()).as(result.toString()).isEqualTo(error);
        assertThat(result.json().path("error_description").asText())
                .as(result.toString())
                .isNotBlank();
        assertThat(result.header("Cache-Control")).contains("no-store");
    }
}
