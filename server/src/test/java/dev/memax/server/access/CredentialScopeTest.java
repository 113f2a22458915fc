package dev.memax.server.access;

import static dev.memax.server.hub.HubApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.auth.ApiKeyService;
import dev.memax.server.hub.HubApi;
import dev.memax.server.identity.Scope;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a key's scopes and hub restriction allow on the hub routes, whatever the user's role. */
class CredentialScopeTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static HubApi api;
    private static ApiKeyService keys;
    private static TestUser owner;
    private static TestUser member;
    private static UUID team;
    private static String inviteId;
    private static String inviteToken;

    @BeforeAll
    static void hub() {
        api = new HubApi(SERVER);
        keys = SERVER.server().bean(ApiKeyService.class);
        owner = api.user("owner");
        member = api.user("member");
        team = api.createHub(owner, "Scoped Team");
        api.addMember(owner, team, member, "contributor");
        JsonNode invite = api.createInvite(owner, team, "{}");
        inviteId = invite.path("id").asText();
        inviteToken = invite.path("token").asText();
        Http.Result offer =
                api.send(owner, "POST", "/v1/hubs/" + team + "/transfer", "{\"user_id\": \"" + member.id() + "\"}");
        assertThat(offer.status()).as(offer.toString()).isEqualTo(201);
    }

    private static String key(TestUser user, Set<Scope> scopes, List<UUID> hubIds) {
        return "Bearer "
                + keys.create(user.id(), "scoped", scopes, hubIds, null, null).plaintext();
    }

    /** Every write route of the hub API against {@code hub}, as (method, path, body). */
    private static List<String[]> writes(UUID hub, TestUser subject, String invite) {
        String h = "/v1/hubs/" + hub;
        List<String[]> routes = new ArrayList<>();
        routes.add(new String[] {"PATCH", h, "{\"name\": \"Changed\"}"});
        routes.add(new String[] {"DELETE", h, null});
        routes.add(new String[] {
            "POST", h + "/members", "{\"email\": \"" + api.user("fresh").email() + "\", \"role\": \"viewer\"}"
        });
        routes.add(new String[] {"PATCH", h + "/members/" + subject.id(), "{\"role\": \"viewer\"}"});
        routes.add(new String[] {"DELETE", h + "/members/" + subject.id(), null});
        routes.add(new String[] {"POST", h + "/leave", null});
        routes.add(new String[] {"POST", h + "/transfer", "{\"user_id\": \"" + subject.id() + "\"}"});
        routes.add(new String[] {"DELETE", h + "/transfer", null});
        routes.add(new String[] {"POST", h + "/invites", "{}"});
        routes.add(new String[] {"DELETE", h + "/invites/" + invite, null});
        routes.add(new String[] {"POST", h + "/invites/" + invite + "/regenerate", null});
        return routes;
    }

    private static List<String> reads(UUID hub) {
        String h = "/v1/hubs/" + hub;
        return List.of(h, h + "/members", h + "/invites", h + "/transfer");
    }

    @Test
    void aReadOnlyKeyReadsEverythingItsRoleAllowsButEveryWriteIsForbidden() {
        String readOnly = key(owner, EnumSet.of(Scope.READ), null);
        long before = api.fingerprint(team);
        long hubs = api.count("SELECT count(*) FROM hubs WHERE hub_type = 'team'");

        Http.Result list = api.get(readOnly, "/v1/hubs");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().path("data").size()).isEqualTo(2);
        Http.Result slug = api.get(readOnly, "/v1/hubs/check-slug?slug=scoped-team");
        assertThat(slug.status()).as(slug.toString()).isEqualTo(200);
        assertThat(slug.json().at("/data/reason").asText()).isEqualTo("taken");
        for (String path : reads(team)) {
            Http.Result result = api.get(readOnly, path);
            assertThat(result.status()).as(path + ": " + result).isEqualTo(200);
            assertThat(result.json().has("data")).isTrue();
        }
        for (String[] route : writes(team, member, inviteId)) {
            assertError(api.send(readOnly, route[0], route[1], route[2]), 403, "forbidden");
        }
        assertError(api.send(readOnly, "POST", "/v1/hubs", "{\"name\": \"Nope\"}"), 403, "forbidden");
        String memberReadOnly = key(member, EnumSet.of(Scope.READ), null);
        assertError(api.send(memberReadOnly, "POST", "/v1/hubs/" + team + "/transfer/accept", null), 403, "forbidden");
        assertError(api.send(memberReadOnly, "DELETE", "/v1/hubs/" + team + "/transfer", null), 403, "forbidden");
        assertError(api.send(memberReadOnly, "POST", "/v1/hubs/" + team + "/leave", null), 403, "forbidden");
        TestUser stranger = api.user("stranger");
        assertError(
                api.send(
                        key(stranger, EnumSet.of(Scope.READ), null),
                        "POST",
                        "/v1/invites/" + inviteToken + "/accept",
                        null),
                403,
                "forbidden");

        assertThat(api.fingerprint(team)).isEqualTo(before);
        assertThat(api.count("SELECT count(*) FROM hubs WHERE hub_type = 'team'"))
                .isEqualTo(hubs);
        assertThat(api.roleInDb(team, stranger.id())).isEqualTo("none");
    }

    @Test
    void aWriteOnlyKeyCannotRead() {
        String writeOnly = key(owner, EnumSet.of(Scope.WRITE), null);

        assertError(api.get(writeOnly, "/v1/hubs"), 403, "forbidden");
        assertError(api.get(writeOnly, "/v1/hubs/check-slug?slug=abc"), 403, "forbidden");
        for (String path : reads(team)) {
            assertError(api.get(writeOnly, path), 403, "forbidden");
        }
    }

    @Test
    void aKeyRestrictedToOneHubSeesOnlyThatHubAndEveryOtherHubIsNotFound() {
        TestUser user = api.user("restricted");
        TestUser helper = api.user("helper");
        UUID allowed = api.createHub(user, "Allowed");
        UUID hidden = api.createHub(user, "Hidden");
        api.addMember(user, hidden, helper, "contributor");
        String hiddenInvite = api.createInvite(user, hidden, "{}").path("id").asText();
        assertThat(api.send(user, "POST", "/v1/hubs/" + hidden + "/transfer", "{\"user_id\": \"" + helper.id() + "\"}")
                        .status())
                .isEqualTo(201);
        String restricted = key(user, EnumSet.allOf(Scope.class), List.of(allowed));
        long hiddenBefore = api.fingerprint(hidden);
        long personalBefore = api.fingerprint(user.personalHubId());

        Http.Result list = api.get(restricted, "/v1/hubs");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().path("data").size()).isEqualTo(1);
        assertThat(list.json().at("/data/0/hub/id").asText()).isEqualTo(allowed.toString());
        assertThat(api.get(restricted, "/v1/hubs/" + allowed).status()).isEqualTo(200);
        assertThat(api.get(restricted, "/v1/hubs/check-slug?slug=hidden")
                        .json()
                        .at("/data/reason")
                        .asText())
                .isEqualTo("taken");

        for (UUID other : List.of(hidden, user.personalHubId())) {
            for (String path : reads(other)) {
                assertError(api.get(restricted, path), 404, "not_found");
            }
            for (String[] route : writes(other, helper, hiddenInvite)) {
                assertError(api.send(restricted, route[0], route[1], route[2]), 404, "not_found");
            }
            assertError(api.send(restricted, "POST", "/v1/hubs/" + other + "/transfer/accept", null), 404, "not_found");
        }
        // Account-level acts are refused to a restricted key.
        assertError(api.send(restricted, "POST", "/v1/hubs", "{\"name\": \"Escape\"}"), 403, "forbidden");

        assertThat(api.fingerprint(hidden)).isEqualTo(hiddenBefore);
        assertThat(api.fingerprint(user.personalHubId())).isEqualTo(personalBefore);
        // Within its hub the key acts with the user's role.
        Http.Result renamed = api.send(restricted, "PATCH", "/v1/hubs/" + allowed, "{\"name\": \"Still allowed\"}");
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().at("/data/hub/name").asText()).isEqualTo("Still allowed");
    }
}
