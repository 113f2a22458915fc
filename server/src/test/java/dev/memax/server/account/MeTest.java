package dev.memax.server.account;

import static dev.memax.server.auth.AuthFlows.PASSWORD;
import static dev.memax.server.auth.AuthFlows.assertError;
import static dev.memax.server.auth.AuthFlows.assertFieldError;
import static dev.memax.server.auth.AuthFlows.assertUnauthorized;
import static dev.memax.server.auth.AuthFlows.json;
import static dev.memax.server.auth.AuthFlows.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.auth.AuthFlows;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET/PATCH /v1/auth/me}: the profile, renaming, and password changes that end other sessions. */
class MeTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension().property("memax.auth.signup-mode", "open");

    private static final String ME = "/v1/auth/me";

    private static Http http() {
        return SERVER.http();
    }

    @Test
    void meDescribesTheCallerWhateverTheCredential() {
        TestUser user = SERVER.server().createUser("me@example.com");
        Http.Result result = AuthFlows.me(http(), user.apiKey());
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        JsonNode me = result.json().path("data");
        assertThat(me.path("id").asText()).isEqualTo(user.id().toString());
        assertThat(me.path("email").asText()).isEqualTo("me@example.com");
        assertThat(me.path("personal_hub_id").asText())
                .isEqualTo(user.personalHubId().toString());
        assertThat(me.path("is_admin").asBoolean()).isFalse();
        assertThat(me.path("plan").asText()).isEqualTo("free");
        // Memax's shape beside ours: {user: {..., display_name, personal_plan_id}, hubs: [{hub, role}]}.
        assertThat(me.path("display_name").asText()).isEqualTo(me.path("name").asText());
        assertThat(me.at("/user/id").asText()).isEqualTo(user.id().toString());
        assertThat(me.at("/user/email").asText()).isEqualTo("me@example.com");
        assertThat(me.at("/user/display_name").asText())
                .isEqualTo(me.path("name").asText());
        assertThat(me.at("/user/personal_plan_id").asText()).isEqualTo("free");
        assertThat(me.path("hubs")).hasSize(1);
        assertThat(me.at("/hubs/0/hub/id").asText())
                .isEqualTo(user.personalHubId().toString());
        assertThat(me.at("/hubs/0/role").asText()).isEqualTo("owner");
        assertThat(me.size()).isEqualTo(11);

        // A key without the read scope sees the same user, and no hubs.
        String writeOnly = AuthFlows.createKey(http(), user.apiKey(), "name", "w", "scopes", List.of("write"))
                .path("key")
                .asText();
        JsonNode writersMe = AuthFlows.me(http(), writeOnly).json().path("data");
        assertThat(writersMe.path("hubs")).isEmpty();
        ((com.fasterxml.jackson.databind.node.ObjectNode) writersMe).set("hubs", me.path("hubs"));
        assertThat(writersMe).isEqualTo(me);
    }

    @Test
    void patchRenames() {
        TestUser user = SERVER.server().createUser("rename@example.com");
        Http.Result result =
                send(http(), "PATCH", ME, user.apiKey(), json("name", "  Ada Lovelace  ", "hint", "ignored"));
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.json().at("/data/name").asText()).isEqualTo("Ada Lovelace");
        assertThat(AuthFlows.me(http(), user.apiKey()).json().at("/data/name").asText())
                .isEqualTo("Ada Lovelace");
        // Memax's SDK sends display_name and reads {status, display_name}.
        Http.Result memax = send(http(), "PATCH", ME, user.apiKey(), json("display_name", "Ada L."));
        assertThat(memax.status()).as(memax.toString()).isEqualTo(200);
        assertThat(memax.json().at("/data/display_name").asText()).isEqualTo("Ada L.");
        assertThat(memax.json().at("/data/status").asText()).isEqualTo("updated");
        assertThat(AuthFlows.me(http(), user.apiKey())
                        .json()
                        .at("/data/user/display_name")
                        .asText())
                .isEqualTo("Ada L.");
        assertFieldError(send(http(), "PATCH", ME, user.apiKey(), json("display_name", " ")), "display_name");
        assertThat(send(http(), "PATCH", ME, user.apiKey(), json("name", "Ada Lovelace"))
                        .status())
                .isEqualTo(200);
        assertFieldError(send(http(), "PATCH", ME, user.apiKey(), json("name", "")), "name");
        assertFieldError(send(http(), "PATCH", ME, user.apiKey(), json("name", "   ")), "name");
        assertFieldError(send(http(), "PATCH", ME, user.apiKey(), json("name", "x".repeat(101))), "name");
        Http.Result empty = send(http(), "PATCH", ME, user.apiKey(), "{}");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().at("/data/name").asText()).isEqualTo("Ada Lovelace");
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsOtherSessions() {
        AuthFlows.signedUp(http(), "pw@example.com");
        String sessionA = AuthFlows.login(http(), "pw@example.com", PASSWORD)
                .at("/tokens/access_token")
                .asText();
        JsonNode sessionB = AuthFlows.login(http(), "pw@example.com", PASSWORD).path("tokens");
        String key = AuthFlows.createKey(http(), sessionA, "name", "survives")
                .path("key")
                .asText();

        assertFieldError(
                send(http(), "PATCH", ME, sessionA, json("password", "brand new password")), "current_password");
        assertError(
                send(
                        http(),
                        "PATCH",
                        ME,
                        sessionA,
                        json("password", "brand new password", "current_password", "not the password")),
                403,
                "forbidden");
        assertFieldError(
                send(http(), "PATCH", ME, sessionA, json("password", "short", "current_password", PASSWORD)),
                "password");
        // Nothing changed so far.
        assertThat(AuthFlows.me(http(), sessionB.path("access_token").asText()).status())
                .isEqualTo(200);

        Http.Result changed = send(
                http(), "PATCH", ME, sessionA, json("password", "brand new password", "current_password", PASSWORD));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);

        assertThat(AuthFlows.me(http(), sessionA).status()).isEqualTo(200);
        assertUnauthorized(AuthFlows.me(http(), sessionB.path("access_token").asText()));
        assertUnauthorized(
                AuthFlows.refresh(http(), sessionB.path("refresh_token").asText()));
        assertThat(AuthFlows.me(http(), key).status())
                .as("API keys are not sessions")
                .isEqualTo(200);
        assertUnauthorized(http().postJson("/v1/auth/login", json("email", "pw@example.com", "password", PASSWORD)));
        AuthFlows.login(http(), "pw@example.com", "brand new password");
    }

    @Test
    void aPasswordChangeThroughAnApiKeyEndsEverySession() {
        AuthFlows.signedUp(http(), "pw-key@example.com");
        String session = AuthFlows.login(http(), "pw-key@example.com", PASSWORD)
                .at("/tokens/access_token")
                .asText();
        String key =
                AuthFlows.createKey(http(), session, "name", "k").path("key").asText();
        Http.Result changed =
                send(http(), "PATCH", ME, key, json("password", "another password", "current_password", PASSWORD));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertUnauthorized(AuthFlows.me(http(), session));
    }

    @Test
    void anAccountWithoutPasswordMaySetOneWithoutTheCurrentOne() {
        TestUser user = SERVER.server().createUser("first-password@example.com");
        Http.Result set = send(http(), "PATCH", ME, user.apiKey(), json("password", "my first password"));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        AuthFlows.login(http(), "first-password@example.com", "my first password");
    }

    @Test
    void readOnlyAndRestrictedKeysCannotChangeTheAccount() {
        TestUser user = SERVER.server().createUser("guarded@example.com");
        String reader = AuthFlows.createKey(http(), user.apiKey(), "name", "r", "scopes", List.of("read"))
                .path("key")
                .asText();
        assertError(send(http(), "PATCH", ME, reader, json("name", "x")), 403, "forbidden");
        String restricted = AuthFlows.createKey(
                        http(),
                        user.apiKey(),
                        "name",
                        "h",
                        "hub_id",
                        user.personalHubId().toString())
                .path("key")
                .asText();
        assertError(send(http(), "PATCH", ME, restricted, json("password", "hijacked password")), 403, "forbidden");
        // Renaming is not an escalation; a restricted key with the write scope may do it.
        assertThat(send(http(), "PATCH", ME, restricted, json("name", "Renamed"))
                        .status())
                .isEqualTo(200);
    }
}
