package dev.memax.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memax.sdk.errors.ApiException;
import dev.memax.sdk.errors.NotFoundException;
import dev.memax.sdk.errors.ValidationException;
import dev.memax.sdk.models.BatchSkip;
import dev.memax.sdk.models.Deleted;
import dev.memax.sdk.models.MemoriesDeleted;
import dev.memax.sdk.models.MemoriesMoved;
import dev.memax.sdk.models.Memory;
import dev.memax.sdk.models.MemoryKind;
import dev.memax.sdk.models.MemoryStability;
import dev.memax.sdk.models.MemoryState;
import dev.memax.sdk.models.MemoryVersion;
import dev.memax.sdk.models.ProjectContext;
import dev.memax.sdk.models.RelatedMemory;
import dev.memax.sdk.params.ListParams;
import dev.memax.sdk.params.MemoryCreateParams;
import dev.memax.sdk.params.MemoryListParams;
import dev.memax.sdk.params.MemoryMoveParams;
import dev.memax.sdk.params.MemoryUpdateParams;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every memory method: the request it sends and how it reads the answer. */
class MemoryServiceTest {
    private static final String MEMORY_ID = "0190f1a2-0000-7000-8000-0000000000d1";
    private static final UUID ID = UUID.fromString(MEMORY_ID);
    private static final UUID HUB = UUID.fromString(Fixtures.TEAM_HUB_ID);
    static final String MEMORY = """
            {"id":"%s","hub_id":"%s","owner_id":"%s","title":"Deploying","content":"# Deploying\\nRun it.",
             "content_type":"text/markdown","content_hash":"%s","summary":"","kind":"procedural","stability":"stable",
             "tags":["ops"],"source":"docs","source_agent":null,"source_path":"ops/deploy.md","session_id":"deploy-42",
             "metadata":{"reviewed":true,"n":2},"project_context":{"repo":"memax","project":null,"branch":"main"},
             "event_dates":["2026-01-05T10:00:00Z"],"pinned":true,"state":"active","version":3,"topic_id":null,
             "access_count":7,"created_at":"2026-01-02T03:04:05.123456Z","updated_at":"2026-01-03T03:04:05Z",
             "accessed_at":null,"expires_at":"2026-02-01T00:00:00Z",
             "derived_from":["0190f1a2-0000-7000-8000-0000000000d2"],
             "merged_into":"0190f1a2-0000-7000-8000-0000000000d3","future_field":1}
            """.formatted(MEMORY_ID, Fixtures.TEAM_HUB_ID, Fixtures.USER_ID, "ab".repeat(32));
    private final MockServer server = new MockServer();
    private final MemaxClient client = server.client().build();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void createSendsOnlyWhatIsSetAndReadsEveryField() {
        server.reply(201, "{\"data\":" + MEMORY + "}");
        Memory m = client.memories()
                .create(MemoryCreateParams.builder()
                        .content("# Deploying\nRun it.")
                        .title("Deploying")
                        .kind(MemoryKind.PROCEDURAL)
                        .stability(MemoryStability.STABLE)
                        .tags("ops")
                        .source("docs")
                        .sourcePath("ops/deploy.md")
                        .sessionId("deploy-42")
                        .metadata(Map.of("reviewed", true))
                        .projectContext(new ProjectContext("memax", null, "main"))
                        .eventDates(Instant.parse("2026-01-05T10:00:00Z"))
                        .pinned(true)
                        .expiresIn(Duration.ofDays(7))
                        .hubId(HUB)
                        .build());
        assertEquals("POST", server.last().method());
        assertEquals("/v1/memories", server.last().path());
        assertTrue(server.last().header("Idempotency-Key") != null, "POSTs carry an idempotency key");
        server.assertLastBody("""
                {"content":"# Deploying\\nRun it.","title":"Deploying","kind":"procedural","stability":"stable",
                 "tags":["ops"],"source":"docs","source_path":"ops/deploy.md","session_id":"deploy-42",
                 "metadata":{"reviewed":true},
                 "project_context":{"repo":"memax","branch":"main"},"event_dates":["2026-01-05T10:00:00Z"],
                 "pinned":true,"expires_in":"604800s","hub_id":"%s"}""".formatted(HUB));
        assertEquals(ID, m.id());
        assertEquals(HUB, m.hubId());
        assertEquals(UUID.fromString(Fixtures.USER_ID), m.ownerId());
        assertEquals("Deploying", m.title());
        assertEquals("text/markdown", m.contentType());
        assertEquals(MemoryKind.PROCEDURAL, m.kind());
        assertEquals(MemoryStability.STABLE, m.stability());
        assertEquals(List.of("ops"), m.tags());
        assertNull(m.sourceAgent());
        assertEquals("deploy-42", m.sessionId());
        assertEquals(true, m.metadata().get("reviewed"));
        assertEquals(2, m.metadata().get("n"));
        assertEquals(new ProjectContext("memax", null, "main"), m.projectContext());
        assertEquals(List.of(Instant.parse("2026-01-05T10:00:00Z")), m.eventDates());
        assertTrue(m.pinned());
        assertEquals(MemoryState.ACTIVE, m.state());
        assertEquals(3, m.version());
        assertEquals(7, m.accessCount());
        assertEquals(Instant.parse("2026-01-02T03:04:05.123456Z"), m.createdAt());
        assertNull(m.accessedAt());
        assertEquals(Instant.parse("2026-02-01T00:00:00Z"), m.expiresAt());
        assertEquals(List.of(UUID.fromString("0190f1a2-0000-7000-8000-0000000000d2")), m.derivedFrom());
        assertEquals(UUID.fromString("0190f1a2-0000-7000-8000-0000000000d3"), m.mergedInto());
        assertNull(m.supersededBy());
    }

