package dev.memax.server.hub;

import static dev.memax.server.hub.HubApi.assertError;
import static dev.memax.server.hub.InviteTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Members: adding existing users, role changes, removal, leaving, the owner rules and pagination. */
class MemberTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static HubApi api;
    private static TestUser owner;

    @BeforeAll
    static void users() {
        api = new HubApi(SERVER);
        owner = api.user("owner");
    }

    private static String members(UUID hub) {
        return "/v1/hubs/" + hub + "/members";
    }

    @Test
    void addByEmailOrUserIdAnswersTheMember() {
        UUID hub = api.createHub(owner, "Adders");
        TestUser byEmail = api.user("by-email");
        TestUser byId = api.user("by-id");

        Http.Result added = api.send(
                owner,
                "POST",
                members(hub),
                "{\"email\": \"  " + byEmail.email().toUpperCase() + " \", \"role\": \"admin\"}");

        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        JsonNode data = added.json().path("data");
        assertThat(fieldNames(data))
                .containsExactly(
                        "user_id", "email", "name", "role", "joined_at", "user_name", "user_email", "user_avatar_url");
        assertThat(data.path("user_email")).isEqualTo(data.path("email"));
        assertThat(data.path("user_id").asText()).isEqualTo(byEmail.id().toString());
        assertThat(data.path("email").asText()).isEqualTo(byEmail.email());
        assertThat(data.path("name").asText())
                .isEqualTo(byEmail.email().substring(0, byEmail.email().indexOf('@')));
        assertThat(data.path("role").asText()).isEqualTo("admin");
        assertThat(data.path("joined_at").asText()).isNotEmpty();
        Http.Result addedById = api.send(
                owner, "POST", members(hub), "{\"user_id\": \"" + byId.id() + "\", \"role\": \"contributor\"}");
        assertThat(addedById.status()).as(addedById.toString()).isEqualTo(201);
        assertThat(addedById.json().at("/data/role").asText()).isEqualTo("contributor");
        assertThat(api.roleInDb(hub, byId.id())).isEqualTo("contributor");
        // The new member sees the hub with its role.
        Http.Result seen = api.get(byEmail, "/v1/hubs/" + hub);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().at("/data/role").asText()).isEqualTo("admin");
    }

    @Test
    void addRefusesUnknownUsersExistingMembersOwnerRoleAndMissingFields() {
        UUID hub = api.createHub(owner, "Refusers");
        TestUser member = api.user("member");
        api.addMember(owner, hub, member, "viewer");
        long before = api.fingerprint(hub);

        assertError(
                api.send(owner, "POST", members(hub), "{\"email\": \"nobody@example.com\", \"role\": \"viewer\"}"),
                404,
                "not_found");
        assertError(
                api.send(
                        owner,
                        "POST",
                        members(hub),
                        "{\"user_id\": \"" + UUID.randomUUID() + "\", \"role\": \"viewer\"}"),
                404,
                "not_found");
        assertError(
                api.send(owner, "POST", members(hub), "{\"user_id\": \"" + member.id() + "\", \"role\": \"admin\"}"),
                409,
                "conflict");
        assertError(
                api.send(owner, "POST", members(hub), "{\"user_id\": \"" + owner.id() + "\", \"role\": \"viewer\"}"),
                409,
                "conflict");
        assertInvalid(hub, "{\"user_id\": \"" + member.id() + "\", \"role\": \"owner\"}", "role");
        assertInvalid(hub, "{\"user_id\": \"" + member.id() + "\", \"role\": \"king\"}", "role");
        assertInvalid(hub, "{\"user_id\": \"" + member.id() + "\"}", "role");
        assertInvalid(hub, "{\"role\": \"viewer\"}", "email");
        TestUser other = api.user("other");
        assertInvalid(
                hub,
                "{\"user_id\": \"" + other.id() + "\", \"email\": \"" + member.email() + "\", \"role\": \"viewer\"}",
                "user_id");

        assertThat(api.fingerprint(hub)).isEqualTo(before);
    }

    private static void assertInvalid(UUID hub, String body, String field) {
        Http.Result result = api.send(owner, "POST", members(hub), body);
        assertError(result, 422, "validation_failed");
        assertThat(result.json().at("/error/details/fields").has(field))
                .as(result.toString())
                .isTrue();
    }

    @Test
    void adminsManageNonOwnerMembersIncludingOtherAdminsButNeverTheOwner() {
        UUID hub = api.createHub(owner, "Admins");
        TestUser admin = api.user("admin");
        TestUser otherAdmin = api.user("other-admin");
        TestUser viewer = api.user("viewer");
        api.addMember(owner, hub, admin, "admin");
        api.addMember(owner, hub, otherAdmin, "admin");
        api.addMember(owner, hub, viewer, "viewer");

        Http.Result promoted = api.send(admin, "PATCH", members(hub) + "/" + viewer.id(), "{\"role\": \"admin\"}");
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        assertThat(promoted.json().at("/data/role").asText()).isEqualTo("admin");
        assertThat(promoted.json().at("/data/user_id").asText())
                .isEqualTo(viewer.id().toString());
        Http.Result demoted = api.send(admin, "PATCH", members(hub) + "/" + otherAdmin.id(), "{\"role\": \"viewer\"}");
        assertThat(demoted.status()).as(demoted.toString()).isEqualTo(200);
        assertThat(api.roleInDb(hub, otherAdmin.id())).isEqualTo("viewer");

        long before = api.fingerprint(hub);
        assertError(
                api.send(admin, "PATCH", members(hub) + "/" + owner.id(), "{\"role\": \"viewer\"}"), 403, "forbidden");
        assertError(api.send(admin, "DELETE", members(hub) + "/" + owner.id(), null), 403, "forbidden");
        Http.Result makeOwner = api.send(admin, "PATCH", members(hub) + "/" + viewer.id(), "{\"role\": \"owner\"}");
        assertError(makeOwner, 422, "validation_failed");
        assertThat(makeOwner.json().at("/error/details/fields/role").asText()).contains("transfer");
        assertError(
                api.send(owner, "PATCH", members(hub) + "/" + viewer.id(), "{\"role\": \"owner\"}"),
                422,
                "validation_failed");
        assertThat(api.fingerprint(hub)).isEqualTo(before);

        Http.Result removed = api.send(admin, "DELETE", members(hub) + "/" + otherAdmin.id(), null);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(removed.json().path("data").path("user_id").asText())
                .isEqualTo(otherAdmin.id().toString());
        assertThat(removed.json().path("data").path("removed").asBoolean()).isTrue();
        assertThat(api.roleInDb(hub, otherAdmin.id())).isEqualTo("none");
        assertError(api.get(otherAdmin, "/v1/hubs/" + hub), 404, "not_found");
        // An admin may step down or remove itself.
        Http.Result selfDemoted =
                api.send(admin, "PATCH", members(hub) + "/" + admin.id(), "{\"role\": \"contributor\"}");
        assertThat(selfDemoted.status()).as(selfDemoted.toString()).isEqualTo(200);
        assertThat(api.roleInDb(hub, admin.id())).isEqualTo("contributor");
    }

    @Test
    void theLastOwnerCanNeitherLeaveNorBeDemotedNorRemoved() {
        UUID hub = api.createHub(owner, "Owned");
        TestUser admin = api.user("admin2");
        api.addMember(owner, hub, admin, "admin");
        long before = api.fingerprint(hub);

        Http.Result leave = api.send(owner, "POST", "/v1/hubs/" + hub + "/leave", null);
        assertError(leave, 409, "conflict");
        assertThat(leave.json().at("/error/message").asText()).contains("transfer ownership");
        assertError(
                api.send(owner, "PATCH", members(hub) + "/" + owner.id(), "{\"role\": \"admin\"}"), 409, "conflict");
        assertError(api.send(owner, "DELETE", members(hub) + "/" + owner.id(), null), 409, "conflict");
        assertThat(api.fingerprint(hub)).isEqualTo(before);
        assertThat(api.roleInDb(hub, owner.id())).isEqualTo("owner");
        // "owner" is never a role to set, not even on the owner itself.
        assertError(
                api.send(owner, "PATCH", members(hub) + "/" + owner.id(), "{\"role\": \"owner\"}"),
                422,
                "validation_failed");
    }

    @Test
    void withTwoOwnersTheOneThatIsNotTheHubOwnerMayGo() {
        UUID hub = api.createHub(owner, "Co-owned");
        TestUser coOwner = api.user("co-owner");
        api.addMember(owner, hub, coOwner, "admin");
        // Not reachable through the API (ownership moves only by transfer), but the rules must still hold.
        SERVER.database()
                .execute("UPDATE hub_members SET role = 'owner' WHERE hub_id = '" + hub + "' AND user_id = '"
                        + coOwner.id() + "'");

        assertError(api.send(coOwner, "DELETE", members(hub) + "/" + owner.id(), null), 409, "conflict");
        Http.Result demoted = api.send(owner, "PATCH", members(hub) + "/" + coOwner.id(), "{\"role\": \"viewer\"}");
        assertThat(demoted.status()).as(demoted.toString()).isEqualTo(200);
        assertThat(api.roleInDb(hub, coOwner.id())).isEqualTo("viewer");
    }

    @Test
    void membersLeaveAndTheirPendingOwnershipOfferGoesWithThem() {
        UUID hub = api.createHub(owner, "Leavers");
        TestUser leaver = api.user("leaver");
        api.addMember(owner, hub, leaver, "contributor");
        assertThat(api.send(owner, "POST", "/v1/hubs/" + hub + "/transfer", "{\"user_id\": \"" + leaver.id() + "\"}")
                        .status())
                .isEqualTo(201);

        Http.Result left = api.send(leaver, "POST", "/v1/hubs/" + hub + "/leave", null);

        assertThat(left.status()).as(left.toString()).isEqualTo(200);
        assertThat(left.json().path("data").path("hub_id").asText()).isEqualTo(hub.toString());
        assertThat(left.json().path("data").path("left").asBoolean()).isTrue();
        assertThat(api.roleInDb(hub, leaver.id())).isEqualTo("none");
        assertThat(api.count("SELECT count(*) FROM hub_ownership_transfers WHERE hub_id = '" + hub + "'"))
                .isZero();
        assertError(api.send(leaver, "POST", "/v1/hubs/" + hub + "/leave", null), 404, "not_found");
    }

    @Test
    void unknownMembersAreNotFound() {
        UUID hub = api.createHub(owner, "Unknowns");
        TestUser outsider = api.user("outsider");

        assertError(
                api.send(owner, "PATCH", members(hub) + "/" + outsider.id(), "{\"role\": \"viewer\"}"),
                404,
                "not_found");
        assertError(api.send(owner, "DELETE", members(hub) + "/" + outsider.id(), null), 404, "not_found");
        assertError(api.send(owner, "DELETE", members(hub) + "/not-a-uuid", null), 404, "not_found");
    }

    @Test
    void membersArePaginatedInJoinOrderWithACursorWalk() {
        UUID hub = api.createHub(owner, "Crowd");
        List<String> expected = new ArrayList<>(List.of(owner.id().toString()));
        for (int i = 0; i < 11; i++) {
            TestUser user = api.user("crowd");
            api.addMember(owner, hub, user, i % 2 == 0 ? "viewer" : "contributor");
            expected.add(user.id().toString());
        }
        TestUser viewer = api.user("pager");
        api.addMember(owner, hub, viewer, "viewer");
        expected.add(viewer.id().toString());

        List<String> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            Http.Result page =
                    api.get(viewer, members(hub) + "?limit=5" + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            JsonNode data = page.json().path("data");
            assertThat(fieldNames(data)).containsExactly("members", "next_cursor", "has_more");
            assertThat(data.path("members").size()).isLessThanOrEqualTo(5);
            data.path("members").forEach(m -> seen.add(m.path("user_id").asText()));
            cursor = data.path("next_cursor").asText();
            assertThat(data.path("has_more").asBoolean()).isEqualTo(!cursor.isEmpty());
            pages++;
        } while (!cursor.isEmpty());

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(expected);
        Http.Result all = api.get(viewer, members(hub));
        assertThat(all.json().at("/data/members").size()).isEqualTo(13);
        assertThat(all.json().at("/data/members/0/role").asText()).isEqualTo("owner");
        assertError(api.get(viewer, members(hub) + "?cursor=forged.cursor"), 400, "bad_request");
        assertError(api.get(viewer, members(hub) + "?limit=101"), 422, "validation_failed");
    }

    @Test
    void concurrentDemotionsNeverLeaveAHubWithoutItsOwner() throws Exception {
        UUID hub = api.createHub(owner, "Contended");
        TestUser second = api.user("second-owner");
        api.addMember(owner, hub, second, "admin");
        SERVER.database()
                .execute("UPDATE hub_members SET role = 'owner' WHERE hub_id = '" + hub + "' AND user_id = '"
                        + second.id() + "'");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        // Each owner demotes the other at once: at most one may succeed (the hub's owner is protected anyway).
        List<Future<Http.Result>> results = List.of(
                pool.submit((Callable<Http.Result>)
                        () -> api.send(owner, "PATCH", members(hub) + "/" + second.id(), "{\"role\": \"admin\"}")),
                pool.submit((Callable<Http.Result>)
                        () -> api.send(second, "PATCH", members(hub) + "/" + owner.id(), "{\"role\": \"admin\"}")));
        for (Future<Http.Result> result : results) {
            Http.Result r = result.get();
            assertThat(r.status()).as(r.toString()).isIn(200, 403, 409);
        }
        pool.shutdown();

        assertThat(api.count("SELECT count(*) FROM hub_members WHERE hub_id = '" + hub + "' AND role = 'owner'"))
                .isEqualTo(1);
        assertThat(api.roleInDb(hub, owner.id())).isEqualTo("owner");
    }
}
