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

/**
 * The notification routes the Memax SDK calls beyond one-by-one changes: bulk dismiss, and the
 * items of a checklist (viewed, completed, locked, auto-resolving), over HTTP, per user.
 */
class NotificationItemsTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static final String PATH = "/v1/notifications";
    private static HubApi api;

    @BeforeAll
    static void setUp() {
        api = new HubApi(SERVER);
    }

    private static JsonNode ok(Http.Result result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json().path("data");
    }

    private static JsonNode list(TestUser user, String query) {
        return ok(api.get(user, PATH + query)).path("notifications");
    }

    private static List<String> kinds(JsonNode notifications) {
        List<String> out = new ArrayList<>();
        notifications.forEach(n -> out.add(n.path("kind").asText()));
        return out;
    }

    private static long lastEvent() {
        return SERVER.database().queryLong("SELECT coalesce(max(id), 0) FROM events");
    }

    /** The events after {@code before} as type:entity:change-or-resolution:item, in order. */
    private static String eventsSince(long before) {
        return SERVER.database()
                .queryString("SELECT coalesce(string_agg(type || ':' || entity_id || ':' "
                        + "|| coalesce(payload ->> 'change', payload ->> 'resolution') || ':' || coalesce(payload ->> 'item_id', '-'), "
                        + "',' ORDER BY id), '') FROM events WHERE id > " + before);
    }

    private static Http.Result item(TestUser user, String notification, String item, String action) {
        return api.send(user, "POST", PATH + "/" + notification + "/items/" + item + "/" + action, null);
    }

    @Test
    void aNewTeamHubsChecklistIsTickedOffItemByItemAndResolvesItself() {
        TestUser gil = api.user("gil");
        TestUser hal = api.user("hal");
        UUID hub = api.createHub(gil, "Platform");
        JsonNode checklist = list(gil, "").get(0);
        assertThat(checklist.path("kind").asText()).isEqualTo("checklist");
        assertThat(checklist.path("hub_id").asText()).isEqualTo(hub.toString());
        assertThat(checklist.path("title").asText()).isEqualTo("Set up Platform");
        assertThat(checklist.path("actions")).extracting(JsonNode::asText).containsExactly("dismiss");
        assertThat(checklist.at("/data/items"))
                .extracting(i -> i.path("id").asText())
                .containsExactly("invite_member", "first_memory", "connect_agent");
        assertThat(checklist.at("/data/required_ids")).hasSize(3);
        assertThat(checklist.at("/data/items/1/cta_url").asText()).isEqualTo("/v1/memories");
        assertThat(checklist.at("/data/items/2/locked_by/0").asText()).isEqualTo("first_memory");
        assertThat(checklist.at("/data/items/0/viewed_at").isNull()).isTrue();
        String id = checklist.path("id").asText();
        assertThat(list(hal, "")).isEmpty();

        long before = lastEvent();
        JsonNode viewed = ok(item(gil, id, "first_memory", "view"));
        assertThat(viewed.path("item_id").asText()).isEqualTo("first_memory");
        assertThat(viewed.path("viewed_at").isNull()).isFalse();
        assertThat(viewed.path("completed_at").isNull()).isTrue();
        assertThat(viewed.path("auto_resolved").asBoolean()).isFalse();
        assertThat(viewed.at("/notification/data/items/1/viewed_at").asText())
                .isEqualTo(viewed.path("viewed_at").asText());
        // Again: the same time, no new event.
        assertThat(ok(item(gil, id, "first_memory", "view")).path("viewed_at").asText())
                .isEqualTo(viewed.path("viewed_at").asText());
        assertThat(eventsSince(before)).isEqualTo("notification.updated:" + id + ":item_updated:first_memory");

        Http.Result locked = item(gil, id, "connect_agent", "complete");
        assertError(locked, 409, "conflict");
        assertThat(locked.json().at("/error/details/locked_by"))
                .extracting(JsonNode::asText)
                .containsExactly("first_memory");
        assertError(item(gil, id, "no_such_item", "view"), 404, "not_found");
        assertError(item(gil, id, "no_such_item", "complete"), 404, "not_found");
        // Hal cannot reach gil's notification at all.
        assertError(item(hal, id, "first_memory", "complete"), 404, "not_found");
        assertError(item(hal, id, "first_memory", "view"), 404, "not_found");

        before = lastEvent();
        JsonNode first = ok(item(gil, id, "first_memory", "complete"));
        assertThat(first.path("completed_at").isNull()).isFalse();
        assertThat(first.path("viewed_at").asText())
                .isEqualTo(viewed.path("viewed_at").asText());
        assertThat(first.path("auto_resolved").asBoolean()).isFalse();
        JsonNode invite = ok(item(gil, id, "invite_member", "complete"));
        assertThat(invite.path("viewed_at").asText())
                .isEqualTo(invite.path("completed_at").asText());
        assertThat(invite.at("/notification/status").asText()).isEqualTo("pending");
        JsonNode last = ok(item(gil, id, "connect_agent", "complete"));
        assertThat(last.path("auto_resolved").asBoolean()).isTrue();
        assertThat(last.path("auto_resolved_as").asText()).isEqualTo("applied_auto");
        assertThat(last.at("/notification/status").asText()).isEqualTo("resolved");
        assertThat(last.at("/notification/resolution").asText()).isEqualTo("applied_auto");
        assertThat(last.at("/notification/actions")).isEmpty();
        assertThat(eventsSince(before))
                .isEqualTo("notification.updated:" + id + ":item_updated:first_memory,"
                        + "notification.updated:" + id + ":item_updated:invite_member,"
                        + "notification.resolved:" + id + ":applied_auto:connect_agent");
        // Completed items answer as they are, even once the checklist is resolved.
        assertThat(ok(item(gil, id, "invite_member", "complete"))
                        .path("completed_at")
                        .asText())
                .isEqualTo(invite.path("completed_at").asText());
        assertThat(list(gil, "?status=resolved").get(0).path("id").asText()).isEqualTo(id);
    }

    @Test
    void onlyAnOpenChecklistsItemsAreCompleted() {
        TestUser ida = api.user("ida");
        TestUser jan = api.user("jan");
        UUID hub = api.createHub(ida, "Dismissed");
        String checklist = list(ida, "").get(0).path("id").asText();
        // An open checklist is a decision: closed with its own resolve (dismiss), not the dismiss route.
        assertError(api.send(ida, "POST", PATH + "/" + checklist + "/dismiss", null), 409, "conflict");
        JsonNode dismissed =
                ok(api.send(ida, "POST", PATH + "/" + checklist + "/resolve", "{\"action\": \"dismiss\"}"));
        assertThat(dismissed.path("resolution").asText()).isEqualTo("dismissed");
        assertThat(dismissed.path("resolution_action").asText()).isEqualTo("dismiss");
        assertError(item(ida, checklist, "first_memory", "complete"), 409, "conflict");
        // Viewing still records that the user looked.
        assertThat(ok(item(ida, checklist, "first_memory", "view"))
                        .path("viewed_at")
                        .isNull())
                .isFalse();

        // A notification without items has no item to view; one of another kind is never completed.
        api.addMember(ida, hub, jan, "viewer");
        String membership = list(jan, "").get(0).path("id").asText();
        assertError(item(jan, membership, "first_memory", "view"), 404, "not_found");
        assertError(item(jan, UUID.randomUUID().toString(), "x", "complete"), 404, "not_found");
        assertError(item(jan, "not-a-uuid", "x", "view"), 404, "not_found");
    }

    @Test
    void bulkDismissClosesTheCallersReceiptsOfTheKindsNamed() {
        TestUser kim = api.user("kim");
        TestUser lee = api.user("lee");
        UUID first = api.createHub(kim, "First");
        UUID second = api.createHub(kim, "Second");
        UUID third = api.createHub(kim, "Third");
        api.addMember(kim, first, lee, "viewer");
        api.addMember(kim, second, lee, "viewer");
        api.createInvite(kim, third, "{\"email\": \"" + lee.email() + "\", \"role\": \"viewer\"}");
        assertThat(kinds(list(lee, "?status=open")))
                .containsExactly("hub_invite", "membership_changed", "membership_changed");

        // One hub's, named by X-Hub-ID as the SDK sends it.
        long before = lastEvent();
        Http.Result oneHub = api.http()
                .send(
                        "POST",
                        PATH + "/dismiss",
                        "{\"kinds\": [\"membership_changed\"]}",
                        "Authorization",
                        lee.bearer(),
                        "Content-Type",
                        "application/json",
                        "X-Hub-ID",
                        first.toString());
        assertThat(ok(oneHub).path("affected").asInt()).isEqualTo(1);
        String dismissedId = list(lee, "?status=dismissed").get(0).path("id").asText();
        assertThat(list(lee, "?status=dismissed").get(0).path("hub_id").asText())
                .isEqualTo(first.toString());
        assertThat(eventsSince(before)).isEqualTo("notification.updated:" + dismissedId + ":dismissed:-");

        // Kinds this server does not produce match nothing; a future since matches nothing.
        assertThat(ok(api.send(lee, "POST", PATH + "/dismiss", "{\"kinds\": [\"dream_run_completed\"]}"))
                        .path("affected")
                        .asInt())
                .isZero();
        assertThat(ok(api.send(lee, "POST", PATH + "/dismiss", "{\"since\": \"2999-01-01T00:00:00Z\"}"))
                        .path("affected")
                        .asInt())
                .isZero();

        Http.Result decision = api.send(
                lee,
                "POST",
                PATH + "/dismiss",
                "{\"kinds\": [\"membership_changed\", \"hub_invite\"], \"since\": \"yesterday\", \"hub_id\": \"x\"}");
        assertError(decision, 422, "validation_failed");
        assertThat(decision.json().at("/error/details/fields").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("kinds[1]", "since", "hub_id");

        // Bulk seen takes the same filter (the SDK's bulkSeen), and answers affected as well as marked.
        Http.Result seen = api.http()
                .send(
                        "POST",
                        PATH + "/seen",
                        "{\"kinds\": [\"membership_changed\"]}",
                        "Authorization",
                        lee.bearer(),
                        "Content-Type",
                        "application/json",
                        "X-Hub-ID",
                        second.toString());
        assertThat(ok(seen).path("affected").asInt()).isEqualTo(1);
        assertThat(ok(seen).path("marked").asInt()).isEqualTo(1);
        assertThat(list(lee, "?unseen_only=true"))
                .extracting(n -> n.path("kind").asText())
                .containsExactly("hub_invite");
        assertThat(api.send(lee, "POST", PATH + "/seen", "{\"kinds\": [\"hub_invite\"]}")
                        .json()
                        .at("/error/details/fields/kinds[0]")
                        .asText())
                .contains("decision");

        // No kinds: every receipt; the invite (a decision) and kim's checklists stay open.
        assertThat(ok(api.send(lee, "POST", PATH + "/dismiss", null))
                        .path("affected")
                        .asInt())
                .isEqualTo(1);
        assertThat(kinds(list(lee, "?status=open"))).containsExactly("hub_invite");
        assertThat(kinds(list(kim, "?status=open"))).containsExactly("checklist", "checklist", "checklist");
        assertThat(ok(api.send(kim, "POST", PATH + "/dismiss", "{}"))
                        .path("affected")
                        .asInt())
                .isZero();
    }
}
