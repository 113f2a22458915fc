package dev.memax.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memax.sdk.errors.ConflictException;
import dev.memax.sdk.errors.ValidationException;
import dev.memax.sdk.models.Topic;
import dev.memax.sdk.models.TopicArchiveResult;
import dev.memax.sdk.models.TopicList;
import dev.memax.sdk.models.TopicTree;
import dev.memax.sdk.params.ListParams;
import dev.memax.sdk.params.TopicCreateParams;
import dev.memax.sdk.params.TopicReorderOperation;
import dev.memax.sdk.params.TopicUpdateParams;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code client.topics()}: the request each method sends and how it reads the answer. */
class TopicServiceTest {
    private static final UUID HUB = UUID.fromString(Fixtures.TEAM_HUB_ID);
    private static final UUID TOPIC = UUID.fromString("0190f1a2-0000-7000-8000-0000000000f1");
    private static final UUID CHILD = UUID.fromString("0190f1a2-0000-7000-8000-0000000000f2");
    private static final UUID MEMORY = UUID.fromString("0190f1a2-0000-7000-8000-0000000000d1");
    private static final String TOPIC_JSON = topic(TOPIC, null, "Kitchen", "");
    private final MockServer server = new MockServer();
    private final MemaxClient client = server.client().build();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static String topic(UUID id, UUID parent, String name, String extra) {
        return "{\"id\":\"" + id + "\",\"owner_id\":\"" + Fixtures.USER_ID + "\",\"hub_id\":\"" + HUB
                + "\",\"parent_id\":" + (parent == null ? "null" : "\"" + parent + "\"") + ",\"name\":\"" + name
                + "\",\"description\":\"\",\"icon\":\"\",\"position\":0,\"pinned\":false,\"user_modified\":false,"
                + "\"created_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:00Z\"" + extra + "}";
    }

    private void assertLast(String method, String path) {
        assertEquals(method, server.last().method(), server.last().toString());
        assertEquals(path, server.last().path());
    }

    @Test
    void listReadsTheTreeWithItsCounts() {
        String child = topic(CHILD, TOPIC, "Kettles", ",\"memory_count\":1,\"total_memory_count\":1,\"children\":[]");
        server.data("{\"topics\":["
                + topic(
                        TOPIC,
                        null,
                        "Kitchen",
                        ",\"memory_count\":1,\"total_memory_count\":2," + "\"children\":[" + child + "]")
                + "],\"unassigned_count\":3}");
        TopicList list = client.topics().list(RequestOptions.ofHub(HUB));
        assertLast("GET", "/v1/topics");
        assertEquals(HUB.toString(), server.last().header("X-Hub-ID"));
        assertEquals(3, list.unassignedCount());
        TopicTree kitchen = list.topics().get(0);
        assertEquals("Kitchen", kitchen.topic().name());
        assertEquals(2, kitchen.totalMemoryCount());
        assertEquals(TOPIC, kitchen.children().get(0).topic().parentId());
        assertTrue(kitchen.children().get(0).children().isEmpty());
    }

    @Test
    void createUpdateGetAndDelete() {
        server.data(TOPIC_JSON);
        Topic created = client.topics()
                .create(TopicCreateParams.builder()
                        .name("Kitchen")
                        .icon("pot")
                        .hubId(HUB)
                        .build());
        assertLast("POST", "/v1/topics");
        server.assertLastBody("{\"name\":\"Kitchen\",\"icon\":\"pot\",\"hub_id\":\"" + HUB + "\"}");
        assertEquals(TOPIC, created.id());
        assertNull(created.archivedAt());
        assertThrows(
                IllegalStateException.class, () -> TopicCreateParams.builder().build());

        server.data(topic(CHILD, null, "Kettles", ",\"user_modified\":true"));
        Topic moved = client.topics()
                .update(
                        CHILD,
                        TopicUpdateParams.builder().moveToRoot().position(2).build());
        assertLast("PATCH", "/v1/topics/" + CHILD);
        server.assertLastBody("{\"parent_id\":null,\"position\":2}");
        assertTrue(moved.userModified());

        server.data(topic(TOPIC, null, "Kitchen", ",\"archived_at\":\"2026-02-01T00:00:00Z\""));
        assertEquals(
                Instant.parse("2026-02-01T00:00:00Z"),
                client.topics().get(TOPIC).archivedAt());
        assertLast("GET", "/v1/topics/" + TOPIC);

        server.data("{\"id\":\"" + TOPIC + "\",\"deleted\":true,\"deleted_count\":2}");
        assertEquals(2, client.topics().delete(TOPIC).deletedCount());
        assertLast("DELETE", "/v1/topics/" + TOPIC);
    }

