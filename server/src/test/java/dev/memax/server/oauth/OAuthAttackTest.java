package dev.memax.server.oauth;

import static dev.memax.server.oauth.OAuthFlows.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.auth.AuthFlows;
import dev.memax.server.mcp.McpHttp;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Attacks on the authorization code flow, each refused (issue 18's list, and a few more). */
class OAuthAttackTest {
    static final String PUBLIC_URL = "https://memax.example";
    static final String MCP = PUBLIC_URL + "/mcp";
    static final String REDIRECT = "https://app.example/callback";

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.public-url", PUBLIC_URL)
            .property("memax.auth.signup-mode", "open");

    private static Http http;
    private static McpHttp mcp;
    private static String email;
    private static String clientId;

    @BeforeAll
    static void setUp() {
        http = SERVER.http();
        mcp = new McpHttp(http);
        email = "eve-target@example.com";
        AuthFlows.signedUp(http, email);
        clientId = OAuthFlows.registerClient(http, "App", REDIRECT);
    }

    /** A code for {@code pkce}, approved by the user. */
    private static String code(OAuthFlows.Pkce pkce) {
        return OAuthFlows.approve(http, OAuthFlows.request(clientId, REDIRECT, MCP, pkce), email, AuthFlows.PASSWORD)
                .get("code");
    }

    /** The authorization request with {@code changes} applied (a null value removes the parameter). */
    private static Map<String, String> requestWith(Map<String, String> changes) {
        Map<String, String> params =
                new LinkedHashMap<>(OAuthFlows.request(clientId, REDIRECT, MCP, OAuthFlows.Pkce.create()));
        changes.forEach((name, value) -> {
            if (value == null) {
                params.remove(name);
            } else {
                params.put(name, value);
            }
        });
        return params;
    }

    private static Map<String, String> sentBack(Map<String, String> params) {
        Http.Result result = OAuthFlows.authorize(http, params);
        assertThat(result.status()).as(result.toString()).isEqualTo(303);
        Map<String, String> query = OAuthFlows.redirectQuery(result, REDIRECT);
        assertThat(query).containsEntry("iss", PUBLIC_URL).doesNotContainKey("code");
        if (params.containsKey("state")) {
            assertThat(query).containsEntry("state", params.get("state"));
        }
        return query;
    }

    private static void shownNotSentBack(Map<String, String> params, String reason) {
        Http.Result result = OAuthFlows.authorize(http, params);
        assertThat(result.status()).as(result.toString()).isEqualTo(400);
        assertThat(result.header("Location")).isEmpty();
        assertThat(result.body()).contains("id=\"error\"").contains(reason).doesNotContain("<form");
    }

    @Test
    void aWrongVerifierIsRefusedAndSpendsTheCode() {
        OAuthFlows.Pkce pkce = OAuthFlows.Pkce.create();
        String code = code(pkce);
        assertOAuthError(
                OAuthFlows.exchange(
                        http, clientId, code, REDIRECT, OAuthFlows.Pkce.create().verifier()),
                400,
                "invalid_grant");
        assertOAuthError(OAuthFlows.exchange(http, clientId, code, REDIRECT, pkce.verifier()), 400, "invalid_grant");
    }

    @Test
    void pkceIsRequiredAndOnlyS256() {
        assertThat(sentBack(requestWith(Map.of("code_challenge", "", "code_challenge_method", ""))))
                .containsEntry("error", "invalid_request");
        Map<String, String> missing = requestWith(new LinkedHashMap<>());
        missing.remove("code_challenge");
        missing.remove("code_challenge_method");
        assertThat(sentBack(missing).get("error_description")).contains("PKCE");
        Map<String, String> plain = requestWith(Map.of("code_challenge_method", "plain"));
        assertThat(sentBack(plain)).containsEntry("error", "invalid_request");
        assertThat(sentBack(plain).get("error_description")).contains("S256");
        Map<String, String> noMethod = requestWith(new LinkedHashMap<>());
        noMethod.remove("code_challenge_method");
        assertThat(sentBack(noMethod)).containsEntry("error", "invalid_request");
        // At the token endpoint: no verifier, no tokens.
        String code = code(OAuthFlows.Pkce.create());
        Map<String, String> form = Map.of(
                "grant_type", "authorization_code", "client_id", clientId, "code", code, "redirect_uri", REDIRECT);
        assertOAuthError(OAuthFlows.postForm(http, "/oauth/token", form), 400, "invalid_request");
    }

    @Test
    void aReusedCodeRevokesWhatItIssued() {
        OAuthFlows.Pkce pkce = OAuthFlows.Pkce.create();
        String code = code(pkce);
        Http.Result first = OAuthFlows.exchange(http, clientId, code, REDIRECT, pkce.verifier());
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        String access = first.json().path("access_token").asText();
        assertThat(mcp.stateless("/mcp", access, "tools/list", McpHttp.params()).status())
                .isEqualTo(200);

        assertOAuthError(OAuthFlows.exchange(http, clientId, code, REDIRECT, pkce.verifier()), 400, "invalid_grant");
        assertThat(mcp.stateless("/mcp", access, "tools/list", McpHttp.params()).status())
                .isEqualTo(401);
        assertOAuthError(
                OAuthFlows.refresh(
                        http, clientId, first.json().path("refresh_token").asText()),
                400,
                "invalid_grant");
    }

    @Test
    void anUnregisteredRedirectUriIsShownNeverFollowed() {
        shownNotSentBack(requestWith(Map.of("redirect_uri", "https://evil.example/callback")), "not registered");
        shownNotSentBack(requestWith(Map.of("redirect_uri", REDIRECT + "/more")), "not registered");
        shownNotSentBack(requestWith(Map.of("client_id", "mxc_00000000000000000000000000000000")), "no client");
        shownNotSentBack(requestWith(Map.of("client_id", "")), "client_id is required");
        // At the token endpoint, the redirect URI must be the authorization request's.
        OAuthFlows.Pkce pkce = OAuthFlows.Pkce.create();
        assertOAuthError(
                OAuthFlows.exchange(http, clientId, code(pkce), "https://app.example/other", pkce.verifier()),
                400,
                "invalid_grant");
    }

    @Test
    void aTokenForAnotherResourceIsRefused() {
        assertThat(sentBack(requestWith(Map.of("resource", "https://evil.example/mcp"))))
                .containsEntry("error", "invalid_target");
        assertThat(sentBack(requestWith(new LinkedHashMap<>(Map.of("resource", "")))))
                .containsEntry("error", "invalid_request");

        // A code for /mcp cannot be exchanged for another resource.
        OAuthFlows.Pkce pkce = OAuthFlows.Pkce.create();
        Map<String, String> form = new LinkedHashMap<>(Map.of(
                "grant_type",
                "authorization_code",
                "client_id",
                clientId,
                "code",
                code(pkce),
                "redirect_uri",
                REDIRECT,
                "code_verifier",
                pkce.verifier(),
                "resource",
                PUBLIC_URL + "/mcp/chatgpt"));
        assertOAuthError(OAuthFlows.postForm(http, "/oauth/token", form), 400, "invalid_target");

        // A token issued for /mcp/chatgpt does not open /mcp.
        OAuthFlows.Pkce chatgpt = OAuthFlows.Pkce.create();
        String code = OAuthFlows.approve(
                        http,
                        OAuthFlows.request(clientId, REDIRECT, PUBLIC_URL + "/mcp/chatgpt", chatgpt),
                        email,
                        AuthFlows.PASSWORD)
                .get("code");
        String access = OAuthFlows.exchange(http, clientId, code, REDIRECT, chatgpt.verifier())
                .json()
                .path("access_token")
                .asText();
        assertThat(mcp.stateless("/mcp/chatgpt", access, "tools/list", McpHttp.params())
                        .status())
                .isEqualTo(200);
        Http.Result refused = mcp.stateless("/mcp", access, "tools/list", McpHttp.params());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate").orElseThrow()).contains("invalid_token");
    }

    @Test
    void anExpiredCodeIsRefused() {
        OAuthFlows.Pkce pkce = OAuthFlows.Pkce.create();
        String code = code(pkce);
        SERVER.database()
                .execute("UPDATE oauth_codes SET expires_at = now() - interval '1 second' WHERE used_at IS NULL");
        Http.Result expired = OAuthFlows.exchange(http, clientId, code, REDIRECT, pkce.verifier());
        assertOAuthError(expired, 400, "invalid_grant");
        assertThat(expired.json().path("error_description").asText()).contains("expired");
    }

    @Test
    void aCodeIssuedToAnotherClientIsRefused() {
        OAuthFlows.Pkce pkce = OAuthFlows.Pkce.create();
        String code = code(pkce);
        String thief = OAuthFlows.registerClient(http, "Thief", REDIRECT);
        assertOAuthError(OAuthFlows.exchange(http, thief, code, REDIRECT, pkce.verifier()), 400, "invalid_grant");
    }

    @Test
    void theFormsRefuseCrossSitePosts() {
        String newcomer = "new-" + System.nanoTime() + "@example.com";
        AuthFlows.signedUp(http, newcomer);
        Map<String, String> params = OAuthFlows.request(clientId, REDIRECT, MCP, OAuthFlows.Pkce.create());
        Http.Result page = OAuthFlows.authorize(http, params);
        Http.Result consent = OAuthFlows.signIn(http, page, newcomer, AuthFlows.PASSWORD);
        assertThat(consent.status()).as(consent.toString()).isEqualTo(200);

        // A page elsewhere posting the consent form: the browser sends no SameSite=Strict cookie, or the attacker's
        // own.
        Map<String, String> forged = OAuthFlows.hiddenFields(consent.body());
        forged.put("decision", "allow");
        for (String[] cookie : new String[][] {{}, {"Cookie", AuthorizationController.CSRF_COOKIE + "=attacker"}}) {
            Http.Result refused = OAuthFlows.postForm(http, "/oauth/authorize/consent", forged, cookie);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.header("Location")).isEmpty();
            assertThat(refused.body()).contains("security check");
        }
        // The sign-in form too.
        Map<String, String> signIn = OAuthFlows.hiddenFields(page.body());
        signIn.put("email", newcomer);
        signIn.put("password", AuthFlows.PASSWORD);
        assertThat(OAuthFlows.postForm(http, "/oauth/authorize", signIn).status())
                .isEqualTo(403);

        // A consent ticket is bound to its request: another scope, redirect or challenge voids it.
        Map<String, String> widened = OAuthFlows.hiddenFields(consent.body());
        widened.put("decision", "allow");
        widened.put("code_challenge", OAuthFlows.Pkce.create().challenge());
        Http.Result tampered =
                OAuthFlows.postForm(http, "/oauth/authorize/consent", widened, "Cookie", OAuthFlows.csrfCookie(page));
        assertThat(tampered.status()).isEqualTo(403);
        assertThat(tampered.header("Location")).isEmpty();
    }

    @Test
    void aMetadataDocumentOnAPrivateAddressIsNeverFetched() {
        shownNotSentBack(requestWith(Map.of("client_id", "https://127.0.0.1/client.json")), "metadata document");
        shownNotSentBack(
                requestWith(Map.of("client_id", "https://169.254.169.254/latest/meta-data/client.json")),
                "metadata document");
    }

    @Test
    void otherBadRequestsGoBackToTheClient() {
        assertThat(sentBack(requestWith(Map.of("response_type", "token"))))
                .containsEntry("error", "unsupported_response_type");
        assertThat(sentBack(requestWith(Map.of("scope", "admin")))).containsEntry("error", "invalid_scope");
        Map<String, String> duplicated = requestWith(Map.of());
        Http.Result twice = http.get("/oauth/authorize?" + OAuthFlows.form(duplicated) + "&scope=memax%3Aread");
        assertThat(OAuthFlows.redirectQuery(twice, REDIRECT)).containsEntry("error", "invalid_request");
        assertOAuthError(
                OAuthFlows.postForm(http, "/oauth/token", Map.of("grant_type", "password", "client_id", clientId)),
                400,
                "unsupported_grant_type");
        assertOAuthError(
                OAuthFlows.postForm(http, "/oauth/token", Map.of("grant_type", "authorization_code")),
                400,
                "invalid_request");
    }
}