    @Test
    void createNeedsContentAndRefusesUnknownEnums() {
        assertThrows(
                IllegalStateException.class,
                () -> MemoryCreateParams.builder().title("x").build());
        assertThrows(
                IllegalArgumentException.class,
                () -> MemoryCreateParams.builder().kind(MemoryKind.UNKNOWN));
        server.reply(201, "{\"data\":" + MEMORY + "}");
        client.memories().create(MemoryCreateParams.of("just this"), RequestOptions.ofHub(HUB));
        server.assertLastBody("{\"content\":\"just this\"}");
        assertEquals(Fixtures.TEAM_HUB_ID, server.last().header("X-Hub-ID"));
    }

    @Test
    void unknownEnumValuesReadAsUnknown() {
        server.data(MEMORY.replace("\"procedural\"", "\"dream\"").replace("\"active\"", "\"frozen\""));
        Memory m = client.memories().get(ID);
        assertEquals(MemoryKind.UNKNOWN, m.kind());
        assertEquals(MemoryState.UNKNOWN, m.state());
    }

    @Test
    void createBatchWrapsTheItemsAndAnswersThemInOrder() {
        server.reply(
                201,
                "{\"data\":{\"memories\":[" + MEMORY + "," + MEMORY.replace("\"version\":3", "\"version\":1") + "]}}");
        List<Memory> memories = client.memories()
                .createBatch(List.of(
                        MemoryCreateParams.of("a"),
                        MemoryCreateParams.builder()
                                .content("b")
                                .expiresIn("12h")
                                .build()));
        assertEquals("/v1/memories/batch", server.last().path());
        server.assertLastBody("{\"memories\":[{\"content\":\"a\"},{\"content\":\"b\",\"expires_in\":\"12h\"}]}");
        assertEquals(2, memories.size());
        assertEquals(1, memories.get(1).version());
    }

    @Test
    void listSendsEveryFilterAndFollowsCursorsWithThem() {
        server.data("{\"memories\":[" + MEMORY + "],\"next_cursor\":\"c2\",\"has_more\":true,\"total\":2}")
                .data("{\"memories\":[" + MEMORY + "],\"next_cursor\":\"\",\"has_more\":false,\"total\":2}");
        UUID topic = UUID.randomUUID();
        Page<Memory> page = client.memories()
                .list(MemoryListParams.builder()
                        .hubId(HUB)
                        .kind(MemoryKind.SEMANTIC)
                        .topicId(topic)
                        .tags("ops", "api")
                        .source("slack")
                        .state(MemoryState.ARCHIVED)
                        .pinned(false)
                        .createdAfter(Instant.parse("2026-01-01T00:00:00Z"))
                        .createdBefore(Instant.parse("2026-02-01T00:00:00Z"))
                        .includeExpired(true)
                        .sort(MemoryListParams.Sort.UPDATED)
                        .limit(1)
                        .build());
        MockServer.Recorded first = server.last();
        assertEquals("GET", first.method());
        assertEquals("/v1/memories", first.path());
        assertEquals(Fixtures.TEAM_HUB_ID, first.queryParam("hub_id"));
        assertEquals("semantic", first.queryParam("kind"));
        assertEquals(topic.toString(), first.queryParam("topic_id"));
        assertEquals("ops,api", first.queryParam("tags"));
        assertEquals("slack", first.queryParam("source"));
        assertEquals("archived", first.queryParam("state"));
        assertEquals("false", first.queryParam("pinned"));
        assertEquals("2026-01-01T00:00:00Z", first.queryParam("created_after"));
        assertEquals("2026-02-01T00:00:00Z", first.queryParam("created_before"));
        assertEquals("true", first.queryParam("include_expired"));
        assertEquals("updated", first.queryParam("sort"));
        assertEquals("1", first.queryParam("limit"));
        assertNull(first.queryParam("cursor"));
        assertEquals(2L, page.total().getAsLong());
        assertEquals(2, page.stream().count());
        MockServer.Recorded second = server.last();
        assertEquals("c2", second.queryParam("cursor"));
        assertEquals("ops,api", second.queryParam("tags"), "later pages keep the filters");
        assertThrows(
                IllegalArgumentException.class, () -> MemoryListParams.builder().tags("a,b"));
    }

