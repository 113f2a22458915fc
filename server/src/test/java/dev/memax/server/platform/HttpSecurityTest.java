package dev.memax.server.platform;

import static dev.memax.server.auth.AuthFlows.PASSWORD;
import static dev.memax.server.auth.AuthFlows.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.auth.AuthFlows;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestServer;
import dev.memax.server.testing.TestUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * README "Security" over HTTP: security headers on every response (errors too), no-store on every
 * answer carrying a secret, the /docs CSP, HSTS for an https public URL, CORS by configured
 * origins (off by default), and /metrics behind its token (off without one).
 */
class HttpSecurityTest {
    private static final String APP = "https://app.example";
    private static final String METRICS_TOKEN = "scrape-me-0123456789";

    /** Configured as a deployment would be: https public URL, one CORS origin, a metrics token. */
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.auth.signup-mode", "open")
            .property("memax.public-url", "https://memax.example")
            .property("memax.metrics.token", METRICS_TOKEN)
            // As MEMAX_CORS_ORIGINS gives it: one comma-separated string.
            .property("micronaut.server.cors.configurations.memax.allowed-origins", "https://other.example," + APP);
    /** Another instance on the same database with the defaults: http public URL, no CORS origin, no metrics token. */
    private static TestServer defaults;

    private static Http plain;
    private static TestUser owner;

    @BeforeAll
    static void start() {
        Map<String, Object> properties = SERVER.serverProperties();
        properties.remove("memax.public-url");
        properties.remove("memax.metrics.token");
        properties.remove("micronaut.server.cors.configurations.memax.allowed-origins");
        defaults = TestServer.start(properties);
        plain = new Http(defaults.uri());
        owner = SERVER.server().createUser("owner@example.com");
    }

    @AfterAll
    static void stop() {
        defaults.close();
    }

    private static Http http() {
        return SERVER.http();
    }

