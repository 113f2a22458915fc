package dev.memax.server.oauth;

import static dev.memax.server.oauth.OAuthFlows.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.models.OAuthGrant;
import dev.memax.sdk.models.OAuthGrantRevoked;
import dev.memax.sdk.params.ListParams;
import dev.memax.server.auth.AuthFlows;
import dev.memax.server.mcp.McpHttp;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The authorization code flow over HTTP, as a client and a browser drive it: the sign-in and
 * consent pages, the code exchange with PKCE, the tokens on /mcp, refresh and revocation, remembered
 * consent and its withdrawal through /v1/auth/oauth-grants.
 */
class OAuthAuthorizationFlowTest {
    static final String PUBLIC_URL = "https://memax.example";
    static final String MCP = PUBLIC_URL + "/mcp";
    static final String REDIRECT = "http://127.0.0.1:43111/callback";

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.public-url", PUBLIC_URL + "/")
            .property("memax.auth.signup-mode", "open");

    private static Http http;
    private static McpHttp mcp;

    @BeforeAll
    static void clients() {
        http = SERVER.http();
        mcp = new McpHttp(http);
    }

    private static String user(String name) {
        String email = name + "-" + System.nanoTime() + "@example.com";
        AuthFlows.signedUp(http, email);
        return email;
    }

