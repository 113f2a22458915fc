package dev.memax.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memax.sdk.errors.ConflictException;
import dev.memax.sdk.errors.PermissionDeniedException;
import dev.memax.sdk.models.DreamAction;
import dev.memax.sdk.models.DreamReport;
import dev.memax.sdk.models.DreamRun;
import dev.memax.sdk.models.DreamRunDetail;
import dev.memax.sdk.models.DreamUsage;
import dev.memax.sdk.params.DreamTriggerParams;
import dev.memax.sdk.params.ListParams;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code client.dreams()}: the requests it sends and how it reads the answers. */
class DreamServiceTest {
    private static final UUID HUB = UUID.fromString(Fixtures.TEAM_HUB_ID);
    private static final String RUN_ID = "0190f1a2-0000-7000-8000-0000000000d1";
    private static final String ACTION_ID = "0190f1a2-0000-7000-8000-0000000000d2";
    private static final String RUN = """
            {"id":"%s","owner_id":"%s","hub_id":"%s","triggered_by":"%s","trigger":"manual","mode":"maintenance",
             "status":"completed","dry_run":false,"phases":["merge"],"current_phase":null,"last_finished_phase":"merge",
             "processed":1,"total":1,"started_at":"2026-01-01T00:00:00Z","finished_at":"2026-01-01T00:00:01Z",
             "memories_scanned":8,"duplicates_merged":2,"contradictions_found":0,"memories_archived":0,
             "memories_organized":0,"topics_restructured":0,
             "phase_metrics":{"merge":{"candidates":8,"attempted":1,"processed":1,"actions":1,"skipped":0,"duration_ms":3}},
             "report":"Scanned 8 memories; merged 2 duplicates.","undone_at":null}""".formatted(RUN_ID, Fixtures.USER_ID, Fixtures.TEAM_HUB_ID, Fixtures.USER_ID);
    private static final String ACTION = """
            {"id":"%s","run_id":"%s","hub_id":"%s","phase":"merge","action_type":"merge",
             "source_memory_ids":["0190f1a2-0000-7000-8000-0000000000e2"],"result_memory_id":"0190f1a2-0000-7000-8000-0000000000e1",
             "memory_ids":["0190f1a2-0000-7000-8000-0000000000e1","0190f1a2-0000-7000-8000-0000000000e2"],
             "reason":"duplicate","similarity":0.97,"applied":true,"created_at":"2026-01-01T00:00:00Z","undone_at":null}""".formatted(ACTION_ID, RUN_ID, Fixtures.TEAM_HUB_ID);
    private final MockServer server = new MockServer();
    private final MemaxClient client = server.client().build();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void triggerSendsTheParamsAndReadsTheRun() {
        server.reply(202, "{\"data\":" + RUN + "}");
        DreamRun run = client.dreams()
                .trigger(DreamTriggerParams.builder()
                        .hubId(HUB)
                        .phases("merge")
                        .dryRun(true)
                        .build());
        assertEquals("POST", server.last().method());
        assertEquals("/v1/dreams/trigger", server.last().path());
        server.assertLastBody("{\"hub_id\":\"" + HUB + "\",\"phases\":[\"merge\"],\"dry_run\":true}");
        assertEquals(2, run.duplicatesMerged());
        assertEquals(1, run.phaseMetrics().get("merge").actions());
        assertFalse(run.running());

        server.reply(202, "{\"data\":" + RUN + "}");
        client.dreams().trigger();
        server.assertLastBody("{}");
    }

    @Test
    void refusalsMapToTheirExceptions() {
        server.error(403, "feature_not_in_plan", "Dreams are not in the plan");
        PermissionDeniedException plan = assertThrows(
                PermissionDeniedException.class, () -> client.dreams().trigger());
        assertEquals("feature_not_in_plan", plan.code());
        server.error(409, "dream_running", "This hub is already dreaming");
        assertEquals(
                "dream_running",
                assertThrows(ConflictException.class, () -> client.dreams().trigger())
                        .code());
    }

    @Test
    void listGetAndUndo() {
        server.data("{\"runs\":[" + RUN + "],\"next_cursor\":\"c2\",\"has_more\":true}");
        Page<DreamRun> page = client.dreams().list(HUB, ListParams.limit(1));
        assertEquals("/v1/dreams", server.last().path());
        assertEquals(HUB.toString(), server.last().queryParam("hub_id"));
        assertEquals("1", server.last().queryParam("limit"));
        assertEquals(1, page.items().size());
        assertTrue(page.hasMore());

        server.data("{\"run\":" + RUN + ",\"actions\":[" + ACTION + "],\"next_cursor\":\"\",\"has_more\":false}");
        DreamRunDetail detail = client.dreams().get(UUID.fromString(RUN_ID));
        assertEquals("/v1/dreams/" + RUN_ID, server.last().path());
        DreamAction action = detail.actions().get(0);
        assertEquals(List.of(UUID.fromString("0190f1a2-0000-7000-8000-0000000000e2")), action.sourceMemoryIds());
        assertEquals(0.97, action.similarity());

        server.data(RUN.replace("\"undone_at\":null", "\"undone_at\":\"2026-01-02T00:00:00Z\""));
        assertTrue(client.dreams().undo(UUID.fromString(RUN_ID)).undoneAt() != null);
        assertEquals("/v1/dreams/" + RUN_ID + "/undo", server.last().path());
        server.data(ACTION);
        client.dreams().undoAction(UUID.fromString(ACTION_ID));
        assertEquals("/v1/dreams/actions/" + ACTION_ID + "/undo", server.last().path());
    }

    @Test
    void reportAndUsage() {
        server.data(
                "{\"has_run\":false,\"message\":\"This hub has not dreamt yet.\",\"intelligence\":"
                        + "{\"pending_review\":{\"contradictions\":0,\"topic_merges\":0,\"topic_restructures\":0,\"total\":0}}}");
        DreamReport report = client.dreams().report(HUB);
        assertEquals("/v1/dreams/report", server.last().path());
        assertEquals(HUB.toString(), server.last().queryParam("hub_id"));
        assertFalse(report.hasRun());
        assertNull(report.intelligence().latestRun());

        server.data("{\"scope\":\"hub\",\"hub_id\":\"" + HUB + "\",\"tier\":\"lucid\",\"mode\":\"hard\",\"limit\":-1,"
                + "\"used\":3,\"allowed\":true,\"period_start\":\"2026-01-01T00:00:00Z\","
                + "\"period_end\":\"2026-02-01T00:00:00Z\",\"quota_source\":\"plan\"}");
        DreamUsage usage = client.dreams().usage(null);
        assertEquals("/v1/usage/dreams", server.last().path());
        assertNull(usage.remaining());
        assertEquals(-1, usage.limit());
        assertTrue(usage.allowed());
    }
}