    @Test
    void listWithoutParamsSendsNoQuery() {
        server.data("{\"memories\":[],\"next_cursor\":\"\",\"has_more\":false,\"total\":0}");
        Page<Memory> page = client.memories().list();
        assertNull(server.last().query());
        assertTrue(page.items().isEmpty());
        assertFalse(page.hasNextPage());
    }

    @Test
    void getAndGetIncludingExpired() {
        server.data(MEMORY).data(MEMORY);
        assertEquals(ID, client.memories().get(ID).id());
        assertEquals("/v1/memories/" + MEMORY_ID, server.last().path());
        assertNull(server.last().query());
        client.memories().get(ID, true, RequestOptions.NONE);
        assertEquals("true", server.last().queryParam("include_expired"));
    }

    @Test
    void updateSendsSetFieldsAndNullsForClears() {
        server.data(MEMORY);
        client.memories()
                .update(
                        ID,
                        MemoryUpdateParams.builder()
                                .title("New")
                                .tags(List.of())
                                .state(MemoryState.ARCHIVED)
                                .clearSourcePath()
                                .clearExpiry()
                                .pinned(false)
                                .build());
        assertEquals("PATCH", server.last().method());
        assertEquals("/v1/memories/" + MEMORY_ID, server.last().path());
        server.assertLastBody(
                "{\"title\":\"New\",\"tags\":[],\"state\":\"archived\",\"source_path\":null,\"expires_at\":null,"
                        + "\"pinned\":false}");
        server.data(MEMORY);
        client.memories()
                .update(
                        ID,
                        MemoryUpdateParams.builder()
                                .expiresAt(Instant.parse("2027-01-01T00:00:00Z"))
                                .expiresIn("7d")
                                .build());
        server.assertLastBody("{\"expires_in\":\"7d\"}");
    }

    @Test
    void deleteAndErrors() {
        server.data("{\"id\":\"" + MEMORY_ID + "\",\"deleted\":true}");
        Deleted deleted = client.memories().delete(ID);
        assertEquals("DELETE", server.last().method());
        assertTrue(deleted.deleted());
        server.error(404, "not_found", "Memory not found");
        assertThrows(NotFoundException.class, () -> client.memories().get(ID));
        server.reply(
                422,
                "{\"error\":{\"code\":\"validation_failed\",\"message\":\"Request validation failed\","
                        + "\"details\":{\"fields\":{\"title\":\"must be at most 500 characters\"}}}}");
        ValidationException invalid = assertThrows(
                ValidationException.class,
                () -> client.memories()
                        .update(ID, MemoryUpdateParams.builder().title("x").build()));
        assertEquals("must be at most 500 characters", invalid.fieldErrors().get("title"));
        server.error(413, "payload_too_large", "content exceeds 1048576 bytes");
        ApiException tooLarge = assertThrows(
                ApiException.class,
                () -> client.memories()
                        .create(
                                MemoryCreateParams.of("x"),
                                RequestOptions.builder().maxRetries(0).build()));
        assertEquals(413, tooLarge.status());
    }

