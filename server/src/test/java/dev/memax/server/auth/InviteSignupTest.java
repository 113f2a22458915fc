package dev.memax.server.auth;

import static dev.memax.server.auth.AuthFlows.PASSWORD;
import static dev.memax.server.auth.AuthFlows.assertError;
import static dev.memax.server.auth.AuthFlows.assertFieldError;
import static dev.memax.server.auth.AuthFlows.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The default mode, invite: signup needs a live invite token (422 on {@code invite_token}
 * otherwise), joins the invite's hub with its role, and a refused invite leaves no user behind.
 */
class InviteSignupTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static TestUser owner;
    private static String hubId;

    @BeforeAll
    static void teamHub() {
        owner = SERVER.server().createUser("owner@example.com");
        Http.Result hub = AuthFlows.send(SERVER.http(), "POST", "/v1/hubs", owner.apiKey(), json("name", "Research"));
        assertThat(hub.status()).as(hub.toString()).isEqualTo(201);
        hubId = hub.json().at("/data/hub/id").asText();
    }

    private static String invite(Object... fields) {
        Http.Result result =
                AuthFlows.send(SERVER.http(), "POST", "/v1/hubs/" + hubId + "/invites", owner.apiKey(), json(fields));
        assertThat(result.status()).as(result.toString()).isEqualTo(201);
        return result.json().at("/data/token").asText();
    }

    private static Http.Result signup(String email, String token) {
        return SERVER.http()
                .postJson("/v1/auth/signup", json("email", email, "password", PASSWORD, "invite_token", token));
    }

    private static long users(String email) {
        return SERVER.database().queryLong("SELECT count(*) FROM users WHERE email = '" + email + "'");
    }

    @Test
    void signupWithoutAnInviteIsAValidationError() {
        Http.Result result = AuthFlows.signup(SERVER.http(), "walk-in@example.com", PASSWORD);
        assertFieldError(result, "invite_token");
        assertFieldError(signup("walk-in@example.com", " "), "invite_token");
        assertThat(users("walk-in@example.com")).isZero();
    }

    @Test
    void anUnknownInviteIsAValidationErrorAndCreatesNobody() {
        assertFieldError(signup("guess@example.com", "mxi_" + "0".repeat(64)), "invite_token");
        assertFieldError(signup("guess@example.com", "not-a-token"), "invite_token");
        assertThat(users("guess@example.com")).isZero();
    }

    @Test
    void anInviteJoinsItsHubWithItsRoleOnce() {
        String token = invite("role", "viewer");
        AuthFlows.assertAccepted(signup("invited@example.com", token), "invited@example.com");
        JsonNode session = AuthFlows.login(SERVER.http(), "invited@example.com", PASSWORD);
        String access = session.at("/tokens/access_token").asText();

        Http.Result hub = AuthFlows.send(SERVER.http(), "GET", "/v1/hubs/" + hubId, access, null);
        assertThat(hub.status()).as(hub.toString()).isEqualTo(200);
        assertThat(hub.json().at("/data/role").asText()).isEqualTo("viewer");
        JsonNode user = session.path("user");
        assertThat(user.path("personal_hub_id").asText()).isNotBlank().isNotEqualTo(hubId);

        // Single use: a second signup with the same token is refused and leaves nothing behind.
        assertFieldError(signup("second@example.com", token), "invite_token");
        assertThat(users("second@example.com")).isZero();
    }

    @Test
    void anInviteForAnotherEmailIsForbiddenAndRolledBack() {
        String token = invite("email", "intended@example.com", "role", "contributor");
        assertError(signup("intruder@example.com", token), 403, "forbidden");
        assertThat(users("intruder@example.com")).isZero();
        // The invite is still usable by the person it was sent to (matched case-insensitively).
        AuthFlows.assertAccepted(signup("Intended@Example.com", token), "Intended@Example.com");
        assertThat(users("Intended@Example.com")).isEqualTo(1);
    }

    @Test
    void onlyTheAddresseeOfAnInviteLearnsThatTheEmailHasAnAccount() {
        SERVER.server().createUser("member@example.com");
        // An invite bound to that email: its holder is the addressee, and is told to sign in instead.
        String bound = invite("email", "member@example.com");
        Http.Result addressee = signup("member@example.com", bound);
        assertError(addressee, 409, "conflict");
        // An invite anyone may use: a taken email gets the answer a free one gets, and the
        // invite stays unused.
        String open = invite("role", "viewer");
        AuthFlows.assertAccepted(signup("Member@Example.com", open), "Member@Example.com");
        assertThat(SERVER.database()
                        .queryLong("SELECT count(*) FROM hub_invites WHERE accepted_at IS NOT NULL "
                                + "AND token_hash = encode(sha256(convert_to('" + open + "', 'UTF8')), 'hex')"))
                .isZero();
        AuthFlows.assertAccepted(signup("newcomer@example.com", open), "newcomer@example.com");
        assertThat(users("newcomer@example.com")).isEqualTo(1);
    }

    @Test
    void aRevokedInviteIsRefused() {
        Http.Result created =
                AuthFlows.send(SERVER.http(), "POST", "/v1/hubs/" + hubId + "/invites", owner.apiKey(), "{}");
        String inviteId = created.json().at("/data/id").asText();
        String token = created.json().at("/data/token").asText();
        Http.Result revoked = AuthFlows.send(
                SERVER.http(), "DELETE", "/v1/hubs/" + hubId + "/invites/" + inviteId, owner.apiKey(), null);
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertFieldError(signup("late@example.com", token), "invite_token");
        assertThat(users("late@example.com")).isZero();
    }
}
