package dev.memax.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.unbescape.html.HtmlEscape;

/**
 * The OAuth flow as a client and a browser drive it, over plain HTTP (no redirects followed):
 * the authorization page's forms are read from its HTML and posted back with its CSRF cookie.
 */
final class OAuthFlows {
    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    private OAuthFlows() {}

    /** A PKCE pair (RFC 7636, S256). */
    record Pkce(String verifier, String challenge) {
        static Pkce create() {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                byte[] digest =
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(
                        verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Registers a client through RFC 7591 and answers its client_id. */
    static String registerClient(Http http, String name, String redirectUri) {
        Http.Result created = http.postJson(
                "/oauth/register", "{\"client_name\": \"" + name + "\", \"redirect_uris\": [\"" + redirectUri + "\"]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("client_id").asText();
    }

    /** The usual authorization request parameters for a client. */
    static Map<String, String> request(String clientId, String redirectUri, String resource, Pkce pkce) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", redirectUri);
        params.put("state", "st-" + RANDOM.nextInt(1_000_000));
        params.put("code_challenge", pkce.challenge());
        params.put("code_challenge_method", "S256");
        params.put("resource", resource);
        params.put("scope", "memax:read memax:write");
        return params;
    }

    static Http.Result authorize(Http http, Map<String, String> params) {
        return http.get("/oauth/authorize?" + form(params));
    }

    /** The page's hidden fields, unescaped. */
    static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher matcher = HIDDEN.matcher(html);
        while (matcher.find()) {
            fields.put(matcher.group(1), HtmlEscape.unescapeHtml(matcher.group(2)));
        }
        return fields;
    }

    /** The CSRF cookie the page set, as a Cookie header value. */
    static String csrfCookie(Http.Result page) {
        String setCookie = page.headers().getOrDefault("set-cookie", java.util.List.of()).stream()
                .filter(c -> c.startsWith(AuthorizationController.CSRF_COOKIE + "="))
                .findFirst()
                .orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    static Http.Result postForm(Http http, String path, Map<String, String> form, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/x-www-form-urlencoded";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return http.send("POST", path, form(form), all);
    }

    /** Posts the sign-in form of an authorization page. */
    static Http.Result signIn(Http http, Http.Result page, String email, String password) {
        Map<String, String> form = hiddenFields(page.body());
        form.put("email", email);
        form.put("password", password);
        return postForm(http, "/oauth/authorize", form, "Cookie", csrfCookie(page));
    }

    /** Posts the consent form with the decision ({@code allow}, {@code deny}), with the CSRF cookie of the first page. */
    static Http.Result decide(Http http, Http.Result consentPage, String cookie, String decision) {
        Map<String, String> form = hiddenFields(consentPage.body());
        form.put("decision", decision);
        return postForm(http, "/oauth/authorize/consent", form, "Cookie", cookie);
    }

    /**
     * The whole browser part: signs in and allows (when consent is remembered, signing in is
     * enough); answers the redirect's query parameters.
     */
    static Map<String, String> approve(Http http, Map<String, String> params, String email, String password) {
        Http.Result page = authorize(http, params);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        Http.Result consent = signIn(http, page, email, password);
        if (consent.status() == 303) {
            return redirectQuery(consent, params.get("redirect_uri"));
        }
        assertThat(consent.status()).as(consent.toString()).isEqualTo(200);
        assertThat(consent.body()).contains("Allow");
        Http.Result back = decide(http, consent, csrfCookie(page), "allow");
        assertThat(back.status()).as(back.toString()).isEqualTo(303);
        return redirectQuery(back, params.get("redirect_uri"));
    }

    /** The query of a redirect to {@code redirectUri}, checked to go there. */
    static Map<String, String> redirectQuery(Http.Result redirect, String redirectUri) {
        String location = redirect.header("Location").orElseThrow();
        assertThat(location).startsWith(redirectUri + "?");
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    /** Exchanges a code at the token endpoint. */
    static Http.Result exchange(Http http, String clientId, String code, String redirectUri, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", clientId);
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", verifier);
        return postForm(http, "/oauth/token", form);
    }

    static Http.Result refresh(Http http, String clientId, String refreshToken) {
        return postForm(
                http,
                "/oauth/token",
                Map.of("grant_type", "refresh_token", "client_id", clientId, "refresh_token", refreshToken));
    }

    static void assertOAuthError(Http.Result result, int status, String error) {
        assertThat(result.status()).as(result.toString()).isEqualTo(status);
        JsonNode body = result.json();
        assertThat(body.path("error").asText()).as(result.toString()).isEqualTo(error);
        assertThat(body.path("error_description").asText()).isNotBlank();
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
