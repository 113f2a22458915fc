package dev.memax.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memax.sdk.errors.ConflictException;
import dev.memax.sdk.errors.ValidationException;
import dev.memax.sdk.models.AgentDisconnected;
import dev.memax.sdk.models.ConnectedAgent;
import dev.memax.sdk.models.Memory;
import dev.memax.sdk.models.MemoryAccess;
import dev.memax.sdk.models.MemoryKind;
import dev.memax.sdk.models.MemoryStability;
import dev.memax.sdk.models.Notification;
import dev.memax.sdk.models.NotificationItemUpdate;
import dev.memax.sdk.models.NotificationSummary;
import dev.memax.sdk.models.NotificationsAffected;
import dev.memax.sdk.models.SearchResult;
import dev.memax.sdk.params.MemoryListParams;
import dev.memax.sdk.params.NotificationListParams;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The routes the Memax TypeScript SDK calls: memory search, access, share; agents; notification items and bulk dismiss. */
class CompatRoutesTest {
    private static final String MEMORY_ID = "0190f1a2-0000-7000-8000-0000000000d1";
    private static final UUID ID = UUID.fromString(MEMORY_ID);
    private static final UUID HUB = UUID.fromString(Fixtures.TEAM_HUB_ID);
    private static final UUID NOTIFICATION = UUID.fromString("0190f1a2-0000-7000-8000-0000000000f1");
    private static final String AGENT = """
            {"id":"0190f1a2-0000-7000-8000-0000000000e9","owner_id":"%s","agent_name":"claude-code",
             "display_name":"Claude Code","icon":"","status":"active","created_at":"2026-01-02T00:00:00Z",
             "updated_at":"2026-01-02T00:00:00Z","key_count":2,"config_count":0,"memory_count":5,
             "needs_reconnect":false,"last_active_at":null,"future_field":true}""".formatted(Fixtures.USER_ID);
    private final MockServer server = new MockServer();
    private final MemaxClient client = server.client().build();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void searchSendsTheQueryAndReadsTheMatches() {
        server.data("""
                [{"memory_id":"%s","title":"Deploying","snippet":"Run make rollback","kind":"procedural",
                  "stability":"stable","heading_chain":"Deploying > Rollback","hub_id":"%s","hub_name":"Team",
                  "topic_id":null,"topic_name":null,"score":0.4}]""".formatted(MEMORY_ID, Fixtures.TEAM_HUB_ID)).data("[]");
        List<SearchResult> hits = client.memories().search("roll back");
        assertEquals("GET", server.last().method());
        assertEquals("/v1/memories/search", server.last().path());
        assertEquals("roll back", server.last().queryParam("q"));
        assertNull(server.last().queryParam("limit"));
        SearchResult hit = hits.get(0);
        assertEquals(ID, hit.memoryId());
        assertEquals(MemoryKind.PROCEDURAL, hit.kind());
        assertEquals(MemoryStability.STABLE, hit.stability());
        assertEquals("Deploying > Rollback", hit.headingChain());
        assertEquals("Team", hit.hubName());
        assertEquals(0.4, hit.score());

        UUID topic = UUID.randomUUID();
        assertTrue(client.memories()
                .search("x", 5, HUB, topic, RequestOptions.ofHub(HUB))
                .isEmpty());
        assertEquals("5", server.last().queryParam("limit"));
        assertEquals(Fixtures.TEAM_HUB_ID, server.last().queryParam("hub_id"));
        assertEquals(topic.toString(), server.last().queryParam("topic_id"));
        assertEquals(Fixtures.TEAM_HUB_ID, server.last().header("X-Hub-ID"));
        server.error(422, "validation_failed", "q must hold a word");
        assertThrows(ValidationException.class, () -> client.memories().search("!!"));
    }

    @Test
    void recordAccessAndShare() {
        server.data("{\"id\":\"" + MEMORY_ID + "\",\"access_count\":3,\"accessed_at\":\"2026-01-05T00:00:00Z\"}")
                .reply(201, "{\"data\":" + MemoryServiceTest.MEMORY + "}");
        MemoryAccess access = client.memories().recordAccess(ID);
        assertEquals("POST", server.last().method());
        assertEquals("/v1/memories/" + MEMORY_ID + "/access", server.last().path());
        assertTrue(server.last().body().isEmpty());
        assertEquals(new MemoryAccess(ID, 3, Instant.parse("2026-01-05T00:00:00Z")), access);

        Memory copy = client.memories().share(ID, HUB);
        assertEquals("/v1/memories/" + MEMORY_ID + "/share", server.last().path());
        server.assertLastBody("{\"target_hub_id\":\"" + Fixtures.TEAM_HUB_ID + "\"}");
        assertEquals(HUB, copy.hubId());
        assertThrows(NullPointerException.class, () -> client.memories().share(ID, null));
    }