    @Test
    void historyPagesTheVersions() {
        server.data("""
                {"versions":[{"version":2,"changed_by":"%s","changed_at":"2026-01-04T08:00:00Z","change":"updated",
                  "changes":{"tags":{"from":["a"],"to":["a","b"]},"source":{"from":"x","to":null}}},
                 {"version":1,"changed_by":null,"changed_at":"2026-01-02T00:00:00Z","change":"created","changes":{}}],
                 "next_cursor":"","has_more":false,"total":2}""".formatted(Fixtures.USER_ID));
        Page<MemoryVersion> page = client.memories().history(ID, ListParams.limit(5), RequestOptions.NONE);
        assertEquals("/v1/memories/" + MEMORY_ID + "/history", server.last().path());
        assertEquals("5", server.last().queryParam("limit"));
        MemoryVersion latest = page.items().get(0);
        assertEquals(2, latest.version());
        assertEquals(UUID.fromString(Fixtures.USER_ID), latest.changedBy());
        assertEquals("updated", latest.change());
        assertEquals(List.of("a"), latest.changes().get("tags").from());
        assertEquals(List.of("a", "b"), latest.changes().get("tags").to());
        assertNull(latest.changes().get("source").to());
        assertNull(page.items().get(1).changedBy());
        assertTrue(page.items().get(1).changes().isEmpty());
    }

    @Test
    void related() {
        server.data("""
                [{"id":"%s","hub_id":"%s","owner_id":"%s","title":"Rollbacks","summary":"","kind":"procedural",
                  "stability":"stable","tags":["ops"],"source":null,"source_agent":null,"source_path":null,"pinned":false,
                  "state":"active","topic_id":null,"event_dates":[],"created_at":"2026-01-02T00:00:00Z",
                  "updated_at":"2026-01-02T00:00:00Z","expires_at":null,"relevance_score":0.87,
                  "memory":{"id":"%1$s","title":"Rollbacks"},"similarity":0.87}]""".formatted(MEMORY_ID, Fixtures.TEAM_HUB_ID, Fixtures.USER_ID))
                .data("{\"memories\":[]}");
        List<RelatedMemory> related = client.memories().related(ID);
        assertEquals("/v1/memories/" + MEMORY_ID + "/related", server.last().path());
        assertNull(server.last().query());
        assertEquals(0.87, related.get(0).relevanceScore());
        assertEquals("Rollbacks", related.get(0).title());
        assertEquals(MemoryKind.PROCEDURAL, related.get(0).kind());
        client.memories().related(ID, 3, true, RequestOptions.NONE);
        assertEquals("3", server.last().queryParam("limit"));
        assertEquals("true", server.last().queryParam("include_expired"));
    }

    @Test
    void batchDeleteAndMove() {
        UUID other = UUID.randomUUID();
        server.data(
                "{\"deleted\":1,\"skipped\":[{\"id\":\"" + other + "\",\"reason\":\"not_found\"}],\"skipped_count\":1,"
                        + "\"deleted_ids\":[\"" + MEMORY_ID + "\"],\"skipped_ids\":[\"" + other + "\"]}");
        MemoriesDeleted deleted = client.memories().deleteBatch(List.of(ID, other));
        assertEquals("/v1/memories/batch-delete", server.last().path());
        server.assertLastBody("{\"ids\":[\"" + MEMORY_ID + "\",\"" + other + "\"]}");
        assertEquals(1, deleted.deleted());
        assertEquals(List.of(ID), deleted.deletedIds());
        assertEquals(List.of(other.toString()), deleted.skippedIds());
        assertEquals(1, deleted.skipped());
        assertEquals(List.of(new BatchSkip(other.toString(), "not_found")), deleted.skips());

        server.data("{\"moved\":1,\"skipped\":[],\"skipped_count\":0,\"moved_ids\":[\"" + MEMORY_ID
                + "\"],\"skipped_ids\":[]}");
        MemoriesMoved moved = client.memories().moveBatch(MemoryMoveParams.toHub(HUB, List.of(ID)));
        assertEquals("/v1/memories/batch-move", server.last().path());
        server.assertLastBody("{\"ids\":[\"" + MEMORY_ID + "\"],\"hub_id\":\"" + HUB + "\"}");
        assertEquals(1, moved.moved());
        assertEquals(List.of(ID), moved.movedIds());
        assertEquals(0, moved.skipped());
        assertEquals(List.of(), moved.skips());
        assertThrows(
                IllegalStateException.class,
                () -> MemoryMoveParams.builder().ids(ID).build());
        assertThrows(
                IllegalStateException.class,
                () -> MemoryMoveParams.builder().hubId(HUB).build());
    }
}
