package dev.memax.server.access;

import static dev.memax.server.hub.HubApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tenant B using tenant A's hub, member and invite ids: every hub route is not_found and A's state is untouched. */
class TenantIsolationTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static HubApi api;
    private static TestUser alice;
    private static TestUser alicesMember;
    private static TestUser bob;
    private static UUID aliceHub;
    private static UUID bobHub;
    private static String aliceInvite;

    @BeforeAll
    static void tenants() {
        api = new HubApi(SERVER);
        alice = api.user("alice");
        alicesMember = api.user("alices-member");
        bob = api.user("bob");
        aliceHub = api.createHub(alice, "Alice Inc");
        api.addMember(alice, aliceHub, alicesMember, "contributor");
        JsonNode invite = api.createInvite(alice, aliceHub, "{\"role\": \"viewer\"}");
        aliceInvite = invite.path("id").asText();
        assertThat(api.send(
                                alice,
                                "POST",
                                "/v1/hubs/" + aliceHub + "/transfer",
                                "{\"user_id\": \"" + alicesMember.id() + "\"}")
                        .status())
                .isEqualTo(201);
        bobHub = api.createHub(bob, "Bob Corp");
    }

    /** Every hub route aimed at one of A's hubs. */
    private static List<String[]> routesOn(UUID hub) {
        String h = "/v1/hubs/" + hub;
        List<String[]> routes = new ArrayList<>();
        routes.add(new String[] {"GET", h, null});
        routes.add(new String[] {"PATCH", h, "{\"name\": \"Hijacked\"}"});
        routes.add(new String[] {"DELETE", h, null});
        routes.add(new String[] {"GET", h + "/members", null});
        routes.add(new String[] {"POST", h + "/members", "{\"user_id\": \"" + bob.id() + "\", \"role\": \"admin\"}"});
        routes.add(new String[] {"PATCH", h + "/members/" + alicesMember.id(), "{\"role\": \"viewer\"}"});
        routes.add(new String[] {"DELETE", h + "/members/" + alicesMember.id(), null});
        routes.add(new String[] {"PATCH", h + "/members/" + alice.id(), "{\"role\": \"viewer\"}"});
        routes.add(new String[] {"DELETE", h + "/members/" + alice.id(), null});
        routes.add(new String[] {"POST", h + "/leave", null});
        routes.add(new String[] {"POST", h + "/transfer", "{\"user_id\": \"" + bob.id() + "\"}"});
        routes.add(new String[] {"GET", h + "/transfer", null});
        routes.add(new String[] {"POST", h + "/transfer/accept", null});
        routes.add(new String[] {"DELETE", h + "/transfer", null});
        routes.add(new String[] {"POST", h + "/invites", "{\"role\": \"admin\"}"});
        routes.add(new String[] {"GET", h + "/invites", null});
        routes.add(new String[] {"DELETE", h + "/invites/" + aliceInvite, null});
        routes.add(new String[] {"POST", h + "/invites/" + aliceInvite + "/regenerate", null});
        return routes;
    }

    @Test
    void everyRouteWithAnotherTenantsHubIdIsNotFoundAndChangesNothing() {
        long teamBefore = api.fingerprint(aliceHub);
        long personalBefore = api.fingerprint(alice.personalHubId());

        for (UUID hub : List.of(aliceHub, alice.personalHubId())) {
            for (String[] route : routesOn(hub)) {
                Http.Result result = api.send(bob, route[0], route[1], route[2]);
                assertError(result, 404, "not_found");
                assertThat(result.body())
                        .as("no trace of the hub")
                        .doesNotContain("Alice Inc")
                        .doesNotContain(alice.id().toString());
            }
        }

        assertThat(api.fingerprint(aliceHub)).isEqualTo(teamBefore);
        assertThat(api.fingerprint(alice.personalHubId())).isEqualTo(personalBefore);
        assertAliceUntouched();
    }

    @Test
    void anotherTenantsMemberAndInviteIdsInOnesOwnHubAreNotFound() {
        long bobBefore = api.fingerprint(bobHub);
        long aliceBefore = api.fingerprint(aliceHub);
        String h = "/v1/hubs/" + bobHub;

        assertError(
                api.send(bob, "PATCH", h + "/members/" + alicesMember.id(), "{\"role\": \"viewer\"}"),
                404,
                "not_found");
        assertError(api.send(bob, "DELETE", h + "/members/" + alicesMember.id(), null), 404, "not_found");
        assertError(api.send(bob, "PATCH", h + "/members/" + alice.id(), "{\"role\": \"viewer\"}"), 404, "not_found");
        assertError(
                api.send(bob, "POST", h + "/transfer", "{\"user_id\": \"" + alicesMember.id() + "\"}"),
                404,
                "not_found");
        assertError(api.send(bob, "DELETE", h + "/invites/" + aliceInvite, null), 404, "not_found");
        assertError(api.send(bob, "POST", h + "/invites/" + aliceInvite + "/regenerate", null), 404, "not_found");
        assertError(api.send(bob, "POST", h + "/transfer/accept", null), 404, "not_found");

        assertThat(api.fingerprint(bobHub)).isEqualTo(bobBefore);
        assertThat(api.fingerprint(aliceHub)).isEqualTo(aliceBefore);
        assertAliceUntouched();
    }

    @Test
    void anotherTenantsHubsNeverAppearInOnesList() {
        Http.Result list = api.get(bob, "/v1/hubs");

        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().path("data").forEach(entry -> ids.add(entry.at("/hub/id").asText()));
        assertThat(ids).containsExactly(bob.personalHubId().toString(), bobHub.toString());
    }

    private static void assertAliceUntouched() {
        Http.Result hub = api.get(alice, "/v1/hubs/" + aliceHub);
        assertThat(hub.status()).as(hub.toString()).isEqualTo(200);
        assertThat(hub.json().at("/data/hub/name").asText()).isEqualTo("Alice Inc");
        assertThat(hub.json().at("/data/role").asText()).isEqualTo("owner");
        assertThat(api.roleInDb(aliceHub, alicesMember.id())).isEqualTo("contributor");
        assertThat(api.roleInDb(aliceHub, bob.id())).isEqualTo("none");
        Http.Result invites = api.get(alice, "/v1/hubs/" + aliceHub + "/invites");
        assertThat(invites.json().at("/data/0/status").asText()).isEqualTo("pending");
        assertThat(invites.json().at("/data").size()).isEqualTo(1);
        Http.Result transfer = api.get(alice, "/v1/hubs/" + aliceHub + "/transfer");
        assertThat(transfer.json().at("/data/to_user_id").asText())
                .isEqualTo(alicesMember.id().toString());
    }
}
