package dev.memax.server.auth;

import static dev.memax.server.auth.AuthFlows.PASSWORD;
import static dev.memax.server.auth.AuthFlows.assertFieldError;
import static dev.memax.server.auth.AuthFlows.assertUnauthorized;
import static dev.memax.server.auth.AuthFlows.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Signup and login in open mode: shapes, taken emails (not revealed), weak passwords, uniform login failures. */
class SignupLoginTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension().property("memax.auth.signup-mode", "open");

    private static Http http() {
        return SERVER.http();
    }

    @Test
    void signupCreatesTheUserWithAPersonalHubThatLoginThenOpens() {
        Http.Result signup = AuthFlows.signup(http(), "ada@example.com", PASSWORD);
        AuthFlows.assertAccepted(signup, "ada@example.com");
        assertThat(signup.header("Cache-Control")).hasValue("no-store");
        Http.Result result = http().postJson("/v1/auth/login", json("email", "ada@example.com", "password", PASSWORD));
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        JsonNode user = result.json().at("/data/user");
        assertThat(user.path("id").asText()).isNotBlank();
        assertThat(user.path("email").asText()).isEqualTo("ada@example.com");
        assertThat(user.path("name").asText()).isEqualTo("ada");
        assertThat(user.path("is_admin").isBoolean()).isTrue();
        assertThat(user.path("is_admin").asBoolean()).isFalse();
        assertThat(user.path("plan").asText()).isEqualTo("free");
        assertThat(user.path("personal_hub_id").asText()).isNotBlank();
        assertThat(user.path("created_at").asText()).endsWith("Z");
        assertThat(user.path("updated_at").asText()).endsWith("Z");
        assertThat(user.has("password_hash")).isFalse();
        assertThat(user.has("settings")).isFalse();
        assertThat(user.size()).isEqualTo(8);

        JsonNode tokens = result.json().at("/data/tokens");
        assertThat(tokens.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.path("access_token").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(tokens.path("expires_in").asLong()).isEqualTo(3600);
        assertThat(Instant.parse(tokens.path("expires_at").asText()))
                .isCloseTo(Instant.now().plus(Duration.ofHours(1)), within(Duration.ofSeconds(30)));
        assertThat(tokens.path("refresh_token").asText()).matches("mxr_[0-9a-f]{64}");
        assertThat(Instant.parse(tokens.path("refresh_expires_at").asText()))
                .isCloseTo(Instant.now().plus(Duration.ofDays(30)), within(Duration.ofMinutes(1)));
        assertThat(tokens.size()).isEqualTo(6);

        Http.Result me = AuthFlows.me(http(), tokens.path("access_token").asText());
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        // The same user at the top level (Memax's {user, hubs} beside it: MeTest).
        JsonNode meData = me.json().path("data");
        user.fieldNames()
                .forEachRemaining(name -> assertThat(meData.path(name)).as(name).isEqualTo(user.path(name)));
    }

    @Test
    void signupTakesANameAndIgnoresUnknownFields() {
        Http.Result result = http().postJson(
                        "/v1/auth/signup",
                        json(
                                "email",
                                "  grace@example.com ",
                                "password",
                                PASSWORD,
                                "name",
                                "Grace Hopper",
                                "locale",
                                "en"));
        AuthFlows.assertAccepted(result, "grace@example.com");
        JsonNode user = AuthFlows.login(http(), "grace@example.com", PASSWORD).path("user");
        assertThat(user.path("name").asText()).isEqualTo("Grace Hopper");
        assertThat(user.path("email").asText()).isEqualTo("grace@example.com");
    }

    @Test
    void aTakenEmailGetsTheSameAnswerAsAFreeOneAndChangesNothing() {
        JsonNode owner = AuthFlows.signedUp(http(), "dup@example.com");
        Http.Result free = AuthFlows.signup(http(), "free@example.com", PASSWORD);
        Http.Result taken = AuthFlows.signup(http(), "dup@example.com", "another password!");
        Http.Result takenOtherCase = AuthFlows.signup(http(), "DUP@Example.com", PASSWORD);
        AuthFlows.assertAccepted(free, "free@example.com");
        AuthFlows.assertAccepted(taken, "dup@example.com");
        AuthFlows.assertAccepted(takenOtherCase, "DUP@Example.com");
        // Same status, same headers but the request id, same body but the echoed email.
        assertThat(taken.headers().keySet()).isEqualTo(free.headers().keySet());
        // The account is untouched: its password still works, the other one does not.
        assertThat(AuthFlows.login(http(), "dup@example.com", PASSWORD).at("/user/id"))
                .isEqualTo(owner.at("/user/id"));
        assertUnauthorized(
                http().postJson("/v1/auth/login", json("email", "dup@example.com", "password", "another password!")));
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM users WHERE lower(email) = 'dup@example.com'"))
                .isEqualTo(1);
    }

    @Test
    void weakOrMissingPasswordAndBadEmailAreValidationErrors() {
        assertFieldError(AuthFlows.signup(http(), "weak@example.com", "short"), "password");
        assertFieldError(AuthFlows.signup(http(), "weak@example.com", "x".repeat(257)), "password");
        assertFieldError(http().postJson("/v1/auth/signup", json("email", "weak@example.com")), "password");
        assertFieldError(AuthFlows.signup(http(), "not-an-email", PASSWORD), "email");
        assertFieldError(http().postJson("/v1/auth/signup", json("password", PASSWORD)), "email");
        // Nothing was created by the failures.
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM users WHERE email ILIKE 'weak@%'"))
                .isZero();
    }

    @Test
    void loginAnswersTheUserAndANewSession() {
        JsonNode signedUp = AuthFlows.signedUp(http(), "login@example.com");
        // signedUp logged in once already.
        Http.Result result =
                http().postJson("/v1/auth/login", json("email", "Login@Example.com", "password", PASSWORD));
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.header("Cache-Control")).hasValue("no-store");
        JsonNode data = result.json().path("data");
        assertThat(data.path("user")).isEqualTo(signedUp.path("user"));
        assertThat(data.at("/tokens/refresh_token").asText())
                .isNotEqualTo(signedUp.at("/tokens/refresh_token").asText());
        assertThat(AuthFlows.me(http(), data.at("/tokens/access_token").asText())
                        .status())
                .isEqualTo(200);
        assertThat(SERVER.database()
                        .queryLong("SELECT count(*) FROM auth_sessions s JOIN users u ON u.id = s.user_id "
                                + "WHERE u.email = 'login@example.com'"))
                .isEqualTo(2);
    }

    @Test
    void wrongPasswordAndUnknownEmailAreTheSame401() {
        AuthFlows.signedUp(http(), "careful@example.com");
        Http.Result wrongPassword =
                http().postJson("/v1/auth/login", json("email", "careful@example.com", "password", "wrong password!"));
        Http.Result unknownEmail =
                http().postJson("/v1/auth/login", json("email", "nobody@example.com", "password", PASSWORD));
        assertUnauthorized(wrongPassword);
        assertUnauthorized(unknownEmail);
        assertThat(wrongPassword.json().path("error"))
                .isEqualTo(unknownEmail.json().path("error"));
    }

    @Test
    void aUserWithoutPasswordCannotLogIn() {
        SERVER.server().createUser("keys-only@example.com");
        assertUnauthorized(
                http().postJson("/v1/auth/login", json("email", "keys-only@example.com", "password", PASSWORD)));
    }

    @Test
    void loginNeedsBothFields() {
        assertFieldError(http().postJson("/v1/auth/login", json("email", "a@example.com")), "password");
        assertFieldError(http().postJson("/v1/auth/login", json("password", PASSWORD)), "email");
    }

    @Test
    void authRoutesNeedCredentialsExceptThePublicOnes() {
        assertUnauthorized(http().get("/v1/auth/me"));
        assertUnauthorized(http().postJson("/v1/auth/logout", "{}"));
        assertUnauthorized(http().get("/v1/auth/api-keys"));
        assertUnauthorized(http().get("/v1/settings"));
        assertUnauthorized(http().get("/v1/auth/me", "Authorization", "Basic dXNlcjpwYXNz"));
        assertUnauthorized(http().get("/v1/auth/me", "Authorization", "Bearer mxk_" + "0".repeat(64)));
    }
}
