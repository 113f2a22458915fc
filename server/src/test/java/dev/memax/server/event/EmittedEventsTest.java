package dev.memax.server.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Every state change writes its outbox event (type, audience, actor, entity, payload) with the
 * change, and a refused change writes none: the API call is made, then the events table is read.
 */
class EmittedEventsTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension()
            .property("memax.memories.expired-retention", "1h")
            .property("memax.memories.purge-interval", "1s");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static HubApi api;

    @BeforeAll
    static void setUp() {
        api = new HubApi(SERVER);
        SERVER.database()
                .execute(
                        "INSERT INTO plans (id, name, position, memory_limit, monthly_pushes, "
                                + "monthly_recalls, monthly_asks, storage_bytes, max_upload_bytes, heavy_per_minute, regular_per_minute, "
                                + "light_per_minute, dreams) VALUES "
                                + "('events-pushes', 'Four pushes', 20, NULL, 4, NULL, NULL, NULL, NULL, 1000, 1000, 1000, false)");
    }

    /** One outbox row, as the test compares it. */
    record Event(String type, String hubId, String userId, String actorId, String entityId, JsonNode payload) {
        String action() {
            return payload.path("action").asText();
        }
    }

    private static long lastId() {
        return SERVER.database().queryLong("SELECT coalesce(max(id), 0) FROM events");
    }

    /** The events written after {@code afterId}, in id order. */
    private static List<Event> since(long afterId) {
        String rows = SERVER.database()
                .queryString("SELECT coalesce(json_agg(e ORDER BY e.id), '[]') FROM (SELECT id, "
                        + "type, hub_id, user_id, actor_id, entity_id, payload FROM events WHERE id > " + afterId
                        + ") e");
        List<Event> out = new ArrayList<>();
        try {
            for (JsonNode row : JSON.readTree(rows)) {
                out.add(new Event(
                        row.path("type").asText(),
                        text(row.get("hub_id")),
                        text(row.get("user_id")),
                        text(row.get("actor_id")),
                        text(row.get("entity_id")),
                        row.get("payload")));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String s(UUID id) {
        return id == null ? null : id.toString();
    }

    private static Http.Result send(TestUser as, String method, String path, String body) {
        return api.send(as, method, path, body);
    }

    private static String created(Http.Result result) {
        assertThat(result.status()).as(result.toString()).isIn(200, 201);
        return result.json().at("/data/id").asText();
    }

    @Test
    void memoryWritesEmitMemoriesChangedInTheirHub() {
        TestUser ann = api.user("ann");
        String hub = s(ann.personalHubId());

        long before = lastId();
        String id = created(send(ann, "POST", "/v1/memories", "{\"content\": \"first\", \"source_path\": \"a.md\"}"));
        assertThat(since(before))
                .containsExactly(new Event(
                        "hub.memories.changed",
                        hub,
                        null,
                        s(ann.id()),
                        id,
                        JSON.createObjectNode().put("action", "created")));

        before = lastId();
        created(send(ann, "PATCH", "/v1/memories/" + id, "{\"content\": \"second\"}"));
        assertThat(since(before))
                .extracting(Event::type, Event::hubId, Event::entityId, Event::action)
                .containsExactly(tuple("hub.memories.changed", hub, id, "updated"));

        before = lastId();
        created(send(ann, "PATCH", "/v1/memories/" + id, "{\"state\": \"archived\"}"));
        assertThat(since(before)).extracting(Event::action).containsExactly("archived");

        // An unchanged patch and an unchanged push change nothing and announce nothing.
        before = lastId();
        created(send(ann, "PATCH", "/v1/memories/" + id, "{\"content\": \"second\"}"));
        created(send(ann, "POST", "/v1/memories", "{\"content\": \"second\", \"source_path\": \"a.md\"}"));
        assertThat(since(before)).isEmpty();

        // Batch: an upsert of the existing path updates it, the new item is created.
        before = lastId();
        Http.Result batch = send(
                ann,
                "POST",
                "/v1/memories/batch",
                "{\"memories\": [{\"content\": \"third\", " + "\"source_path\": \"a.md\"}, {\"content\": \"other\"}]}");
        assertThat(batch.status()).as(batch.toString()).isIn(200, 201);
        String other = batch.json().at("/data/memories/1/id").asText();
        assertThat(since(before))
                .extracting(Event::entityId, Event::action)
                .containsExactlyInAnyOrder(tuple(id, "updated"), tuple(other, "created"));

        before = lastId();
        assertThat(send(ann, "DELETE", "/v1/memories/" + id, null).status()).isEqualTo(200);
        assertThat(since(before))
                .containsExactly(new Event(
                        "hub.memories.changed",
                        hub,
                        null,
                        s(ann.id()),
                        id,
                        JSON.createObjectNode().put("action", "deleted")));

        before = lastId();
        Http.Result deleted = send(
                ann,
                "POST",
                "/v1/memories/batch-delete",
                "{\"ids\": [\"" + other + "\", \"" + UUID.randomUUID() + "\"]}");
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(since(before))
                .extracting(Event::hubId, Event::entityId, Event::action)
                .containsExactly(tuple(hub, other, "deleted"));
    }

    @Test
    void thePurgeJobAnnouncesEachMemoryItDeletes() throws InterruptedException {
        TestUser pat = api.user("pat");
        String id = created(send(pat, "POST", "/v1/memories", "{\"content\": \"short-lived\"}"));
        long before = lastId();
        SERVER.database()
                .execute("UPDATE memories SET expires_at = now() - interval '2 hours' WHERE id = '" + id + "'");

        long deadline = System.currentTimeMillis() + 20_000;
        while (SERVER.database().queryLong("SELECT count(*) FROM memories WHERE id = '" + id + "'") > 0
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }

        assertThat(since(before))
                .containsExactly(new Event(
                        "hub.memories.changed",
                        s(pat.personalHubId()),
                        null,
                        null,
                        id,
                        JSON.createObjectNode().put("action", "deleted").put("reason", "expired")));
    }

    @Test
    void aMoveAnnouncesItInBothHubs() {
        TestUser bob = api.user("bob");
        UUID team = api.createHub(bob, "Movers");
        String id = created(send(bob, "POST", "/v1/memories", "{\"content\": \"moving\"}"));

        long before = lastId();
        Http.Result moved = send(
                bob, "POST", "/v1/memories/batch-move", "{\"ids\": [\"" + id + "\"], \"hub_id\": \"" + team + "\"}");

        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        List<Event> events = since(before);
        assertThat(events).extracting(Event::hubId).containsExactly(s(bob.personalHubId()), s(team));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo("hub.memories.changed");
            assertThat(e.entityId()).isEqualTo(id);
            assertThat(e.actorId()).isEqualTo(s(bob.id()));
            assertThat(e.action()).isEqualTo("moved");
            assertThat(e.payload().path("from_hub_id").asText()).isEqualTo(s(bob.personalHubId()));
            assertThat(e.payload().path("to_hub_id").asText()).isEqualTo(s(team));
        });
    }

    @Test
    void refusedMemoryWritesEmitNothing() {
        TestUser cat = api.user("cat");
        // Set before the user's first request: the plan is cached per user.
        SERVER.database().execute("UPDATE users SET plan = 'events-pushes' WHERE id = '" + cat.id() + "'");
        created(send(cat, "POST", "/v1/memories", "{\"content\": \"one\", \"source_path\": \"one.md\"}"));
        String two = created(send(cat, "POST", "/v1/memories", "{\"content\": \"two\"}"));

        long before = lastId();
        assertThat(send(cat, "POST", "/v1/memories", "{\"content\": \"\"}").status())
                .isEqualTo(422);
        assertThat(send(cat, "PATCH", "/v1/memories/" + two, "{\"source_path\": \"one.md\"}")
                        .status())
                .isEqualTo(409);
        assertThat(send(cat, "DELETE", "/v1/memories/" + UUID.randomUUID(), null)
                        .status())
                .isEqualTo(404);
        // The memory and its event are written before the quota check fails: both are undone.
        assertThat(send(
                                cat,
                                "POST",
                                "/v1/memories/batch",
                                "{\"memories\": [{\"content\": \"a\"}, {\"content\": \"b\"}, "
                                        + "{\"content\": \"c\"}]}")
                        .status())
                .isEqualTo(402);
        assertThat(since(before).stream().filter(e -> e.type().equals("hub.memories.changed")))
                .isEmpty();
    }

    @Test
    void hubChangesEmitHubListChangedToEachAffectedUser() {
        TestUser dan = api.user("dan");
        TestUser eve = api.user("eve");

        long before = lastId();
        UUID hub = api.createHub(dan, "Listed");
        List<Event> created = since(before);
        assertThat(created).hasSize(2);
        assertThat(created.get(0))
                .isEqualTo(new Event(
                        "hub.list.changed",
                        null,
                        s(dan.id()),
                        s(dan.id()),
                        s(hub),
                        JSON.createObjectNode().put("action", "created")));
        // The owner of a new team hub gets its setup checklist.
        assertThat(created.get(1))
                .extracting(Event::type, Event::hubId, Event::userId, Event::actorId)
                .containsExactly("notification.created", null, s(dan.id()), s(dan.id()));
        assertThat(created.get(1).payload().path("kind").asText()).isEqualTo("checklist");
        assertThat(created.get(1).payload().path("notification_hub_id").asText())
                .isEqualTo(s(hub));
        api.addMember(dan, hub, eve, "viewer");

        before = lastId();
        assertThat(send(dan, "PATCH", "/v1/hubs/" + hub, "{\"name\": \"Renamed\"}")
                        .status())
                .isEqualTo(200);
        assertThat(since(before))
                .extracting(Event::type, Event::userId, Event::entityId, Event::action)
                .containsExactlyInAnyOrder(
                        tuple("hub.list.changed", s(dan.id()), s(hub), "updated"),
                        tuple("hub.list.changed", s(eve.id()), s(hub), "updated"));

        before = lastId();
        assertThat(send(dan, "POST", "/v1/hubs", "{\"name\": \"Taken\", \"slug\": \"" + slugOf(hub) + "\"}")
                        .status())
                .isEqualTo(409);
        assertThat(send(eve, "DELETE", "/v1/hubs/" + hub, null).status()).isIn(403, 404);
        assertThat(since(before)).isEmpty();

        before = lastId();
        assertThat(send(dan, "DELETE", "/v1/hubs/" + hub, null).status()).isEqualTo(200);
        assertThat(since(before))
                .extracting(Event::type, Event::userId, Event::actorId, Event::action)
                .containsExactlyInAnyOrder(
                        tuple("hub.list.changed", s(dan.id()), s(dan.id()), "deleted"),
                        tuple("hub.list.changed", s(eve.id()), s(dan.id()), "deleted"));
    }

    private static String slugOf(UUID hub) {
        return SERVER.database().queryString("SELECT slug FROM hubs WHERE id = '" + hub + "'");
    }

    @Test
    void memberChangesEmitMembersChangedListChangedAndANotification() {
        TestUser fay = api.user("fay");
        TestUser gus = api.user("gus");
        UUID hub = api.createHub(fay, "Members");

        long before = lastId();
        api.addMember(fay, hub, gus, "viewer");
        List<Event> added = since(before);
        assertThat(added)
                .extracting(Event::type)
                .containsExactly("hub.members.changed", "hub.list.changed", "notification.created");
        assertThat(added.get(0))
                .isEqualTo(new Event(
                        "hub.members.changed",
                        s(hub),
                        null,
                        s(fay.id()),
                        s(gus.id()),
                        JSON.createObjectNode()
                                .put("action", "added")
                                .put("user_id", s(gus.id()))
                                .put("role", "viewer")));
        assertThat(added.get(1).userId()).isEqualTo(s(gus.id()));
        assertThat(added.get(2).userId()).isEqualTo(s(gus.id()));
        assertThat(added.get(2).payload().path("kind").asText()).isEqualTo("membership_changed");
        assertThat(SERVER.database()
                        .queryString("SELECT kind || ':' || (data ->> 'change') FROM notifications WHERE id = '"
                                + added.get(2).entityId() + "' AND user_id = '" + gus.id() + "'"))
                .isEqualTo("membership_changed:added");

        before = lastId();
        assertThat(send(
                                fay,
                                "POST",
                                "/v1/hubs/" + hub + "/members",
                                "{\"user_id\": \"" + gus.id() + "\", \"role\": \"admin\"}")
                        .status())
                .isEqualTo(409);
        assertThat(send(fay, "PATCH", "/v1/hubs/" + hub + "/members/" + gus.id(), "{\"role\": \"king\"}")
                        .status())
                .isEqualTo(422);
        assertThat(since(before)).isEmpty();

        before = lastId();
        assertThat(send(fay, "PATCH", "/v1/hubs/" + hub + "/members/" + gus.id(), "{\"role\": \"admin\"}")
                        .status())
                .isEqualTo(200);
        assertThat(since(before))
                .extracting(Event::type, Event::action)
                .containsExactly(
                        tuple("hub.members.changed", "role_changed"),
                        tuple("hub.list.changed", "role_changed"),
                        tuple("notification.created", ""));

        // Ownership transfer: the new owner and the former one each get a new role.
        assertThat(send(fay, "POST", "/v1/hubs/" + hub + "/transfer", "{\"user_id\": \"" + gus.id() + "\"}")
                        .status())
                .isIn(200, 201);
        before = lastId();
        assertThat(send(gus, "POST", "/v1/hubs/" + hub + "/transfer/accept", null)
                        .status())
                .isEqualTo(200);
        assertThat(since(before))
                .extracting(Event::type, Event::entityId, Event::action)
                .containsExactly(
                        tuple("hub.members.changed", s(fay.id()), "ownership_transferred"),
                        tuple("hub.list.changed", s(hub), "ownership_transferred"),
                        tuple("hub.members.changed", s(gus.id()), "ownership_transferred"),
                        tuple("hub.list.changed", s(hub), "ownership_transferred"));

        before = lastId();
        assertThat(send(fay, "POST", "/v1/hubs/" + hub + "/leave", null).status())
                .isEqualTo(200);
        assertThat(since(before))
                .extracting(Event::type, Event::hubId, Event::userId, Event::action)
                .containsExactly(
                        tuple("hub.members.changed", s(hub), null, "left"),
                        tuple("hub.list.changed", null, s(fay.id()), "left"));

        TestUser hal = api.user("hal");
        api.addMember(gus, hub, hal, "viewer");
        before = lastId();
        assertThat(send(gus, "DELETE", "/v1/hubs/" + hub + "/members/" + hal.id(), null)
                        .status())
                .isEqualTo(200);
        List<Event> removed = since(before);
        assertThat(removed)
                .extracting(Event::type, Event::action)
                .containsExactly(
                        tuple("hub.members.changed", "removed"),
                        tuple("hub.list.changed", "removed"),
                        tuple("notification.created", ""));
        assertThat(removed.get(2).userId()).isEqualTo(s(hal.id()));
    }

    @Test
    void invitesNotifyAnExistingInviteeAndJoiningResolvesIt() {
        TestUser ida = api.user("ida");
        TestUser jan = api.user("jan");
        UUID hub = api.createHub(ida, "Invites");

        long before = lastId();
        JsonNode invite = api.createInvite(ida, hub, "{\"email\": \"" + jan.email() + "\", \"role\": \"contributor\"}");
        List<Event> invited = since(before);
        assertThat(invited)
                .extracting(Event::type, Event::userId, Event::actorId)
                .containsExactly(tuple("notification.created", s(jan.id()), s(ida.id())));
        String notification = invited.get(0).entityId();
        assertThat(SERVER.database()
                        .queryString("SELECT kind || ':' || (data ->> 'invite_id') || ':' || hub_id "
                                + "FROM notifications WHERE id = '" + notification + "'"))
                .isEqualTo("hub_invite:" + invite.path("id").asText() + ":" + hub);

        // An invite without an email, or to an unknown one, notifies no one.
        before = lastId();
        api.createInvite(ida, hub, "{\"role\": \"viewer\"}");
        api.createInvite(ida, hub, "{\"email\": \"nobody-here@example.com\", \"role\": \"viewer\"}");
        assertThat(send(ida, "POST", "/v1/hubs/" + hub + "/invites", "{\"email\": \"bad\"}")
                        .status())
                .isEqualTo(422);
        assertThat(since(before)).isEmpty();

        before = lastId();
        Http.Result accepted =
                send(jan, "POST", "/v1/invites/" + invite.path("token").asText() + "/accept", null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(since(before))
                .extracting(Event::type, Event::entityId)
                .containsExactly(
                        tuple("hub.members.changed", s(jan.id())),
                        tuple("hub.list.changed", s(hub)),
                        tuple("notification.resolved", notification));
        assertThat(SERVER.database()
                        .queryString("SELECT status || ':' || resolution FROM notifications WHERE id = '" + notification
                                + "'"))
                .isEqualTo("resolved:accept");
    }

    @Test
    void apiKeyChangesEmitKeyChangedToTheOwner() {
        TestUser kim = api.user("kim");

        long before = lastId();
        Http.Result created = send(kim, "POST", "/v1/auth/api-keys", "{\"name\": \"laptop\", \"scopes\": [\"read\"]}");
        String key = created(created);
        assertThat(since(before))
                .containsExactly(new Event(
                        "key.changed",
                        null,
                        s(kim.id()),
                        s(kim.id()),
                        key,
                        JSON.createObjectNode().put("action", "created")));

        before = lastId();
        assertThat(send(kim, "PATCH", "/v1/auth/api-keys/" + key, "{\"name\": \"desktop\"}")
                        .status())
                .isEqualTo(200);
        assertThat(send(kim, "DELETE", "/v1/auth/api-keys/" + key, null).status())
                .isEqualTo(200);
        assertThat(since(before))
                .extracting(Event::type, Event::userId, Event::entityId, Event::action)
                .containsExactly(
                        tuple("key.changed", s(kim.id()), key, "updated"),
                        tuple("key.changed", s(kim.id()), key, "revoked"));

        before = lastId();
        assertThat(send(kim, "DELETE", "/v1/auth/api-keys/" + key, null).status())
                .isEqualTo(404);
        assertThat(send(kim, "POST", "/v1/auth/api-keys", "{\"name\": \"\", \"scopes\": [\"read\"]}")
                        .status())
                .isEqualTo(422);
        assertThat(since(before)).isEmpty();
    }

    @Test
    void aQuotaAlertIsANotificationWithItsEvent() {
        TestUser lea = api.user("lea");
        SERVER.database().execute("UPDATE users SET plan = 'events-pushes' WHERE id = '" + lea.id() + "'");
        created(send(lea, "POST", "/v1/memories", "{\"content\": \"one\"}"));

        long before = lastId();
        created(send(lea, "POST", "/v1/memories", "{\"content\": \"two\"}"));

        List<Event> events = since(before);
        assertThat(events).extracting(Event::type).containsExactly("hub.memories.changed", "notification.created");
        Event alert = events.get(1);
        assertThat(alert.userId()).isEqualTo(s(lea.id()));
        assertThat(alert.actorId()).isNull();
        assertThat(alert.payload().path("kind").asText()).isEqualTo("quota_alert");
        assertThat(SERVER.database()
                        .queryString("SELECT (data ->> 'metric') || ':' || (data ->> 'threshold') "
                                + "FROM notifications WHERE id = '" + alert.entityId() + "'"))
                .isEqualTo("pushes:50");
    }
}