    private static void assertSecurityHeaders(Http.Result result) {
        assertThat(result.header("X-Content-Type-Options"))
                .as(result.toString())
                .hasValue("nosniff");
        assertThat(result.header("Referrer-Policy")).as(result.toString()).hasValue("no-referrer");
        assertThat(result.header("X-Frame-Options")).as(result.toString()).hasValue("DENY");
        assertThat(result.header("Content-Security-Policy"))
                .as(result.toString())
                .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersErrorsIncluded() {
        List<Http.Result> results = List.of(
                http().get("/health"),
                http().get("/v1/auth/me", "Authorization", "Bearer " + owner.apiKey()),
                http().get("/v1/auth/me"),
                http().get("/v1/no-such-route", "Authorization", "Bearer " + owner.apiKey()),
                http().postJson("/v1/memories", "{", "Authorization", "Bearer " + owner.apiKey()),
                http().get("/v1/openapi.yaml"),
                http().get("/docs/assets/swagger-ui.css"),
                http().get("/.well-known/jwks.json"));
        results.forEach(HttpSecurityTest::assertSecurityHeaders);
        assertThat(results).extracting(Http.Result::status).containsExactly(200, 200, 401, 404, 400, 200, 200, 200);
        // HSTS because the public URL is https; not on the instance whose public URL is http.
        results.forEach(r -> assertThat(r.header("Strict-Transport-Security")).hasValue("max-age=31536000"));
        assertThat(plain.get("/health").header("Strict-Transport-Security")).isEmpty();
        assertSecurityHeaders(plain.get("/health"));
        // API answers load nothing; cacheable public documents keep their own Cache-Control.
        assertThat(results.get(1).header("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'none'");
        assertThat(results.get(1).header("Cache-Control")).hasValue("no-store");
        assertThat(results.get(6).header("Cache-Control")).hasValue("public, max-age=86400");
        assertThat(results.get(7).header("Cache-Control")).hasValue("public, max-age=300");
    }

    @Test
    void theDocsPageHasAPolicyThatAllowsItsOwnScriptOnly() throws Exception {
        Http.Result page = http().get("/docs");
        assertThat(page.status()).isEqualTo(200);
        assertSecurityHeaders(page);
        String csp = page.header("Content-Security-Policy").orElseThrow();
        Matcher inline =
                Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(page.body());
        assertThat(inline.find()).isTrue();
        String hash = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(inline.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(csp)
                .startsWith("default-src 'none'; script-src 'self' 'sha256-" + hash + "';")
                .contains("connect-src 'self'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-eval");
        assertThat(csp.substring(csp.indexOf("script-src"), csp.indexOf(';', csp.indexOf("script-src"))))
                .doesNotContain("unsafe-inline");
    }

    @Test
    void everyAnswerCarryingASecretIsNoStore() {
        JsonNode session = AuthFlows.signedUp(http(), "secrets@example.com");
        String access = session.at("/tokens/access_token").asText();
        Http.Result login =
                http().postJson("/v1/auth/login", json("email", "secrets@example.com", "password", PASSWORD));
        Http.Result refresh =
                AuthFlows.refresh(http(), session.at("/tokens/refresh_token").asText());
        Http.Result key = AuthFlows.send(http(), "POST", "/v1/auth/api-keys", access, json("name", "k"));
        Http.Result hub = AuthFlows.send(http(), "POST", "/v1/hubs", owner.apiKey(), json("name", "Team"));
        String hubId = hub.json().at("/data/hub/id").asText();
        Http.Result invite = AuthFlows.send(http(), "POST", "/v1/hubs/" + hubId + "/invites", owner.apiKey(), "{}");
        Http.Result regenerated = AuthFlows.send(
                http(),
                "POST",
                "/v1/hubs/" + hubId + "/invites/" + invite.json().at("/data/id").asText() + "/regenerate",
                owner.apiKey(),
                null);
        for (Http.Result result : List.of(login, refresh, key, invite, regenerated)) {
            assertThat(result.status()).as(result.toString()).isBetween(200, 201);
            assertThat(result.header("Cache-Control")).as(result.toString()).hasValue("no-store");
        }
        assertThat(invite.json().at("/data/token").asText()).startsWith("mxi_");
        assertThat(regenerated.json().at("/data/token").asText()).startsWith("mxi_");
    }

    @Test
    void corsAnswersPreflightsOfConfiguredOriginsOnly() {
        Http.Result preflight = http().send(
                        "OPTIONS",
                        "/v1/memories",
                        null,
                        "Origin",
                        APP,
                        "Access-Control-Request-Method",
                        "POST",
                        "Access-Control-Request-Headers",
                        "authorization, content-type");
        assertThat(preflight.status()).as(preflight.toString()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).hasValue(APP);
        assertThat(preflight.header("Access-Control-Allow-Methods"))
                .hasValueSatisfying(m -> assertThat(m).contains("POST"));
        assertThat(String.join(",", preflight.headers().getOrDefault("access-control-allow-headers", List.of()))
                        .toLowerCase())
                .contains("authorization")
                .contains("content-type");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(preflight.header("Access-Control-Max-Age")).hasValue("600");

        Http.Result actual = http().get("/v1/auth/me", "Origin", APP, "Authorization", "Bearer " + owner.apiKey());
        assertThat(actual.status()).isEqualTo(200);
        assertThat(actual.header("Access-Control-Allow-Origin")).hasValue(APP);
        assertThat(String.join(",", actual.headers().getOrDefault("access-control-expose-headers", List.of())))
                .contains("X-Request-ID")
                .contains("Retry-After");

        // An origin not configured gets no CORS header (a local one, so the localhost guard stays out of it).
        for (Http http : List.of(http(), plain)) {
            Http.Result other = http.send(
                    "OPTIONS",
                    "/v1/memories",
                    null,
                    "Origin",
                    "http://localhost:3000",
                    "Access-Control-Request-Method",
                    "POST");
            assertThat(other.header("Access-Control-Allow-Origin"))
                    .as(other.toString())
                    .isEmpty();
            Http.Result get = http.get("/health", "Origin", "http://localhost:3000");
            assertThat(get.header("Access-Control-Allow-Origin"))
                    .as(get.toString())
                    .isEmpty();
        }
        // Off by default: the configured origin means nothing to an instance without MEMAX_CORS_ORIGINS.
        Http.Result unconfigured =
                plain.send("OPTIONS", "/v1/memories", null, "Origin", APP, "Access-Control-Request-Method", "POST");
        assertThat(unconfigured.header("Access-Control-Allow-Origin"))
                .as(unconfigured.toString())
                .isEmpty();
    }

    @Test
    void metricsNeedTheirTokenAndAreOffWithoutOne() {
        Http.Result anonymous = http().get("/metrics");
        AuthFlows.assertUnauthorized(anonymous);
        AuthFlows.assertUnauthorized(http().get("/metrics", "Authorization", "Bearer " + METRICS_TOKEN + "x"));
        // A user's credential is not the scrape token.
        AuthFlows.assertUnauthorized(http().get("/metrics", "Authorization", "Bearer " + owner.apiKey()));
        Http.Result scraped = http().get("/metrics", "Authorization", "Bearer " + METRICS_TOKEN);
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.body()).contains("jvm_memory_used_bytes");
        assertSecurityHeaders(scraped);

        Http.Result off = plain.get("/metrics", "Authorization", "Bearer " + METRICS_TOKEN);
        AuthFlows.assertError(off, 404, "not_found");
        AuthFlows.assertError(plain.get("/metrics"), 404, "not_found");
    }
}
