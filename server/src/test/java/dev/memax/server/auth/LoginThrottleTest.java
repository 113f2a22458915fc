package dev.memax.server.auth;

import static dev.memax.server.auth.AuthFlows.PASSWORD;
import static dev.memax.server.auth.AuthFlows.assertError;
import static dev.memax.server.auth.AuthFlows.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Per-account login throttling over HTTP (README "Security"): wrong passwords for one account
 * from many client addresses, sent to two instances sharing one database, lock the account's
 * password sign-in with a growing backoff; the owner's API key and sessions keep working and the
 * owner is notified once per burst; unknown emails are throttled alike.
 */
class LoginThrottleTest {
    private static final String ADDRESS_HEADER = "X-Forwarded-For";
    private static final int ATTEMPTS = 200;
    private static final int ADDRESSES = 40;

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.auth.signup-mode", "open")
            // The per-address limits on too, as deployed: they must not be what stops the guessing.
            .property("memax.rate-limits.enabled", true)
            .property("memax.rate-limits.client-address-header", ADDRESS_HEADER);

    /** A random /16 per run, so that per-address buckets in the shared Redis start empty. */
    private static final String NET = "10." + ThreadLocalRandom.current().nextInt(256) + ".";

    private static Http.Result login(Http http, String email, String password, int address) {
        return http.postJson(
                "/v1/auth/login",
                json("email", email, "password", password),
                ADDRESS_HEADER,
                "203.0.113.9, " + NET + (address / 256) + "." + (address % 256));
    }

    @Test
    void guessingFromManyAddressesIsThrottledPerAccountWithoutLockingTheOwnerOut() {
        Http first = SERVER.http();
        JsonNode session = AuthFlows.signedUp(first, "target@example.com");
        String accessToken = session.at("/tokens/access_token").asText();
        String refreshToken = session.at("/tokens/refresh_token").asText();
        String apiKey = AuthFlows.createKey(first, accessToken, "name", "laptop")
                .path("key")
                .asText();

        Map<Integer, Integer> statuses = new TreeMap<>();
        List<Long> retryAfters = new ArrayList<>();
        try (TestServer second = TestServer.start(SERVER.serverProperties())) {
            Http other = new Http(second.uri());
            for (int i = 0; i < ATTEMPTS; i++) {
                Http.Result result =
                        login(i % 2 == 0 ? first : other, "Target@Example.com", "guess number " + i, i % ADDRESSES);
                statuses.merge(result.status(), 1, Integer::sum);
                if (result.status() == 429) {
                    assertError(result, 429, "rate_limited");
                    assertThat(result.json().at("/error/details/bucket").asText())
                            .isEqualTo("login");
                    retryAfters.add(Long.parseLong(result.header("Retry-After").orElseThrow()));
                } else {
                    AuthFlows.assertUnauthorized(result);
                }
            }
        }
        // The default limit (10 failures) counted across both instances and all 40 addresses.
        assertThat(statuses).isEqualTo(Map.of(401, 10, 429, ATTEMPTS - 10));
        assertThat(retryAfters).allSatisfy(seconds -> assertThat(seconds).isBetween(1L, 60L));

        // The right password during the lock is refused too, from a fresh address.
        Http.Result right = login(first, "target@example.com", PASSWORD, 999);
        assertError(right, 429, "rate_limited");
        assertThat(right.header("Retry-After")).isPresent();

        // The owner is not locked out: API key, access token and refresh token all work.
        assertThat(AuthFlows.me(first, apiKey).status()).isEqualTo(200);
        assertThat(AuthFlows.me(first, accessToken).status()).isEqualTo(200);
        assertThat(AuthFlows.refresh(first, refreshToken).status()).isEqualTo(200);

        // And was told, once.
        List<JsonNode> notices = throttledNotices(first, apiKey);
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).at("/data/failed_attempts").asInt()).isEqualTo(10);
        assertThat(notices.get(0).at("/data/lock_seconds").asInt()).isEqualTo(60);

        // The lock lifts (moved into the past here); ten more failures lock it for twice as long.
        SERVER.database().execute("UPDATE login_throttles SET locked_until = now() - interval '1 second'");
        for (int i = 0; i < 10; i++) {
            AuthFlows.assertUnauthorized(login(first, "target@example.com", "again " + i, 500 + i));
        }
        Http.Result second = login(first, "target@example.com", PASSWORD, 600);
        assertError(second, 429, "rate_limited");
        assertThat(Long.parseLong(second.header("Retry-After").orElseThrow())).isBetween(61L, 120L);
        assertThat(throttledNotices(first, apiKey))
                .as("one notification per burst")
                .hasSize(1);

        // Once the lock lifts, the owner's password works and clears the counters.
        SERVER.database().execute("UPDATE login_throttles SET locked_until = now() - interval '1 second'");
        Http.Result back = login(first, "target@example.com", PASSWORD, 601);
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(SERVER.database()
                        .queryLong("SELECT count(*) FROM login_throttles WHERE email_key = '"
                                + LoginThrottle.key("target@example.com") + "'"))
                .isZero();
        AuthFlows.assertUnauthorized(login(first, "target@example.com", "one slip", 602));
    }

    @Test
    void anUnknownEmailIsThrottledLikeAnAccountSoThe429RevealsNothing() {
        AuthFlows.signedUp(SERVER.http(), "known@example.com");
        List<Http.Result> known = new ArrayList<>();
        List<Http.Result> unknown = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            known.add(login(SERVER.http(), "known@example.com", "wrong " + i, 700 + i));
            unknown.add(login(SERVER.http(), "nobody-here@example.com", "wrong " + i, 700 + i));
        }
        for (int i = 0; i < 12; i++) {
            assertThat(unknown.get(i).status())
                    .as("attempt " + i)
                    .isEqualTo(known.get(i).status());
            assertThat(unknown.get(i).json().at("/error/code"))
                    .isEqualTo(known.get(i).json().at("/error/code"));
            assertThat(unknown.get(i).json().at("/error/details/bucket"))
                    .isEqualTo(known.get(i).json().at("/error/details/bucket"));
        }
        assertThat(known.get(9).status()).isEqualTo(401);
        assertThat(known.get(10).status()).isEqualTo(429);
    }

    private static List<JsonNode> throttledNotices(Http http, String credential) {
        Http.Result result = AuthFlows.send(http, "GET", "/v1/notifications?kind=login_throttled", credential, null);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        result.json().at("/data/notifications").forEach(out::add);
        return out;
    }
}
