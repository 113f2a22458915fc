package dev.memax.server.auth;

import static dev.memax.server.auth.AuthFlows.assertFieldError;
import static dev.memax.server.auth.AuthFlows.assertUnauthorized;
import static dev.memax.server.auth.AuthFlows.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.platform.Hashes;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Refresh tokens rotate, a reused one revokes its session, logout ends a session at once. */
class RefreshAndLogoutTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension().property("memax.auth.signup-mode", "open");

    private static Http http() {
        return SERVER.http();
    }

    private static JsonNode tokens(JsonNode data) {
        return data.path("tokens");
    }

    private static String access(JsonNode tokens) {
        return tokens.path("access_token").asText();
    }

    private static String refreshToken(JsonNode tokens) {
        return tokens.path("refresh_token").asText();
    }

    private static JsonNode refreshed(String refreshToken) {
        Http.Result result = AuthFlows.refresh(http(), refreshToken);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.header("Cache-Control")).hasValue("no-store");
        JsonNode data = result.json().path("data");
        // The pair under tokens, and at the top level as Memax's SDK reads it: the same pair.
        JsonNode tokens = data.path("tokens");
        assertThat(tokens.size()).isEqualTo(6);
        tokens.fieldNames().forEachRemaining(name -> assertThat(data.path(name)).isEqualTo(tokens.path(name)));
        assertThat(data.size()).isEqualTo(7);
        return tokens;
    }

    private static int meStatus(String accessToken) {
        return AuthFlows.me(http(), accessToken).status();
    }

    @Test
    void refreshRotatesWithinTheSameSession() {
        JsonNode first = tokens(AuthFlows.signedUp(http(), "rotate@example.com"));
        JsonNode second = refreshed(refreshToken(first));
        assertThat(refreshToken(second)).matches("mxr_[0-9a-f]{64}").isNotEqualTo(refreshToken(first));
        assertThat(access(second)).isNotEqualTo(access(first));
        assertThat(second.path("token_type").asText()).isEqualTo("Bearer");
        JsonNode third = refreshed(refreshToken(second));
        assertThat(meStatus(access(third))).isEqualTo(200);
        // The older access token stays valid until it expires: same session, not revoked.
        assertThat(meStatus(access(first))).isEqualTo(200);
        assertThat(SERVER.database()
                        .queryLong("SELECT count(DISTINCT session_id) FROM refresh_tokens WHERE token_hash IN ('"
                                + Hashes.sha256Hex(refreshToken(first)) + "', '" + Hashes.sha256Hex(refreshToken(third))
                                + "')"))
                .isEqualTo(1);
    }

    @Test
    void reusingASpentRefreshTokenRevokesTheWholeSession() {
        JsonNode first = tokens(AuthFlows.signedUp(http(), "reuse@example.com"));
        JsonNode second = refreshed(refreshToken(first));
        // Another login session of the same user is not affected.
        JsonNode otherSession = tokens(AuthFlows.login(http(), "reuse@example.com", AuthFlows.PASSWORD));

        assertUnauthorized(AuthFlows.refresh(http(), refreshToken(first)));

        assertUnauthorized(AuthFlows.refresh(http(), refreshToken(second)));
        assertUnauthorized(AuthFlows.me(http(), access(second)));
        assertUnauthorized(AuthFlows.me(http(), access(first)));
        assertThat(SERVER.database()
                        .queryLong("SELECT count(*) FROM auth_sessions s JOIN refresh_tokens t ON t.session_id = s.id "
                                + "WHERE t.token_hash = '" + Hashes.sha256Hex(refreshToken(first))
                                + "' AND s.revoked_reason = 'refresh_reuse'"))
                .isEqualTo(1);
        assertThat(meStatus(access(otherSession))).isEqualTo(200);
        assertThat(refreshed(refreshToken(otherSession)).path("access_token").asText())
                .isNotBlank();
    }

    @Test
    void unknownMalformedAndExpiredRefreshTokensAre401() {
        assertUnauthorized(AuthFlows.refresh(http(), "mxr_" + "0".repeat(64)));
        assertUnauthorized(AuthFlows.refresh(http(), "not-a-refresh-token"));
        assertFieldError(http().postJson("/v1/auth/refresh", "{}"), "refresh_token");

        JsonNode tokens = tokens(AuthFlows.signedUp(http(), "expired-refresh@example.com"));
        SERVER.database()
                .execute("UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = '"
                        + Hashes.sha256Hex(refreshToken(tokens)) + "'");
        assertUnauthorized(AuthFlows.refresh(http(), refreshToken(tokens)));
        // An expired token that was never used is no sign of theft: the session lives on.
        assertThat(meStatus(access(tokens))).isEqualTo(200);
    }

    @Test
    void anExpiredSessionCannotBeRefreshed() {
        JsonNode tokens = tokens(AuthFlows.signedUp(http(), "expired-session@example.com"));
        SERVER.database()
                .execute("UPDATE auth_sessions SET expires_at = now() - interval '1 second' WHERE id = "
                        + "(SELECT session_id FROM refresh_tokens WHERE token_hash = '"
                        + Hashes.sha256Hex(refreshToken(tokens)) + "')");
        assertUnauthorized(AuthFlows.refresh(http(), refreshToken(tokens)));
        assertUnauthorized(AuthFlows.me(http(), access(tokens)));
    }

    @Test
    void logoutEndsTheSessionAtOnce() {
        JsonNode tokens = tokens(AuthFlows.signedUp(http(), "logout@example.com"));
        Http.Result result = AuthFlows.send(http(), "POST", "/v1/auth/logout", access(tokens), "{}");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.json().path("data"))
                .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper()
                        .createObjectNode()
                        .put("revoked", true));
        assertUnauthorized(AuthFlows.me(http(), access(tokens)));
        assertUnauthorized(AuthFlows.refresh(http(), refreshToken(tokens)));
        assertUnauthorized(AuthFlows.send(http(), "POST", "/v1/auth/logout", access(tokens), "{}"));
    }

    @Test
    void logoutWorksWithoutABodyAndCanEndAnotherOwnSession() {
        JsonNode one = tokens(AuthFlows.signedUp(http(), "two-sessions@example.com"));
        JsonNode two = tokens(AuthFlows.login(http(), "two-sessions@example.com", AuthFlows.PASSWORD));
        JsonNode stranger = tokens(AuthFlows.signedUp(http(), "stranger@example.com"));

        // Naming another user's refresh token does nothing to it.
        Http.Result withForeign = AuthFlows.send(
                http(), "POST", "/v1/auth/logout", access(one), json("refresh_token", refreshToken(stranger)));
        assertThat(withForeign.status()).as(withForeign.toString()).isEqualTo(200);
        assertThat(meStatus(access(stranger))).isEqualTo(200);
        assertThat(meStatus(access(one))).isEqualTo(401);

        JsonNode three = tokens(AuthFlows.login(http(), "two-sessions@example.com", AuthFlows.PASSWORD));
        Http.Result both = AuthFlows.send(
                http(), "POST", "/v1/auth/logout", access(three), json("refresh_token", refreshToken(two)));
        assertThat(both.status()).as(both.toString()).isEqualTo(200);
        assertThat(meStatus(access(two))).isEqualTo(401);
        assertThat(meStatus(access(three))).isEqualTo(401);

        JsonNode four = tokens(AuthFlows.login(http(), "two-sessions@example.com", AuthFlows.PASSWORD));
        Http.Result noBody = http().send("POST", "/v1/auth/logout", null, "Authorization", "Bearer " + access(four));
        assertThat(noBody.status()).as(noBody.toString()).isEqualTo(200);
        assertThat(meStatus(access(four))).isEqualTo(401);
    }

    @Test
    void logoutWithAnApiKeyIsAValidationError() {
        TestUser user = SERVER.server().createUser("key-logout@example.com");
        Http.Result result = AuthFlows.send(http(), "POST", "/v1/auth/logout", user.apiKey(), "{}");
        assertFieldError(result, "authorization");
        assertThat(AuthFlows.me(http(), user.apiKey()).status()).isEqualTo(200);
    }

    @Test
    void concurrentRefreshesOfOneTokenHaveExactlyOneWinner() throws Exception {
        int attempts = 8;
        for (int round = 0; round < 3; round++) {
            String token = refreshToken(tokens(AuthFlows.signedUp(http(), "race" + round + "@example.com")));
            ExecutorService pool = Executors.newFixedThreadPool(attempts);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < attempts; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return AuthFlows.refresh(http(), token).status();
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> result : results) {
                    statuses.add(result.get(60, TimeUnit.SECONDS));
                }
                assertThat(statuses).as(statuses.toString()).containsOnly(200, 401);
                assertThat(statuses.stream().filter(s -> s == 200).count())
                        .as(statuses.toString())
                        .isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
