package dev.memax.server.notification;

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

/** /v1/notifications over HTTP: filters and paging, seen, dismiss, resolve, errors, and privacy. */
class NotificationsTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static final String PATH = "/v1/notifications";
    private static HubApi api;
    private static TestUser owner;

    @BeforeAll
    static void setUp() {
        api = new HubApi(SERVER);
        owner = api.user("owner");
    }

    private static JsonNode list(TestUser user, String query) {
        Http.Result result = api.get(user, PATH + query);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json().path("data");
    }

    private static JsonNode ok(Http.Result result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json().path("data");
    }

    private static List<String> kinds(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("notifications").forEach(n -> out.add(n.path("kind").asText()));
        return out;
    }

    private static long events(String type, TestUser user) {
        return api.count("SELECT count(*) FROM events WHERE type = '" + type + "' AND user_id = '" + user.id() + "'");
    }

    @Test
    void membershipChangesAreListedNewestFirstAndFilterable() {
        TestUser ann = api.user("ann");
        UUID first = api.createHub(owner, "First");
        UUID second = api.createHub(owner, "Second");
        api.addMember(owner, first, ann, "viewer");
        api.addMember(owner, second, ann, "viewer");
        assertThat(api.send(
                                owner,
                                "PATCH",
                                "/v1/hubs/" + second + "/members/" + ann.id(),
                                "{\"role\": \"contributor\"}")
                        .status())
                .isEqualTo(200);

        JsonNode all = list(ann, "");
        assertThat(kinds(all)).containsExactly("membership_changed", "membership_changed", "membership_changed");
        JsonNode newest = all.path("notifications").get(0);
        assertThat(newest.path("hub_id").asText()).isEqualTo(second.toString());
        assertThat(newest.path("title").asText()).isEqualTo("Your role in Second is now contributor");
        assertThat(newest.at("/data/change").asText()).isEqualTo("role_changed");
        // Memax's fields beside ours: status pending (ours: state open), audience, payload with its hub reference.
        assertThat(newest.path("status").asText()).isEqualTo("pending");
        assertThat(newest.path("state").asText()).isEqualTo("open");
        assertThat(newest.path("audience").asText()).isEqualTo("user");
        assertThat(newest.path("recipient_user_id").asText()).isEqualTo(ann.id().toString());
        assertThat(newest.path("source_kind").asText()).isEqualTo("hub_membership");
        assertThat(newest.path("source_id").asText()).isEqualTo(second.toString());
        assertThat(newest.path("priority").asInt()).isZero();
        assertThat(newest.at("/payload/change").asText()).isEqualTo("role_changed");
        assertThat(newest.at("/payload/hub/id").asText()).isEqualTo(second.toString());
        assertThat(newest.at("/payload/hub/name").asText()).isEqualTo("Second");
        assertThat(newest.path("seen").asBoolean()).isFalse();
        assertThat(newest.path("actions").toString()).isEqualTo("[\"acknowledge\"]");
        assertThat(all.path("has_more").asBoolean()).isFalse();

        assertThat(list(ann, "?hub_id=" + first).path("notifications")).hasSize(1);
        assertThat(list(ann, "?hub=" + first).path("notifications")).hasSize(1);
        assertThat(list(ann, "?hub_id=" + first + "&hub=" + second)
                        .at("/notifications/0/hub_id")
                        .asText())
                .isEqualTo(first.toString());
        assertThat(list(ann, "?kind=hub_invite&kind=quota_alert").path("notifications"))
                .isEmpty();
        assertThat(list(ann, "?kind=hub_invite,membership_changed").path("notifications"))
                .hasSize(3);
        assertThat(list(ann, "?status=pending").path("notifications")).hasSize(3);
        assertThat(list(ann, "?status=open").path("notifications")).hasSize(3);
        assertThat(list(ann, "?status=expired").path("notifications")).isEmpty();
        assertThat(list(ann, "?status=resolved").path("notifications")).isEmpty();
        assertThat(list(ann, "?since=2999-01-01T00:00:00Z").path("notifications"))
                .isEmpty();
        assertThat(list(ann, "?since=2000-01-01T00:00:00Z").path("notifications"))
                .hasSize(3);

        // Paging: two pages of one and two, no overlap.
        JsonNode page1 = list(ann, "?limit=2");
        assertThat(page1.path("has_more").asBoolean()).isTrue();
        JsonNode page2 =
                list(ann, "?limit=2&cursor=" + page1.path("next_cursor").asText());
        assertThat(page2.path("notifications")).hasSize(1);
        assertThat(page2.path("has_more").asBoolean()).isFalse();
        assertThat(page2.at("/notifications/0/id").asText())
                .isEqualTo(all.at("/notifications/2/id").asText());
        // A cursor of another filter set is refused.
        assertError(
                api.get(
                        ann,
                        PATH + "?status=all&limit=2&cursor="
                                + page1.path("next_cursor").asText()),
                400,
                "bad_request");

        // Another user sees none of them (only the setup checklists of the hubs it created).
        assertThat(kinds(list(owner, ""))).isNotEmpty().containsOnly("checklist");
    }

    @Test
    void malformedFiltersAreValidationErrorsNamingTheField() {
        for (String[] bad : new String[][] {
            {"hub_id=nope", "hub_id"},
            {"hub=nope", "hub"},
            {"status=closed", "status"},
            {"unseen_only=yes", "unseen_only"},
            {"since=yesterday", "since"},
            {"limit=0", "limit"}
        }) {
            Http.Result result = api.get(owner, PATH + "?" + bad[0]);
            assertError(result, 422, "validation_failed");
            assertThat(result.json().at("/error/details/fields").has(bad[1]))
                    .as(result.toString())
                    .isTrue();
        }
        assertError(api.get(owner, PATH + "?cursor=forged"), 400, "bad_request");
    }

    @Test
    void seenSummaryAndMarkAllSeen() {
        TestUser bea = api.user("bea");
        UUID one = api.createHub(owner, "Seen one");
        UUID two = api.createHub(owner, "Seen two");
        api.addMember(owner, one, bea, "viewer");
        api.addMember(owner, two, bea, "viewer");
        api.createInvite(owner, api.createHub(owner, "Seen three"), "{\"email\": \"" + bea.email() + "\"}");

        JsonNode summary = ok(api.get(bea, PATH + "/summary"));
        assertThat(summary.path("total").asLong()).isEqualTo(3);
        assertThat(summary.at("/unseen_by_kind/membership_changed").asLong()).isEqualTo(2);
        assertThat(summary.at("/unseen_by_kind/hub_invite").asLong()).isEqualTo(1);
        assertThat(summary.at("/unseen_by_kind/quota_alert").asLong()).isZero();
        // Memax's counts: decisions (the invite) apart from receipts, every kind present.
        assertThat(summary.path("needs_action_pending").asLong()).isEqualTo(1);
        assertThat(summary.path("updates_pending").asLong()).isEqualTo(2);
        assertThat(summary.path("updates_unseen").asLong()).isEqualTo(2);
        assertThat(summary.at("/by_kind/membership_changed").toString()).isEqualTo("{\"pending\":2,\"unseen\":2}");
        assertThat(summary.at("/by_kind/review_contradiction").toString()).isEqualTo("{\"pending\":0,\"unseen\":0}");
        JsonNode oneHub = ok(api.get(bea, PATH + "/summary?hub=" + one));
        assertThat(oneHub.path("total").asLong()).isEqualTo(1);
        assertThat(oneHub.path("needs_action_pending").asLong()).isZero();
        assertError(api.get(bea, PATH + "/summary?hub=nope"), 422, "validation_failed");

        String id = list(bea, "?hub_id=" + one).at("/notifications/0/id").asText();
        long updated = events("notification.updated", bea);
        JsonNode seen = ok(api.send(bea, "POST", PATH + "/" + id + "/seen", null));
        assertThat(seen.path("status").asText()).isEqualTo("seen");
        assertThat(seen.at("/notification/seen").asBoolean()).isTrue();
        assertThat(seen.at("/notification/seen_at").asText()).isNotEmpty();
        assertThat(seen.at("/notification/status").asText()).isEqualTo("pending");
        // Again: no change, no event.
        ok(api.send(bea, "POST", PATH + "/" + id + "/seen", null));
        assertThat(events("notification.updated", bea)).isEqualTo(updated + 1);
        assertThat(list(bea, "?unseen_only=true").path("notifications")).hasSize(2);

        assertThat(ok(api.send(bea, "POST", PATH + "/seen", "{\"hub_id\": \"" + two + "\"}"))
                        .path("marked")
                        .asInt())
                .isEqualTo(1);
        assertThat(ok(api.get(bea, PATH + "/summary")).path("total").asLong()).isEqualTo(1);
        assertThat(ok(api.send(bea, "POST", PATH + "/seen", null))
                        .path("marked")
                        .asInt())
                .isEqualTo(1);
        assertThat(ok(api.send(bea, "POST", PATH + "/seen", "{}"))
                        .path("marked")
                        .asInt())
                .isZero();
        assertThat(ok(api.get(bea, PATH + "/summary")).path("total").asLong()).isZero();
        assertThat(events("notification.updated", bea)).isEqualTo(updated + 3);

        assertError(api.send(bea, "POST", PATH + "/seen", "{\"hub_id\": \"x\"}"), 422, "validation_failed");
    }

    @Test
    void anotherUsersNotificationIsNotFound() {
        TestUser cat = api.user("cat");
        TestUser dan = api.user("dan");
        api.addMember(owner, api.createHub(owner, "Private"), cat, "viewer");
        String id = list(cat, "").at("/notifications/0/id").asText();

        for (String action : List.of("/seen", "/dismiss")) {
            assertError(api.send(dan, "POST", PATH + "/" + id + action, null), 404, "not_found");
        }
        assertError(
                api.send(dan, "POST", PATH + "/" + id + "/resolve", "{\"action\": \"acknowledge\"}"), 404, "not_found");
        assertError(api.send(dan, "POST", PATH + "/not-a-uuid/seen", null), 404, "not_found");
        assertError(api.send(dan, "POST", PATH + "/" + UUID.randomUUID() + "/dismiss", null), 404, "not_found");
        assertThat(list(cat, "").at("/notifications/0/status").asText()).isEqualTo("pending");
    }

    @Test
    void dismissAndResolveFollowTheKindsActions() {
        TestUser eve = api.user("eve");
        api.addMember(owner, api.createHub(owner, "Dismissals"), eve, "viewer");
        String id = list(eve, "").at("/notifications/0/id").asText();

        JsonNode dismissed = ok(api.send(eve, "POST", PATH + "/" + id + "/dismiss", null));
        assertThat(dismissed.path("status").asText()).isEqualTo("dismissed");
        assertThat(dismissed.at("/notification/status").asText()).isEqualTo("dismissed");
        assertThat(dismissed.at("/notification/state").asText()).isEqualTo("dismissed");
        assertThat(dismissed.at("/notification/seen").asBoolean()).isTrue();
        // Dismissed ones leave the default (pending) listing.
        assertThat(list(eve, "").path("notifications")).isEmpty();
        assertThat(list(eve, "?status=all").path("notifications")).hasSize(1);
        ok(api.send(eve, "POST", PATH + "/" + id + "/dismiss", null));

        assertError(api.send(eve, "POST", PATH + "/" + id + "/resolve", "{}"), 422, "validation_failed");
        assertError(
                api.send(eve, "POST", PATH + "/" + id + "/resolve", "{\"action\": \"accept\"}"),
                422,
                "validation_failed");
        long resolvedEvents = events("notification.resolved", eve);
        JsonNode resolved = ok(api.send(eve, "POST", PATH + "/" + id + "/resolve", "{\"action\": \"acknowledge\"}"));
        assertThat(resolved.path("status").asText()).isEqualTo("resolved");
        assertThat(resolved.path("action").asText()).isEqualTo("acknowledge");
        // resolution is Memax's name; resolution_action the action as recorded here.
        assertThat(resolved.path("resolution").asText()).isEqualTo("kept");
        assertThat(resolved.path("resolution_action").asText()).isEqualTo("acknowledge");
        assertThat(resolved.at("/notification/resolution").asText()).isEqualTo("kept");
        assertThat(resolved.at("/notification/resolution_action").asText()).isEqualTo("acknowledge");
        assertThat(SERVER.database()
                        .queryString("SELECT payload ->> 'resolution' || ':' || (payload ->> "
                                + "'resolution_action') FROM events WHERE type = 'notification.resolved' AND entity_id = '"
                                + id + "'"))
                .isEqualTo("kept:acknowledge");
        assertThat(resolved.at("/notification/state").asText()).isEqualTo("resolved");
        assertThat(resolved.at("/notification/resolved_at").asText()).isNotEmpty();
        assertThat(resolved.at("/notification/actions")).isEmpty();
        assertThat(events("notification.resolved", eve)).isEqualTo(resolvedEvents + 1);

        assertError(
                api.send(eve, "POST", PATH + "/" + id + "/resolve", "{\"action\": \"acknowledge\"}"), 409, "conflict");
        assertError(api.send(eve, "POST", PATH + "/" + id + "/dismiss", null), 409, "conflict");
        assertThat(events("notification.resolved", eve)).isEqualTo(resolvedEvents + 1);
    }

    @Test
    void acceptingAnInviteNotificationJoinsTheHub() {
        TestUser fay = api.user("fay");
        UUID hub = api.createHub(owner, "Joinable");
        JsonNode invite =
                api.createInvite(owner, hub, "{\"email\": \"" + fay.email() + "\", \"role\": \"contributor\"}");
        JsonNode notification = list(fay, "?status=open").path("notifications").get(0);
        assertThat(notification.path("kind").asText()).isEqualTo("hub_invite");
        assertThat(notification.at("/data/invite_id").asText())
                .isEqualTo(invite.path("id").asText());
        assertThat(notification.path("actions").toString()).isEqualTo("[\"accept\",\"decline\"]");
        assertThat(notification.path("source_kind").asText()).isEqualTo("hub_invite");
        assertThat(notification.path("source_id").asText())
                .isEqualTo(invite.path("id").asText());
        assertThat(notification.path("priority").asInt()).isEqualTo(1);
        String id = notification.path("id").asText();

        assertError(
                api.send(fay, "POST", PATH + "/" + id + "/resolve", "{\"action\": \"acknowledge\"}"),
                422,
                "validation_failed");
        JsonNode accepted = ok(api.send(fay, "POST", PATH + "/" + id + "/resolve", "{\"action\": \"accept\"}"));
        assertThat(accepted.path("status").asText()).isEqualTo("resolved");
        assertThat(accepted.path("action").asText()).isEqualTo("accept");
        assertThat(accepted.path("resolution").asText()).isEqualTo("accepted");
        assertThat(accepted.path("resolution_action").asText()).isEqualTo("accept");
        assertThat(accepted.at("/notification/status").asText()).isEqualTo("resolved");
        assertThat(accepted.at("/notification/resolution").asText()).isEqualTo("accepted");
        // The resolution filter takes Memax's names (accepted) and this server's (accept).
        assertThat(list(fay, "?status=resolved&resolution=accepted")
                        .at("/notifications/0/id")
                        .asText())
                .isEqualTo(id);
        assertThat(list(fay, "?status=all&resolution=accept&resolution=declined")
                        .path("notifications"))
                .hasSize(1);
        assertThat(list(fay, "?status=resolved&resolution=declined,dismissed").path("notifications"))
                .isEmpty();
        assertThat(api.roleInDb(hub, fay.id())).isEqualTo("contributor");
        assertThat(api.count("SELECT count(*) FROM hub_invites WHERE id = '"
                        + invite.path("id").asText() + "' AND accepted_by = '" + fay.id() + "'"))
                .isEqualTo(1);
        // The token is used up.
        assertError(
                api.send(fay, "POST", "/v1/invites/" + invite.path("token").asText() + "/accept", null),
                404,
                "not_found");
    }

    @Test
    void anInviteThatCannotBeAcceptedLeavesTheNotificationOpen() {
        TestUser gus = api.user("gus");
        UUID hub = api.createHub(owner, "Expired invites");
        JsonNode invite = api.createInvite(owner, hub, "{\"email\": \"" + gus.email() + "\"}");
        String id = list(gus, "").at("/notifications/0/id").asText();
        SERVER.database()
                .execute("UPDATE hub_invites SET expires_at = now() - interval '1 minute' WHERE id = '"
                        + invite.path("id").asText() + "'");

        assertError(api.send(gus, "POST", PATH + "/" + id + "/resolve", "{\"action\": \"accept\"}"), 409, "conflict");
        assertThat(api.roleInDb(hub, gus.id())).isEqualTo("none");
        assertThat(list(gus, "").at("/notifications/0/status").asText()).isEqualTo("pending");

        // An open invite asks for a decision: it is answered with resolve, not dismissed (as in Memax).
        Http.Result dismissed = api.send(gus, "POST", PATH + "/" + id + "/dismiss", null);
        assertError(dismissed, 409, "conflict");
        assertThat(dismissed.json().at("/error/message").asText()).contains("answer it with resolve");
        assertThat(list(gus, "").at("/notifications/0/status").asText()).isEqualTo("pending");

        // Declining needs no live invite.
        JsonNode declined = ok(api.send(gus, "POST", PATH + "/" + id + "/resolve", "{\"action\": \"decline\"}"));
        assertThat(declined.path("resolution").asText()).isEqualTo("declined");
        assertThat(declined.path("resolution_action").asText()).isEqualTo("decline");
        // Once resolved, dismiss is the already-resolved conflict.
        assertThat(api.send(gus, "POST", PATH + "/" + id + "/dismiss", null)
                        .json()
                        .at("/error/message")
                        .asText())
                .contains("already resolved");

        // A revoked invite's notification is resolved for the invitee.
        TestUser hal = api.user("hal");
        JsonNode revoked = api.createInvite(owner, hub, "{\"email\": \"" + hal.email() + "\"}");
        ok(api.send(
                owner,
                "DELETE",
                "/v1/hubs/" + hub + "/invites/" + revoked.path("id").asText(),
                null));
        assertThat(list(hal, "").path("notifications")).isEmpty();
        JsonNode halNotification = list(hal, "?status=resolved").at("/notifications/0");
        assertThat(halNotification.path("status").asText()).isEqualTo("resolved");
        // Memax has no name for a revoked invite: the closest is dismissed; ours stays beside it.
        assertThat(halNotification.path("resolution").asText()).isEqualTo("dismissed");
        assertThat(halNotification.path("resolution_action").asText()).isEqualTo("revoked");
        assertThat(list(hal, "?status=resolved&resolution=dismissed")
                        .at("/notifications/0/id")
                        .asText())
                .isEqualTo(halNotification.path("id").asText());
        assertThat(list(hal, "?status=resolved&resolution=revoked").path("notifications"))
                .hasSize(1);
    }

    @Test
    void aHubRestrictedKeyCannotReachNotifications() {
        TestUser ida = api.user("ida");
        Http.Result key = api.send(
                ida,
                "POST",
                "/v1/auth/api-keys",
                "{\"name\": \"one hub\", \"hub_id\": \"" + ida.personalHubId() + "\"}");
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        String bearer = "Bearer " + key.json().at("/data/key").asText();

        assertError(api.get(bearer, PATH), 403, "forbidden");
        assertError(api.get(bearer, PATH + "/summary"), 403, "forbidden");
        assertError(api.send(bearer, "POST", PATH + "/seen", null), 403, "forbidden");
        assertError(api.get("Bearer nope", PATH), 401, "unauthorized");
    }
}