    @Test
    void listSendsActorAndTheRelevantOrder() {
        server.data("{\"memories\":[],\"next_cursor\":\"\",\"has_more\":false,\"total\":0,\"actors\":{\"human\":1}}");
        client.memories()
                .list(MemoryListParams.builder()
                        .actor("claude-code")
                        .sort(MemoryListParams.Sort.RELEVANT)
                        .build());
        assertEquals("claude-code", server.last().queryParam("actor"));
        assertEquals("relevant", server.last().queryParam("sort"));
        MemoryListParams old =
                new MemoryListParams(null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertNull(old.actor());
        assertNull(old.toQuery().get("actor"));
    }

    @Test
    void agentsListUpdateAndDisconnect() {
        server.data("[" + AGENT + "]")
                .data(AGENT)
                .data("{\"disconnected\":true,\"keys_revoked\":2,\"configs_tombstoned\":0,\"skipped\":[]}")
                .data("{\"disconnected\":false,\"keys_revoked\":0,\"configs_tombstoned\":0,"
                        + "\"skipped\":[{\"id\":\"ghost\",\"reason\":\"not_found\"}]}");
        List<ConnectedAgent> agents = client.agents().list();
        assertEquals("GET", server.last().method());
        assertEquals("/v1/agents", server.last().path());
        ConnectedAgent agent = agents.get(0);
        assertEquals("claude-code", agent.agentName());
        assertEquals(2, agent.keyCount());
        assertEquals(5, agent.memoryCount());
        assertFalse(agent.needsReconnect());
        assertNull(agent.lastActiveAt());

        client.agents().update("Claude Code", "Claude (laptop)", null);
        assertEquals("PATCH", server.last().method());
        assertEquals("/v1/agents/Claude%20Code", server.last().path());
        server.assertLastBody("{\"display_name\":\"Claude (laptop)\"}");

        AgentDisconnected done = client.agents().disconnect("claude-code");
        assertEquals("DELETE", server.last().method());
        assertEquals("/v1/agents/claude-code", server.last().path());
        assertEquals(new AgentDisconnected(true, 2, 0, List.of()), done);
        AgentDisconnected none = client.agents().disconnect("ghost");
        assertEquals(List.of(new AgentDisconnected.Skipped("ghost", "not_found")), none.skipped());
    }

    @Test
    void bulkSeenSendsKindsSinceAndHub() {
        server.data("{\"marked\":1,\"affected\":1}").data("{\"marked\":0,\"affected\":0}");
        assertEquals(
                1,
                client.notifications()
                        .markAllSeen(
                                List.of("quota_alert"), Instant.parse("2026-01-01T00:00:00Z"), HUB, RequestOptions.NONE)
                        .marked());
        assertEquals("/v1/notifications/seen", server.last().path());
        server.assertLastBody("{\"hub_id\":\"" + Fixtures.TEAM_HUB_ID + "\",\"kinds\":[\"quota_alert\"],"
                + "\"since\":\"2026-01-01T00:00:00Z\"}");
        client.notifications().markAllSeen(HUB);
        server.assertLastBody("{\"hub_id\":\"" + Fixtures.TEAM_HUB_ID + "\"}");
    }

    @Test
    void notificationsInMemaxsShapeKeepTheirJavaView() {
        String notification = """
                {"id":"%s","audience":"user","recipient_user_id":"%s","kind":"hub_invite","hub_id":"%s",
                 "title":"Join","body":"","data":{"role":"viewer"},"payload":{"role":"viewer"},"status":"pending",
                 "state":"open","seen":true,"seen_at":"2026-01-05T00:00:00Z","resolution":null,"resolved_at":null,
                 "actions":["accept","decline"],"priority":1,"source_kind":"hub_invite","source_id":"%s",
                 "created_at":"2026-01-04T00:00:00Z","updated_at":"2026-01-05T00:00:00Z"}""".formatted(NOTIFICATION, MEMORY_ID, Fixtures.TEAM_HUB_ID, MEMORY_ID);
        server.data("{\"notifications\":[" + notification + "],\"next_cursor\":\"\",\"has_more\":false}")
                .data("{\"status\":\"seen\",\"notification\":" + notification + "}")
                .data("{\"needs_action_pending\":1,\"updates_pending\":2,\"updates_unseen\":1,"
                        + "\"by_kind\":{\"hub_invite\":{\"pending\":1,\"unseen\":0}},\"total\":1,"
                        + "\"unseen_by_kind\":{\"hub_invite\":0,\"quota_alert\":1}}")
                .data("{\"status\":\"resolved\",\"action\":\"acknowledge\",\"resolution\":\"kept\","
                        + "\"resolution_action\":\"acknowledge\",\"notification\":"
                        + notification.replace(
                                "\"resolution\":null", "\"resolution\":\"kept\",\"resolution_action\":\"acknowledge\"")
                        + "}");
        Notification listed = client.notifications()
                .list(NotificationListParams.builder()
                        .kinds(List.of("hub_invite", "quota_alert"))
                        .build())
                .items()
                .get(0);
        assertEquals("all", server.last().queryParam("status"));
        assertEquals("hub_invite,quota_alert", server.last().queryParam("kind"));
        assertEquals("open", listed.status());
        assertEquals("pending", listed.memaxStatus());
        assertEquals("user", listed.audience());
        assertEquals(ID, listed.recipientUserId());
        assertEquals(1, listed.priority());
        assertEquals("hub_invite", listed.sourceKind());
        Notification seen = client.notifications().markSeen(NOTIFICATION);
        assertEquals(NOTIFICATION, seen.id());
        assertTrue(seen.seen());
        NotificationSummary summary = client.notifications().summary();
        assertEquals(1, summary.total());
        assertEquals(1L, summary.byKind().get("quota_alert"));
        assertEquals(1, summary.needsActionPending());
        assertEquals(new NotificationSummary.KindCount(1, 0), summary.counts().get("hub_invite"));
        // Since 0.3 the wire's resolution is Memax's name; resolution() stays this server's action.
        Notification resolved = client.notifications().resolve(NOTIFICATION, "acknowledge");
        assertEquals("acknowledge", resolved.resolution());
        assertEquals("kept", resolved.memaxResolution());
        assertNull(listed.resolution());
        assertNull(listed.memaxResolution());
    }

    @Test
    void notificationItemsAndBulkDismiss() {
        String notification = """
                {"id":"%s","kind":"checklist","hub_id":"%s","title":"Set up Team","body":"","data":{"items":[]},
                 "status":"resolved","seen":true,"seen_at":"2026-01-05T00:00:00Z","resolution":"applied_auto",
                 "resolved_at":"2026-01-05T00:00:00Z","actions":[],"created_at":"2026-01-04T00:00:00Z",
                 "updated_at":"2026-01-05T00:00:00Z"}""".formatted(NOTIFICATION, Fixtures.TEAM_HUB_ID);
        server.data("{\"affected\":2}")
                .data("{\"affected\":0}")
                .data("{\"item_id\":\"first_memory\",\"viewed_at\":\"2026-01-05T00:00:00Z\",\"completed_at\":null,"
                        + "\"auto_resolved\":false,\"auto_resolved_as\":null,\"notification\":" + notification + "}")
                .data("{\"item_id\":\"first memory\",\"viewed_at\":\"2026-01-05T00:00:00Z\","
                        + "\"completed_at\":\"2026-01-05T00:00:00Z\",\"auto_resolved\":true,"
                        + "\"auto_resolved_as\":\"applied_auto\",\"notification\":" + notification + "}")
                .error(409, "conflict", "locked");
        NotificationsAffected affected = client.notifications()
                .dismissAll(List.of("membership_changed"), Instant.parse("2026-01-01T00:00:00Z"), HUB);
        assertEquals("/v1/notifications/dismiss", server.last().path());
        server.assertLastBody("{\"kinds\":[\"membership_changed\"],\"since\":\"2026-01-01T00:00:00Z\",\"hub_id\":\""
                + Fixtures.TEAM_HUB_ID + "\"}");
        assertEquals(2, affected.affected());
        client.notifications().dismissAll(null, null, null);
        server.assertLastBody("{}");

        NotificationItemUpdate viewed = client.notifications().viewItem(NOTIFICATION, "first_memory");
        assertEquals(
                "/v1/notifications/" + NOTIFICATION + "/items/first_memory/view",
                server.last().path());
        assertNull(viewed.completedAt());
        assertFalse(viewed.autoResolved());
        NotificationItemUpdate completed = client.notifications().completeItem(NOTIFICATION, "first memory");
        assertEquals(
                "/v1/notifications/" + NOTIFICATION + "/items/first%20memory/complete",
                server.last().path());
        assertTrue(completed.autoResolved());
        assertEquals("applied_auto", completed.autoResolvedAs());
        // A server before 0.3 sends only resolution, in its own names: resolution() reads it.
        assertEquals("applied_auto", completed.notification().resolution());
        assertEquals("resolved", completed.notification().status());
        assertThrows(ConflictException.class, () -> client.notifications().completeItem(NOTIFICATION, "x"));
    }
}
