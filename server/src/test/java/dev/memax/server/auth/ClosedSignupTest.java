package dev.memax.server.auth;

import static dev.memax.server.auth.AuthFlows.PASSWORD;
import static dev.memax.server.auth.AuthFlows.assertError;
import static dev.memax.server.auth.AuthFlows.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.user.UserService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MEMAX_SIGNUP_MODE=closed refuses every signup; existing accounts still log in. */
class ClosedSignupTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension().property("memax.auth.signup-mode", "closed");

    @Test
    void signupIsForbiddenEvenWithAnInvite() {
        assertError(AuthFlows.signup(SERVER.http(), "someone@example.com", PASSWORD), 403, "forbidden");
        assertError(
                SERVER.http()
                        .postJson(
                                "/v1/auth/signup",
                                json(
                                        "email",
                                        "someone@example.com",
                                        "password",
                                        PASSWORD,
                                        "invite_token",
                                        "mxi_" + "a".repeat(64))),
                403,
                "forbidden");
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM users WHERE email = 'someone@example.com'"))
                .isZero();
    }

    @Test
    void existingUsersStillLogIn() {
        SERVER.server().bean(UserService.class).create("old@example.com", null, PASSWORD, false);
        AuthFlows.login(SERVER.http(), "old@example.com", PASSWORD);
    }
}
