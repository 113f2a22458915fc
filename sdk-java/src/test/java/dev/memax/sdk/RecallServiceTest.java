package dev.memax.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.sdk.errors.NotFoundException;
import dev.memax.sdk.errors.ValidationException;
import dev.memax.sdk.models.RecallMode;
import dev.memax.sdk.models.RecallQueryMetadata;
import dev.memax.sdk.models.RecallResult;
import dev.memax.sdk.models.RecalledMemory;
import dev.memax.sdk.params.RecallParams;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code client.recall()}: the request it sends and how it reads the answer. */
class RecallServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID HUB = UUID.fromString(Fixtures.TEAM_HUB_ID);
    private static final String MEMORY_ID = "0190f1a2-0000-7000-8000-0000000000d1";
    private static final String RESULT = """
            {"memories":[{"id":"%s","hub_id":"%s","title":"Deploying","summary":"","chunk_content":"Run make deploy",
              "headings":["Deploying","Rollback"],"heading_chain":"Deploying > Rollback","relevance_score":0.7412,"kind":"procedural","stability":"stable",
              "state":"active","source":"docs","source_agent":null,"source_path":"ops/deploy.md","tags":["ops"],
              "pinned":true,"topic_id":null,"event_dates":["2026-01-01T00:00:00Z"],"created_at":"2026-01-02T03:04:05.123456Z",
              "updated_at":"2026-01-02T03:04:05.123456Z","age":"3 days ago",
              "derived_from":["0190f1a2-0000-7000-8000-0000000000d2"],"added_later":1}],
             "query_metadata":{"total_candidates":42,"latency_ms":14.8,"embedding_ms":8.41,"search_ms":4.9,
              "ranking_ms":0.63,"mode":"hybrid","model":"bge-small-en-v1.5-q","vector_search":"hnsw"}}
            """.formatted(MEMORY_ID, Fixtures.TEAM_HUB_ID);
    private final MockServer server = new MockServer();
    private final MemaxClient client = server.client().build();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void searchSendsEveryFilterAndReadsTheResult() throws IOException {
        server.data(RESULT);
        UUID topic = UUID.fromString("0190f1a2-0000-7000-8000-0000000000e1");
        RecallResult result = client.recall()
                .search(RecallParams.builder()
                        .query("how do we deploy?")
                        .addHubId(HUB)
                        .kind("procedural")
                        .tags("ops", "prod")
                        .topicId(topic)
                        .source("my-app")
                        .sources("docs", "wiki")
                        .activeHubId(HUB)
                        .createdAfter(Instant.parse("2026-01-01T00:00:00Z"))
                        .createdBefore(Instant.parse("2026-02-01T00:00:00Z"))
                        .includeArchived(true)
                        .limit(5)
                        .threshold(0.25)
                        .mode(RecallMode.SEMANTIC)
                        .build());

        MockServer.Recorded request = server.only();
        assertEquals("POST", request.method());
        assertEquals("/v1/recall", request.path());
        assertEquals(JSON.readTree("""
                {"query":"how do we deploy?","hub_ids":["%s"],"kind":"procedural","tags":["ops","prod"],
                 "topic_id":"%s","source":"my-app","sources":["docs","wiki"],"hub_id":"%s",
                 "created_after":"2026-01-01T00:00:00Z",
                 "created_before":"2026-02-01T00:00:00Z","include_archived":true,"limit":5,"threshold":0.25,
                 "mode":"semantic"}""".formatted(HUB, topic, HUB)), JSON.readTree(request.body()));

        RecalledMemory memory = result.memories().get(0);
        assertEquals(UUID.fromString(MEMORY_ID), memory.id());
        assertEquals(HUB, memory.hubId());
        assertEquals("Run make deploy", memory.chunkContent());
        assertEquals(List.of("Deploying", "Rollback"), memory.headingChain());
        assertEquals(0.7412, memory.relevanceScore());
        assertEquals("procedural", memory.kind());
        assertEquals("stable", memory.stability());
        assertEquals("active", memory.state());
        assertNull(memory.sourceAgent());
        assertEquals("ops/deploy.md", memory.sourcePath());
        assertEquals(List.of("ops"), memory.tags());
        assertTrue(memory.pinned());
        assertNull(memory.topicId());
        assertEquals(List.of(Instant.parse("2026-01-01T00:00:00Z")), memory.eventDates());
        assertEquals(Instant.parse("2026-01-02T03:04:05.123456Z"), memory.createdAt());
        assertEquals("3 days ago", memory.age());
        assertEquals(List.of(UUID.fromString("0190f1a2-0000-7000-8000-0000000000d2")), memory.derivedFrom());
        RecallQueryMetadata meta = result.queryMetadata();
        assertEquals(42, meta.totalCandidates());
        assertEquals(14.8, meta.latencyMs());
        assertEquals(8.41, meta.embeddingMs());
        assertEquals(RecallMode.HYBRID, meta.mode());
        assertEquals("bge-small-en-v1.5-q", meta.model());
        assertEquals("hnsw", meta.vectorSearch());
    }

    @Test
    void aBareQuerySendsOnlyTheQueryAndCarriesAnIdempotencyKey() throws IOException {
        server.data(
                "{\"memories\":[],\"query_metadata\":{\"total_candidates\":0,\"latency_ms\":1,\"embedding_ms\":0,"
                        + "\"search_ms\":0,\"ranking_ms\":0,\"mode\":\"some-new-mode\",\"model\":\"m\",\"vector_search\":\"none\"}}");
        RecallResult result = client.recall().search("deploy");
        assertEquals(
                JSON.readTree("{\"query\":\"deploy\"}"),
                JSON.readTree(server.only().body()));
        assertFalse(server.only().header("Idempotency-Key") == null
                || server.only().header("Idempotency-Key").isBlank());
        assertTrue(result.memories().isEmpty());
        assertEquals(RecallMode.UNKNOWN, result.queryMetadata().mode());
    }

    @Test
    void paramsRequireAQueryAndNeverSendUnknownMode() {
        assertThrows(
                IllegalStateException.class,
                () -> RecallParams.builder().limit(3).build());
        assertThrows(
                IllegalArgumentException.class, () -> RecallParams.builder().mode(RecallMode.UNKNOWN));
        assertThrows(NullPointerException.class, () -> client.recall().search((RecallParams) null));
    }

    @Test
    void errorsMapToTheirExceptions() {
        server.error(404, "not_found", "Hub not found");
        assertThrows(
                NotFoundException.class,
                () -> client.recall()
                        .search(RecallParams.builder().query("q").addHubId(HUB).build()));
        server.reply(
                422,
                "{\"error\":{\"code\":\"validation_failed\",\"message\":\"Request validation failed\","
                        + "\"details\":{\"fields\":{\"kind\":\"must be one of: episodic, semantic, procedural, rationale\"}}}}");
        ValidationException invalid = assertThrows(
                ValidationException.class,
                () -> client.recall()
                        .search(RecallParams.builder().query("q").kind("nope").build()));
        assertTrue(invalid.fieldErrors().containsKey("kind"));
    }
}