    @Test
    void aClientSignsTheUserInExchangesTheCodeCallsAToolRefreshesAndRevokes() {
        String email = user("ada");
        String clientId = OAuthFlows.registerClient(http, "Claude", REDIRECT);
        OAuthFlows.Pkce pkce = OAuthFlows.Pkce.create();
        Map<String, String> params = OAuthFlows.request(clientId, REDIRECT, MCP, pkce);

        Http.Result page = OAuthFlows.authorize(http, params);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.header("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.header("X-Frame-Options")).contains("DENY");
        assertThat(page.header("Referrer-Policy")).contains("same-origin");
        assertThat(page.header("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'none'")
                .contains("form-action 'self' http://127.0.0.1:43111");
        assertThat(page.body()).contains("Claude").contains("127.0.0.1:43111").contains("registered itself");
        assertThat(OAuthFlows.csrfCookie(page)).startsWith(AuthorizationController.CSRF_COOKIE + "=");

        // A wrong password shows the form again with the reason; nothing is issued.
        Http.Result wrong = OAuthFlows.signIn(http, page, email, "not the password");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("id=\"error\"").contains("<form");

        Http.Result consent = OAuthFlows.signIn(http, page, email, AuthFlows.PASSWORD);
        assertThat(consent.status()).as(consent.toString()).isEqualTo(200);
        assertThat(consent.body())
                .contains(email)
                .contains("memax:read")
                .contains("memax:write")
                .contains(MCP);
        Http.Result back = OAuthFlows.decide(http, consent, OAuthFlows.csrfCookie(page), "allow");
        assertThat(back.status()).as(back.toString()).isEqualTo(303);
        Map<String, String> query = OAuthFlows.redirectQuery(back, REDIRECT);
        assertThat(query).containsEntry("state", params.get("state")).containsEntry("iss", PUBLIC_URL);
        assertThat(query.get("code")).startsWith("mxa_");

        Http.Result tokens = OAuthFlows.exchange(http, clientId, query.get("code"), REDIRECT, pkce.verifier());
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        assertThat(tokens.header("Cache-Control")).contains("no-store");
        JsonNode body = tokens.json();
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("scope").asText()).isEqualTo("memax:read memax:write");
        assertThat(body.path("expires_in").asLong()).isPositive();
        String access = body.path("access_token").asText();
        String refresh = body.path("refresh_token").asText();
        // The API's ES256 JWT, for the resource asked, naming the client.
        JsonNode claims = claims(access);
        assertThat(claims.path("aud").asText()).isEqualTo(MCP);
        assertThat(claims.path("client_id").asText()).isEqualTo(clientId);
        assertThat(claims.path("scope").asText()).isEqualTo("memax:read memax:write");

        // The token works on /mcp, for the resource it was issued for, and nowhere on /v1.
        Http.Result pushed = mcp.stateless(
                "/mcp",
                access,
                "tools/call",
                McpHttp.call("memax_push", McpHttp.params().put("content", "The deploy key rotates every Monday")));
        assertThat(pushed.status()).as(pushed.toString()).isEqualTo(200);
        assertThat(pushed.json().at("/result/isError").asBoolean())
                .as(pushed.toString())
                .isFalse();
        assertThat(http.get("/v1/memories", "Authorization", "Bearer " + access).status())
                .isEqualTo(401);
        assertThat(mcp.stateless("/mcp/chatgpt", access, "tools/list", McpHttp.params())
                        .status())
                .isEqualTo(401);

        // Refresh rotates; the API's refresh endpoint does not take an OAuth client's token.
        assertThat(AuthFlows.refresh(http, refresh).status()).isEqualTo(401);
        Http.Result refreshed = OAuthFlows.refresh(http, clientId, refresh);
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String access2 = refreshed.json().path("access_token").asText();
        String refresh2 = refreshed.json().path("refresh_token").asText();
        assertThat(refresh2).isNotEqualTo(refresh);
        assertThat(mcp.stateless("/mcp", access2, "tools/list", McpHttp.params())
                        .status())
                .isEqualTo(200);
        // Another client cannot use it.
        String other = OAuthFlows.registerClient(http, "Other", REDIRECT);
        assertOAuthError(OAuthFlows.refresh(http, other, refresh2), 400, "invalid_grant");

        // RFC 7009: revoking the refresh token ends the session: its access token stops working too.
        Http.Result revoked =
                OAuthFlows.postForm(http, "/oauth/revoke", Map.of("token", refresh2, "client_id", clientId));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(mcp.stateless("/mcp", access2, "tools/list", McpHttp.params())
                        .status())
                .isEqualTo(401);
        assertOAuthError(OAuthFlows.refresh(http, clientId, refresh2), 400, "invalid_grant");
        // Unknown tokens answer the same.
        assertThat(OAuthFlows.postForm(http, "/oauth/revoke", Map.of("token", "mxr_unknown"))
                        .status())
                .isEqualTo(200);
        assertOAuthError(
                OAuthFlows.postForm(http, "/oauth/revoke", Map.of("client_id", clientId)), 400, "invalid_request");
    }

    @Test
    void aRefreshTokenPresentedAgainRevokesItsSession() {
        String email = user("ken");
        String clientId = OAuthFlows.registerClient(http, "Zed", REDIRECT);
        OAuthFlows.Pkce pkce = OAuthFlows.Pkce.create();
        String code = OAuthFlows.approve(
                        http, OAuthFlows.request(clientId, REDIRECT, MCP, pkce), email, AuthFlows.PASSWORD)
                .get("code");
        String refresh = OAuthFlows.exchange(http, clientId, code, REDIRECT, pkce.verifier())
                .json()
                .path("refresh_token")
                .asText();
        JsonNode next = OAuthFlows.refresh(http, clientId, refresh).json();
        String access = next.path("access_token").asText();
        assertThat(mcp.stateless("/mcp", access, "tools/list", McpHttp.params()).status())
                .isEqualTo(200);

        // The spent token again (a copy in an attacker's hands): refused, and the whole session ends.
        assertOAuthError(OAuthFlows.refresh(http, clientId, refresh), 400, "invalid_grant");
        assertThat(mcp.stateless("/mcp", access, "tools/list", McpHttp.params()).status())
                .isEqualTo(401);
        assertOAuthError(
                OAuthFlows.refresh(http, clientId, next.path("refresh_token").asText()), 400, "invalid_grant");

        // A refresh may narrow the access token's scopes, never widen them.
        OAuthFlows.Pkce readOnly = OAuthFlows.Pkce.create();
        Map<String, String> request = OAuthFlows.request(clientId, REDIRECT, MCP, readOnly);
        request.put("scope", "memax:read");
        String readCode =
                OAuthFlows.approve(http, request, email, AuthFlows.PASSWORD).get("code");
        JsonNode read = OAuthFlows.exchange(http, clientId, readCode, REDIRECT, readOnly.verifier())
                .json();
        assertThat(read.path("scope").asText()).isEqualTo("memax:read");
        assertOAuthError(
                OAuthFlows.postForm(
                        http,
                        "/oauth/token",
                        Map.of(
                                "grant_type",
                                "refresh_token",
                                "client_id",
                                clientId,
                                "refresh_token",
                                read.path("refresh_token").asText(),
                                "scope",
                                "memax:read memax:write")),
                400,
                "invalid_scope");
    }

    /** A JWT's payload (its signature is the server's to check). */
    private static JsonNode claims(String jwt) {
        try {
            return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void consentIsRememberedListedAndWithdrawn() {
        String email = user("grace");
        String apiToken = AuthFlows.login(http, email, AuthFlows.PASSWORD)
                .at("/tokens/access_token")
                .asText();
        String clientId = OAuthFlows.registerClient(http, "Cursor", REDIRECT);
        OAuthFlows.Pkce pkce = OAuthFlows.Pkce.create();
        Map<String, String> first =
                OAuthFlows.approve(http, OAuthFlows.request(clientId, REDIRECT, MCP, pkce), email, AuthFlows.PASSWORD);
        String access = OAuthFlows.exchange(http, clientId, first.get("code"), REDIRECT, pkce.verifier())
                .json()
                .path("access_token")
                .asText();

        // The second time, signing in is enough: no consent page, straight back with a code.
        OAuthFlows.Pkce again = OAuthFlows.Pkce.create();
        Map<String, String> params = OAuthFlows.request(clientId, REDIRECT, MCP, again);
        Http.Result page = OAuthFlows.authorize(http, params);
        Http.Result back = OAuthFlows.signIn(http, page, email, AuthFlows.PASSWORD);
        assertThat(back.status()).as(back.toString()).isEqualTo(303);
        String code = OAuthFlows.redirectQuery(back, REDIRECT).get("code");
        assertThat(OAuthFlows.exchange(http, clientId, code, REDIRECT, again.verifier())
                        .status())
                .isEqualTo(200);

        Http.Result grants = http.get("/v1/auth/oauth-grants", "Authorization", "Bearer " + apiToken);
        assertThat(grants.status()).as(grants.toString()).isEqualTo(200);
        JsonNode grant = grants.json().at("/data/grants/0");
        assertThat(grant.path("client_id").asText()).isEqualTo(clientId);
        assertThat(grant.path("client_name").asText()).isEqualTo("Cursor");
        assertThat(grant.path("scopes").toString()).isEqualTo("[\"memax:read\",\"memax:write\"]");

        // Withdrawn through the Java SDK: both sessions the client holds end.
        try (MemaxClient sdk = MemaxClient.builder()
                .baseUrl(SERVER.server().uri().toString())
                .apiKey(apiToken)
                .maxRetries(0)
                .build()) {
            OAuthGrant listed =
                    sdk.oauthGrants().list(ListParams.DEFAULT).items().get(0);
            assertThat(listed.id().toString()).isEqualTo(grant.path("id").asText());
            assertThat(listed.scopes()).containsExactly("memax:read", "memax:write");
            OAuthGrantRevoked withdrawn = sdk.oauthGrants().revoke(listed.id());
            assertThat(withdrawn.clientId()).isEqualTo(clientId);
            assertThat(withdrawn.sessionsRevoked()).isEqualTo(2);
        }
        assertThat(mcp.stateless("/mcp", access, "tools/list", McpHttp.params()).status())
                .isEqualTo(401);
        assertThat(http.get("/v1/auth/oauth-grants", "Authorization", "Bearer " + apiToken)
                        .json()
                        .at("/data/grants"))
                .isEmpty();
        assertThat(http.send(
                                "DELETE",
                                "/v1/auth/oauth-grants/" + grant.path("id").asText(),
                                null,
                                "Authorization",
                                "Bearer " + apiToken)
                        .status())
                .isEqualTo(404);

        // Consent is asked again.
        Http.Result asked = OAuthFlows.signIn(
                http,
                OAuthFlows.authorize(http, OAuthFlows.request(clientId, REDIRECT, MCP, OAuthFlows.Pkce.create())),
                email,
                AuthFlows.PASSWORD);
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body()).contains("id=\"allow\"");
    }

    @Test
    void denyingSendsAccessDeniedBack() {
        String email = user("linus");
        String clientId = OAuthFlows.registerClient(http, "Bot", REDIRECT);
        Map<String, String> params = OAuthFlows.request(clientId, REDIRECT, MCP, OAuthFlows.Pkce.create());
        Http.Result page = OAuthFlows.authorize(http, params);
        Http.Result consent = OAuthFlows.signIn(http, page, email, AuthFlows.PASSWORD);
        Map<String, String> query = OAuthFlows.redirectQuery(
                OAuthFlows.decide(http, consent, OAuthFlows.csrfCookie(page), "deny"), REDIRECT);
        assertThat(query)
                .containsEntry("error", "access_denied")
                .containsEntry("state", params.get("state"))
                .containsEntry("iss", PUBLIC_URL)
                .doesNotContainKey("code");
    }
}
