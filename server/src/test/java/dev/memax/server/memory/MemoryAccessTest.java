package dev.memax.server.memory;

import static dev.memax.server.hub.HubApi.assertError;
import static dev.memax.server.memory.MemoryApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.auth.ApiKeyService;
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

/**
 * Who may do what with a memory: tenant isolation for every memory route (another tenant's ids
 * are not_found and change nothing), roles inside a team hub, key scopes and hub restrictions.
 */
class MemoryAccessTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static MemoryApi api;
    private static TestUser alice;
    private static TestUser admin;
    private static TestUser contributor;
    private static TestUser viewer;
    private static TestUser bob;
    private static UUID team;
    private static UUID alicePersonal;
    private static UUID aliceTeam;
    private static UUID contributorsOwn;

    @BeforeAll
    static void tenants() {
        api = new MemoryApi(SERVER);
        alice = api.user("alice");
        admin = api.user("admin");
        contributor = api.user("contributor");
        viewer = api.user("viewer");
        bob = api.user("bob");
        team = api.hubs.createHub(alice, "Alice Inc");
        api.hubs.addMember(alice, team, admin, "admin");
        api.hubs.addMember(alice, team, contributor, "contributor");
        api.hubs.addMember(alice, team, viewer, "viewer");
        alicePersonal = api.createContent(alice, "Alice's private note about the acquisition.");
        aliceTeam = UUID.fromString(api.create(
                        alice,
                        json(
                                "content",
                                "Alice's team note about the roadmap.",
                                "source_path",
                                "team/roadmap.md",
                                "hub_id",
                                team.toString()))
                .path("id")
                .asText());
        contributorsOwn =
                api.createContent(contributor, "The contributor's own team note.", "X-Hub-ID", team.toString());
        api.createContent(bob, "Bob's own note about the roadmap.");
    }

    /** Every memory route aimed at memory {@code id}, as (method, path, body). */
    private static List<String[]> routesOn(UUID id) {
        String m = "/v1/memories/" + id;
        List<String[]> routes = new ArrayList<>();
        routes.add(new String[] {"GET", m, null});
        routes.add(new String[] {"GET", m + "?include_expired=true", null});
        routes.add(new String[] {"PATCH", m, "{\"title\": \"Hijacked\"}"});
        routes.add(new String[] {"DELETE", m, null});
        routes.add(new String[] {"GET", m + "/history", null});
        routes.add(new String[] {"GET", m + "/related", null});
        return routes;
    }

    @Test
    void anotherTenantsIdsAreNotFoundOnEveryRouteAndChangeNothing() {
        for (UUID id : List.of(alicePersonal, aliceTeam)) {
            long before = api.fingerprint(id);
            for (String[] route : routesOn(id)) {
                Http.Result result = api.send(bob, route[0], route[1], route[2]);
                assertError(result, 404, "not_found");
                assertThat(result.body())
                        .as("no trace of the memory")
                        .doesNotContain("Alice")
                        .doesNotContain(alice.id().toString());
            }
            Http.Result deleted = api.post(bob, "/v1/memories/batch-delete", "{\"ids\": [\"" + id + "\"]}");
            assertThat(deleted.json().at("/data/deleted").asInt()).isZero();
            assertThat(deleted.json().at("/data/skipped_count").asInt()).isEqualTo(1);
            assertThat(deleted.json().at("/data/skipped/0/reason").asText()).isEqualTo("not_found");
            Http.Result moved = api.post(
                    bob,
                    "/v1/memories/batch-move",
                    "{\"ids\": [\"" + id + "\"], \"hub_id\": \"" + bob.personalHubId() + "\"}");
            assertThat(moved.json().at("/data/moved").asInt()).isZero();
            assertThat(api.fingerprint(id)).as("memory " + id + " untouched").isEqualTo(before);
        }
        // Writing into, listing or moving to one of Alice's hubs.
        for (UUID hub : List.of(team, alice.personalHubId())) {
            assertError(
                    api.post(bob, "/v1/memories", "{\"content\": \"x\"}", "X-Hub-ID", hub.toString()),
                    404,
                    "not_found");
            assertError(
                    api.post(bob, "/v1/memories", json("content", "x", "hub_id", hub.toString())), 404, "not_found");
            assertError(
                    api.post(
                            bob,
                            "/v1/memories/batch",
                            "{\"memories\": [{\"content\": \"x\", \"hub_id\": \"" + hub + "\"}]}"),
                    404,
                    "not_found");
            assertError(api.get(bob, "/v1/memories?hub_id=" + hub), 404, "not_found");
            UUID bobs = api.createContent(bob, "bob moving");
            assertError(
                    api.post(
                            bob,
                            "/v1/memories/batch-move",
                            "{\"ids\": [\"" + bobs + "\"], \"hub_id\": \"" + hub + "\"}"),
                    404,
                    "not_found");
        }
        assertThat(api.count("SELECT count(*) FROM memories WHERE owner_id = '" + bob.id() + "' AND hub_id <> '"
                        + bob.personalHubId() + "'"))
                .isZero();
        // Bob's list holds only his own memories.
        api.getOk(bob, "/v1/memories?include_expired=true")
                .path("memories")
                .forEach(m -> assertThat(m.path("owner_id").asText())
                        .isEqualTo(bob.id().toString()));
        assertThat(api.getOk(bob, "/v1/memories").path("total").asLong())
                .isEqualTo(api.count("SELECT count(*) FROM memories WHERE owner_id = '" + bob.id() + "'"));
    }

    @Test
    void viewersReadButDoNotWrite() {
        assertThat(api.getOk(viewer, "/v1/memories/" + aliceTeam).path("id").asText())
                .isEqualTo(aliceTeam.toString());
        assertThat(api.getOk(viewer, "/v1/memories?hub_id=" + team)
                        .path("total")
                        .asLong())
                .isGreaterThanOrEqualTo(2);
        long before = api.fingerprint(aliceTeam);
        assertError(
                api.post(viewer, "/v1/memories", "{\"content\": \"x\"}", "X-Hub-ID", team.toString()),
                403,
                "forbidden");
        assertError(api.send(viewer, "PATCH", "/v1/memories/" + aliceTeam, "{\"title\": \"x\"}"), 403, "forbidden");
        assertError(api.send(viewer, "DELETE", "/v1/memories/" + aliceTeam, null), 403, "forbidden");
        assertThat(api.fingerprint(aliceTeam)).isEqualTo(before);
    }

    @Test
    void contributorsChangeTheirOwnMemoriesOnly() {
        long before = api.fingerprint(aliceTeam);
        assertError(
                api.send(contributor, "PATCH", "/v1/memories/" + aliceTeam, "{\"title\": \"x\"}"), 403, "forbidden");
        assertError(api.send(contributor, "DELETE", "/v1/memories/" + aliceTeam, null), 403, "forbidden");
        assertError(
                api.post(
                        contributor,
                        "/v1/memories",
                        json("content", "overwrite", "source_path", "team/roadmap.md"),
                        "X-Hub-ID",
                        team.toString()),
                403,
                "forbidden");
        assertThat(api.fingerprint(aliceTeam)).isEqualTo(before);
        Http.Result own = api.send(contributor, "PATCH", "/v1/memories/" + contributorsOwn, "{\"title\": \"Mine\"}");
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
    }

    @Test
    void adminsAndOwnersModerateEveryMemoryOfTheHub() {
        Http.Result patched = api.send(admin, "PATCH", "/v1/memories/" + contributorsOwn, "{\"pinned\": true}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().at("/data/owner_id").asText())
                .isEqualTo(contributor.id().toString());
        UUID doomed = api.createContent(contributor, "to be removed by the owner", "X-Hub-ID", team.toString());
        assertThat(api.send(alice, "DELETE", "/v1/memories/" + doomed, null).status())
                .isEqualTo(200);
    }

    @Test
    void aReadOnlyKeyCannotWriteAndAHubRestrictedKeySeesOnlyItsHubs() {
        ApiKeyService keys = SERVER.server().bean(ApiKeyService.class);
        String readOnly = "Bearer "
                + keys.create(alice.id(), "ro", EnumSet.of(Scope.READ), null, null, null)
                        .plaintext();
        assertThat(api.hubs.get(readOnly, "/v1/memories/" + alicePersonal).status())
                .isEqualTo(200);
        assertError(api.hubs.send(readOnly, "POST", "/v1/memories", "{\"content\": \"x\"}"), 403, "forbidden");
        assertError(
                api.hubs.send(readOnly, "PATCH", "/v1/memories/" + alicePersonal, "{\"title\": \"x\"}"),
                403,
                "forbidden");
        assertError(api.hubs.send(readOnly, "DELETE", "/v1/memories/" + alicePersonal, null), 403, "forbidden");

        String writeOnly = "Bearer "
                + keys.create(alice.id(), "wo", EnumSet.of(Scope.WRITE), null, null, null)
                        .plaintext();
        assertError(api.hubs.get(writeOnly, "/v1/memories"), 403, "forbidden");
        assertError(api.hubs.get(writeOnly, "/v1/memories/" + alicePersonal), 403, "forbidden");

        String teamOnly = "Bearer "
                + keys.create(alice.id(), "team", EnumSet.allOf(Scope.class), List.of(team), null, null)
                        .plaintext();
        assertError(api.hubs.get(teamOnly, "/v1/memories/" + alicePersonal), 404, "not_found");
        assertError(api.hubs.get(teamOnly, "/v1/memories/" + alicePersonal + "/history"), 404, "not_found");
        Http.Result list = api.hubs.get(teamOnly, "/v1/memories");
        list.json()
                .at("/data/memories")
                .forEach(m -> assertThat(m.path("hub_id").asText()).isEqualTo(team.toString()));
        Http.Result created = api.hubs.send(teamOnly, "POST", "/v1/memories", "{\"content\": \"via a team key\"}");
        assertThat(created.status())
                .as("a key restricted to one hub writes there by default")
                .isEqualTo(201);
        assertThat(created.json().at("/data/hub_id").asText()).isEqualTo(team.toString());
        Set<String> relatedHubs = new java.util.HashSet<>();
        api.hubs
                .get(teamOnly, "/v1/memories/" + aliceTeam + "/related")
                .json()
                .at("/data")
                .forEach(m -> relatedHubs.add(m.path("hub_id").asText()));
        assertThat(relatedHubs).containsOnly(team.toString());
    }
}