    @Test
    void archiveRestoreAndTheArchivedList() {
        server.data("{\"topic_id\":\"" + TOPIC + "\",\"archived_count\":2}");
        TopicArchiveResult archived = client.topics().archive(TOPIC);
        assertLast("POST", "/v1/topics/" + TOPIC + "/archive");
        server.assertLastBody("{}");
        assertEquals(2, archived.archivedCount());
        assertNull(archived.restoredCount());

        server.data("{\"topic_id\":\"" + TOPIC + "\",\"restored_count\":0}");
        assertEquals(0, client.topics().restore(TOPIC).restoredCount());
        assertLast("POST", "/v1/topics/" + TOPIC + "/restore");

        server.data("{\"topics\":[" + TOPIC_JSON + "]}");
        List<Topic> list = client.topics().listArchived(RequestOptions.ofHub(HUB));
        assertLast("GET", "/v1/topics/archived");
        assertEquals(List.of(TOPIC), list.stream().map(Topic::id).toList());
    }

    @Test
    void memoriesPlacementsReorderAndVisits() {
        server.data("{\"memories\":[],\"next_cursor\":\"c2\",\"has_more\":true,\"total\":5}");
        Page<dev.memax.sdk.models.Memory> page = client.topics().memories(TOPIC, ListParams.limit(2));
        assertLast("GET", "/v1/topics/" + TOPIC + "/memories");
        assertEquals("2", server.last().queryParam("limit"));
        assertEquals(java.util.OptionalLong.of(5), page.total());
        assertTrue(page.hasMore());

        server.data("{\"topic_id\":\"" + TOPIC + "\",\"memory_id\":\"" + MEMORY + "\",\"confidence\":0.75,"
                + "\"placed_by_user_id\":\"" + Fixtures.USER_ID + "\",\"placed_by_run_id\":null,"
                + "\"placed_at\":\"2026-01-01T00:00:00Z\"}");
        assertEquals(0.75, client.topics().assignMemory(TOPIC, MEMORY, 0.75).confidence());
        assertLast("POST", "/v1/topics/" + TOPIC + "/memories");
        server.assertLastBody("{\"memory_id\":\"" + MEMORY + "\",\"confidence\":0.75}");

        server.data("{\"topic_id\":\"" + TOPIC + "\",\"memory_id\":\"" + MEMORY + "\",\"unassigned\":true}");
        assertTrue(client.topics().unassignMemory(TOPIC, MEMORY).unassigned());
        assertLast("DELETE", "/v1/topics/" + TOPIC + "/memories/" + MEMORY);

        server.data("{\"updated\":2}");
        assertEquals(
                2,
                client.topics()
                        .reorder(List.of(
                                TopicReorderOperation.position(TOPIC, 1), TopicReorderOperation.move(CHILD, 0, null)))
                        .updated());
        assertLast("POST", "/v1/topics/reorder");
        server.assertLastBody("{\"operations\":[{\"topic_id\":\"" + TOPIC + "\",\"position\":1}," + "{\"topic_id\":\""
                + CHILD + "\",\"position\":0,\"parent_id\":null}]}");

        server.data("{\"status\":\"ok\",\"topic_id\":\"" + TOPIC + "\",\"visited_at\":\"2026-01-01T00:00:00Z\"}");
        assertEquals("ok", client.topics().visit(TOPIC).status());
        assertLast("POST", "/v1/topics/" + TOPIC + "/visit");
    }

    @Test
    void theTreesRulesArriveAsTheirCodes() {
        server.error(422, "cycle_detected", "A topic cannot move under itself");
        ValidationException cycle = assertThrows(
                ValidationException.class,
                () -> client.topics()
                        .update(
                                TOPIC,
                                TopicUpdateParams.builder().parentId(CHILD).build()));
        assertEquals("cycle_detected", cycle.code());
        server.error(409, "duplicate_name", "taken");
        ConflictException duplicate = assertThrows(
                ConflictException.class,
                () -> client.topics()
                        .create(TopicCreateParams.builder().name("Kitchen").build()));
        assertEquals("duplicate_name", duplicate.code());
        assertFalse(duplicate.isNotReady());
        assertInstanceOf(ConflictException.class, duplicate);
    }
}
