package dev.memax.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.sdk.errors.AuthenticationException;
import dev.memax.sdk.errors.ConnectionException;
import dev.memax.sdk.errors.InternalServerException;
import dev.memax.sdk.errors.MemaxException;
import dev.memax.sdk.errors.QuotaExceededException;
import dev.memax.sdk.errors.ServiceUnavailableException;
import dev.memax.sdk.models.AskResponse;
import dev.memax.sdk.models.AskSource;
import dev.memax.sdk.models.RecallMode;
import dev.memax.sdk.params.AskParams;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/ask}, whole and streamed, against a fake server writing real SSE bytes. */
class AskStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID HUB = UUID.fromString(Fixtures.TEAM_HUB_ID);
    private static final String MEMORY_1 = "0190f1a2-0000-7000-8000-0000000000d1";
    private static final String MEMORY_2 = "0190f1a2-0000-7000-8000-0000000000d2";
    private static final String SOURCES = """
            [{"index":1,"id":"%s","title":"Caching decision","summary":"We cache recall for 60 s","chunk_content":"Decided: 60 s TTL",
              "heading_chain":["Decisions","Caching"],"relevance_score":0.91,"kind":"rationale","stability":"stable",
              "source":"slack","hub_id":"%s","topic_id":null,"created_at":"2026-01-02T03:04:05Z","age":"3 days ago",
              "brand_new_field":42},
             {"index":2,"id":"%s","title":"Redis","relevance_score":0.5}]""".formatted(MEMORY_1, HUB, MEMORY_2).replace("\n", "");
    private static final String METADATA = """
            {"model":"gpt-test","tokens":812,"input_tokens":755,"answer_tokens":57,"cost_usd":0.000147,"sources_used":2,
             "latency_ms":1430,"retrieval_latency_ms":120,"synthesis_latency_ms":1300,"total_latency_ms":1430,
             "finish_reason":"stop"}""".replace("\n", "");
    private static final String CITATIONS =
            "[{\"index\":1,\"memory_id\":\"" + MEMORY_1 + "\",\"title\":\"Caching decision\"}]";

    private final SseServer server = new SseServer();
    private final MemaxClient client = server.client().build();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    /** Records every callback in order. */
    static class Recorder implements AskStreamListener {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<String> deltas = new CopyOnWriteArrayList<>();
        volatile List<AskSource> sources;
        volatile AskResponse done;
        volatile MemaxException error;
        final CountDownLatch firstDelta = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);

        @Override
        public void onSources(List<AskSource> received) {
            calls.add("sources");
            sources = received;
        }

        @Override
        public void onDelta(String text) {
            calls.add("delta");
            deltas.add(text);
            firstDelta.countDown();
        }

        @Override
        public void onDone(AskResponse response) {
            calls.add("done");
            done = response;
            ended.countDown();
        }

        @Override
        public void onError(MemaxException e) {
            calls.add("error");
            error = e;
            ended.countDown();
        }

        boolean awaitEnd() throws InterruptedException {
            return ended.await(5, TimeUnit.SECONDS);
        }
    }

    private static AskParams fullParams() {
        return AskParams.builder()
                .query("What did we decide about caching?")
                .addHubId(HUB)
                .limit(5)
                .model("auto")
                .tags("infra", "decisions")
                .kind("rationale")
                .topicId(UUID.fromString(MEMORY_2))
                .source("slack")
                .createdAfter(Instant.parse("2026-01-01T00:00:00Z"))
                .createdBefore(Instant.parse("2026-02-01T00:00:00Z"))
                .includeArchived(true)
                .threshold(0.25)
                .mode(RecallMode.KEYWORD)
                .build();
    }

    private static void assertFullBody(String body) throws Exception {
        JsonNode sent = JSON.readTree(body);
        assertEquals("What did we decide about caching?", sent.get("query").asText());
        assertEquals(HUB.toString(), sent.get("hub_ids").get(0).asText());
        assertEquals(5, sent.get("limit").asInt());
        assertEquals("auto", sent.get("model").asText());
        assertEquals("decisions", sent.get("tags").get(1).asText());
        assertEquals("rationale", sent.get("kind").asText());
        assertEquals(MEMORY_2, sent.get("topic_id").asText());
        assertEquals("slack", sent.get("source").asText());
        assertEquals("2026-01-01T00:00:00Z", sent.get("created_after").asText());
        assertEquals("2026-02-01T00:00:00Z", sent.get("created_before").asText());
        assertTrue(sent.get("include_archived").asBoolean());
        assertEquals(0.25, sent.get("threshold").asDouble());
        assertEquals("keyword", sent.get("mode").asText());
        assertEquals(13, sent.size(), "nothing else: " + sent);
    }

    @Test
    void createPostsTheQueryAndReadsTheWholeAnswer() throws Exception {
        server.then(conn -> conn.reply(
                200,
                "application/json",
                "{\"data\":{\"answer\":\"A 60 s TTL [1].\"," + "\"citations\":" + CITATIONS + ",\"sources\":" + SOURCES
                        + ",\"metadata\":" + METADATA + "}}"));
        AskResponse answer = client.ask().create(fullParams());

        assertEquals("A 60 s TTL [1].", answer.answer());
        assertEquals(1, answer.citations().get(0).index());
        assertEquals(UUID.fromString(MEMORY_1), answer.citations().get(0).memoryId());
        assertEquals("Caching decision", answer.citations().get(0).title());
        AskSource first = answer.sources().get(0);
        assertEquals(1, first.index());
        assertEquals(2, answer.sources().get(1).index());
        assertEquals(UUID.fromString(MEMORY_1), first.id());
        assertEquals(755L, answer.metadata().inputTokens());
        assertEquals(0.000147, answer.metadata().costUsd());
        assertEquals(2, answer.metadata().sourcesUsed());
        assertEquals("stop", answer.metadata().finishReason());
        assertNull(answer.metadata().fallback());
        assertEquals(List.of("Decisions", "Caching"), first.headingChain());
        assertEquals(0.91, first.relevanceScore());
        assertEquals("rationale", first.kind());
        assertEquals(HUB, first.hubId());
        assertNull(first.topicId());
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), first.createdAt());
        assertEquals("3 days ago", first.age());
        assertEquals(42, first.raw().get("brand_new_field").asInt(), "unknown fields stay readable");
        assertEquals(List.of(), answer.sources().get(1).headingChain());
        assertEquals("gpt-test", answer.metadata().model());
        assertEquals(812L, answer.metadata().tokens());
        assertEquals(57L, answer.metadata().answerTokens());
        assertEquals(120L, answer.metadata().retrievalLatencyMs());
        assertEquals(1300L, answer.metadata().synthesisLatencyMs());
        assertEquals(1430L, answer.metadata().totalLatencyMs());
        assertEquals(1430L, answer.metadata().latencyMs());

        SseServer.Conn conn = server.connection(0);
        assertEquals("POST", conn.method);
        assertEquals("/v1/ask", conn.path);
        assertEquals("application/json", conn.header("Accept"));
        assertEquals("application/json", conn.header("Content-Type"));
        assertNotNull(conn.header("Idempotency-Key"));
        assertFullBody(conn.body);
    }

    @Test
    void theSmallestAnswerReadsWithEmptyDefaults() {
        server.then(conn -> conn.reply(200, "application/json", "{\"data\":{\"answer\":\"No memories match.\"}}"));
        AskResponse answer = client.ask().create(AskParams.of("anything?"));
        assertEquals("No memories match.", answer.answer());
        assertEquals(List.of(), answer.citations());
        assertEquals(List.of(), answer.sources());
        assertNull(answer.metadata().model());
    }

    @Test
    void aQueryIsRequired() {
        assertThrows(IllegalStateException.class, () -> AskParams.builder().build());
        assertThrows(
                IllegalStateException.class,
                () -> AskParams.builder().query("  ").build());
    }

    @Test
    void streamDeliversSourcesDeltasAndDone() throws Exception {
        server.then(conn -> {
            conn.open();
            conn.event(null, "sources", SOURCES);
            conn.event(null, "delta", "{\"text\":\"A 60 s \"}");
            conn.write(": the model is thinking\n\n");
            conn.write("event: delta\r\ndata: {\"text\":\"TTL\"}\r\n\r\n");
            conn.event(null, "ping", "{\"ts\":1767225600}");
            conn.event(null, "delta", "{\"text\":\" [1] ✓.\"}");
            conn.event(null, "done", "{\"citations\":" + CITATIONS + ",\"metadata\":" + METADATA + "}");
            conn.holdUntilClientGone(Duration.ofSeconds(5));
        });
        Recorder recorder = new Recorder();
        AskStream stream = client.ask().stream(fullParams(), recorder);
        AskResponse whole = stream.await();

        assertEquals(List.of("sources", "delta", "delta", "delta", "done"), recorder.calls);
        assertEquals(List.of("A 60 s ", "TTL", " [1] ✓."), recorder.deltas);
        assertEquals(2, recorder.sources.size());
        assertEquals("Caching decision", recorder.sources.get(0).title());
        assertSame(recorder.done, whole);
        assertEquals("A 60 s TTL [1] ✓.", whole.answer());
        assertEquals(UUID.fromString(MEMORY_1), whole.citations().get(0).memoryId());
        assertEquals(recorder.sources, whole.sources());
        assertEquals(57L, whole.metadata().answerTokens());
        assertEquals(1430L, whole.metadata().totalLatencyMs());
        assertTrue(stream.isDone());
        assertSame(whole, stream.result().get());

        SseServer.Conn conn = server.connection(0);
        assertEquals("POST", conn.method);
        assertEquals("/v1/ask", conn.path);
        assertEquals("text/event-stream", conn.header("Accept"));
        assertEquals("Bearer mxk_test", conn.header("Authorization"));
        assertNotNull(conn.header("Idempotency-Key"));
        assertFullBody(conn.body);
        assertTrue(conn.awaitClientGone(Duration.ofSeconds(5)), "the connection is closed after done");
    }

    @Test
    void aDoneEventMayCarryTheMetadataAndTheFinalText() throws Exception {
        server.then(conn -> {
            conn.open();
            conn.event(null, "delta", "{\"text\":\"draft\"}");
            conn.event(
                    null,
                    "done",
                    "{\"answer\":\"final text\",\"sources\":[{\"memory_id\":\"" + MEMORY_2 + "\"}],"
                            + "\"model\":\"extractive\",\"total_latency_ms\":12}");
        });
        AskResponse whole = client.ask().stream(AskParams.of("q"), text -> {}).await();
        assertEquals("final text", whole.answer());
        assertEquals(UUID.fromString(MEMORY_2), whole.sources().get(0).id());
        assertEquals("extractive", whole.metadata().model());
        assertEquals(12L, whole.metadata().totalLatencyMs());
    }

    @Test
    void anErrorEventEndsTheStreamWithTheMappedException() throws Exception {
        server.then(conn -> {
            conn.open();
            conn.event(null, "sources", "[]");
            conn.event(null, "delta", "{\"text\":\"Half an ans\"}");
            conn.event(
                    null,
                    "error",
                    "{\"error\":{\"code\":\"service_unavailable\",\"message\":\"the LLM is down\","
                            + "\"details\":{\"provider\":\"openai\"}}}");
            conn.holdUntilClientGone(Duration.ofSeconds(5));
        });
        Recorder recorder = new Recorder();
        AskStream stream = client.ask().stream(AskParams.of("q"), recorder);
        assertTrue(recorder.awaitEnd());
        assertEquals(List.of("sources", "delta", "error"), recorder.calls);
        ServiceUnavailableException e = assertInstanceOf(ServiceUnavailableException.class, recorder.error);
        assertEquals(503, e.status());
        assertEquals("the LLM is down", e.errorMessage());
        assertEquals("openai", e.details().get("provider"));
        assertEquals("req-stream-1", e.requestId());
        assertSame(recorder.error, assertThrows(ServiceUnavailableException.class, stream::await));
        assertTrue(server.connection(0).awaitClientGone(Duration.ofSeconds(5)));
        assertEquals(1, server.connections().size(), "a started stream is never retried");
    }

    @Test
    void aFlatErrorEventAndAnUnknownCodeAreMappedToo() throws Exception {
        server.then(conn -> {
                    conn.open();
                    conn.event(null, "error", "{\"code\":\"quota_exceeded\",\"message\":\"monthly asks used up\"}");
                })
                .then(conn -> {
                    conn.open();
                    conn.event(null, "error", "{\"code\":\"llm_timeout\",\"message\":\"took too long\"}");
                });
        QuotaExceededException quota = assertThrows(
                QuotaExceededException.class,
                () -> client.ask().stream(AskParams.of("q"), text -> {}).await());
        assertEquals(402, quota.status());
        MemaxException unknown = assertThrows(
                MemaxException.class,
                () -> client.ask().stream(AskParams.of("q"), text -> {}).await());
        InternalServerException internal = assertInstanceOf(InternalServerException.class, unknown);
        assertEquals("llm_timeout", internal.code(), "an unknown code is kept, typed by its status");
        assertEquals(500, internal.status());
    }

    @Test
    void aMalformedFrameFailsTheStreamAndClosesTheConnection() throws Exception {
        server.then(conn -> {
            conn.open();
            conn.event(null, "delta", "{\"text\":\"fine\"}");
            conn.event(null, "delta", "{\"text\": unterminated");
            conn.holdUntilClientGone(Duration.ofSeconds(10));
        });
        Recorder recorder = new Recorder();
        client.ask().stream(AskParams.of("q"), recorder);
        assertTrue(recorder.awaitEnd());
        assertEquals(List.of("delta", "error"), recorder.calls);
        assertFalse(recorder.error instanceof dev.memax.sdk.errors.ApiException);
        assertTrue(recorder.error.getMessage().contains("malformed `delta`"), recorder.error.getMessage());
        assertTrue(server.connection(0).awaitClientGone(Duration.ofSeconds(5)));
    }

    @Test
    void aDeltaWithoutTextIsMalformed() throws Exception {
        server.then(conn -> {
            conn.open();
            conn.event(null, "delta", "{\"txt\":\"typo\"}");
        });
        MemaxException e = assertThrows(
                MemaxException.class,
                () -> client.ask().stream(AskParams.of("q"), t -> {}).await());
        assertTrue(e.getMessage().contains("no text"), e.getMessage());
    }

    @Test
    void cancelClosesTheConnectionAndStopsTheCallbacks() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        server.then(conn -> {
            conn.open();
            conn.event(null, "sources", "[]");
            conn.event(null, "delta", "{\"text\":\"one\"}");
            cancelled.await(5, TimeUnit.SECONDS);
            // Keeps generating until the write fails: the server notices the client left.
            for (int i = 0; i < 500; i++) {
                conn.event(null, "delta", "{\"text\":\"more\"}");
                Thread.sleep(10);
            }
        });
        Recorder recorder = new Recorder();
        AskStream stream = client.ask().stream(AskParams.of("q"), recorder);
        assertTrue(recorder.firstDelta.await(5, TimeUnit.SECONDS));
        stream.cancel();
        cancelled.countDown();
        assertTrue(server.connection(0).awaitClientGone(Duration.ofSeconds(5)), "the server saw the client leave");
        assertTrue(stream.isDone());
        assertThrows(CancellationException.class, stream::await);
        assertTrue(stream.result().isCancelled());
        Thread.sleep(100);
        assertEquals(List.of("sources", "delta"), recorder.calls, "nothing after cancel");
    }

    @Test
    void cancellingTheResultFutureCancelsTheStream() throws Exception {
        server.then(conn -> {
            conn.open();
            conn.event(null, "delta", "{\"text\":\"one\"}");
            conn.holdUntilClientGone(Duration.ofSeconds(10));
        });
        Recorder recorder = new Recorder();
        AskStream stream = client.ask().stream(AskParams.of("q"), recorder);
        assertTrue(recorder.firstDelta.await(5, TimeUnit.SECONDS));
        stream.result().cancel(true);
        assertTrue(server.connection(0).awaitClientGone(Duration.ofSeconds(5)));
        assertNull(recorder.error);
    }

    @Test
    void cancelBeforeTheResponseArrivesAbortsTheRequest() throws Exception {
        server.then(conn -> conn.holdSilently(Duration.ofSeconds(10)));
        Recorder recorder = new Recorder();
        AskStream stream = client.ask().stream(AskParams.of("q"), recorder);
        server.connection(0);
        long start = System.nanoTime();
        stream.close();
        assertThrows(CancellationException.class, stream::await);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1000);
        Thread.sleep(100);
        assertEquals(List.of(), recorder.calls);
    }

    @Test
    void aStreamThatEndsBeforeDoneIsAConnectionError() throws Exception {
        server.then(conn -> {
            conn.open();
            conn.event(null, "delta", "{\"text\":\"cut\"}");
        });
        ConnectionException e = assertThrows(
                ConnectionException.class,
                () -> client.ask().stream(AskParams.of("q"), t -> {}).await());
        assertTrue(e.getMessage().contains("before its done event"), e.getMessage());
        assertEquals(1, server.connections().size());
    }

    @Test
    void aConnectionDroppedAfterTheFirstByteIsNotRetried() throws Exception {
        server.then(conn -> {
                    conn.open();
                    conn.event(null, "delta", "{\"text\":\"cut\"}");
                    Thread.sleep(100);
                    conn.drop();
                })
                .otherwise(conn -> conn.error(500, "internal", "should not be asked again"));
        assertThrows(
                ConnectionException.class,
                () -> client.ask().stream(AskParams.of("q"), t -> {}).await());
        Thread.sleep(200);
        assertEquals(1, server.connections().size());
    }

    @Test
    void errorsBeforeTheStreamStartsAreRetriedLikeAnyPost() throws Exception {
        server.then(conn -> conn.error(503, "service_unavailable", "warming up", "Retry-After", "0"))
                .then(conn -> {
                    conn.open();
                    conn.event(null, "delta", "{\"text\":\"ok\"}");
                    conn.event(null, "done", "{}");
                });
        AskResponse whole = client.ask().stream(AskParams.of("q"), t -> {}).await();
        assertEquals("ok", whole.answer());
        List<SseServer.Conn> conns = server.connections();
        assertEquals(2, conns.size());
        assertEquals(conns.get(0).header("Idempotency-Key"), conns.get(1).header("Idempotency-Key"));
        assertEquals(conns.get(0).body, conns.get(1).body);
    }

    @Test
    void anAuthenticationErrorIsReportedWithoutRetry() throws Exception {
        server.otherwise(conn -> conn.error(401, "unauthorized", "bad key"));
        Recorder recorder = new Recorder();
        client.ask().stream(AskParams.of("q"), recorder);
        assertTrue(recorder.awaitEnd());
        assertInstanceOf(AuthenticationException.class, recorder.error);
        assertEquals(List.of("error"), recorder.calls);
        assertEquals(1, server.connections().size());
    }

    @Test
    void aServerAnsweringJsonInsteadOfAStreamStillWorks() throws Exception {
        server.then(conn -> conn.reply(
                200,
                "application/json",
                "{\"data\":{\"answer\":\"whole\",\"sources\":" + SOURCES + ",\"metadata\":" + METADATA + "}}"));
        Recorder recorder = new Recorder();
        AskResponse whole = client.ask().stream(AskParams.of("q"), recorder).await();
        assertEquals(List.of("sources", "delta", "done"), recorder.calls);
        assertEquals(List.of("whole"), recorder.deltas);
        assertEquals("gpt-test", whole.metadata().model());
    }

    @Test
    void aListenerThatThrowsEndsTheStream() throws Exception {
        server.then(conn -> {
            conn.open();
            conn.event(null, "delta", "{\"text\":\"one\"}");
            conn.event(null, "delta", "{\"text\":\"two\"}");
            conn.holdUntilClientGone(Duration.ofSeconds(10));
        });
        IllegalArgumentException bug = new IllegalArgumentException("app bug");
        Recorder recorder = new Recorder() {
            @Override
            public void onDelta(String text) {
                super.onDelta(text);
                throw bug;
            }
        };
        AskStream stream = client.ask().stream(AskParams.of("q"), recorder);
        assertTrue(recorder.awaitEnd());
        assertEquals(List.of("delta", "error"), recorder.calls);
        assertSame(bug, recorder.error.getCause());
        assertSame(recorder.error, assertThrows(MemaxException.class, stream::await));
        assertTrue(server.connection(0).awaitClientGone(Duration.ofSeconds(5)));
    }

    @Test
    void anIdleStreamFailsAfterTheRequestTimeout() throws Exception {
        server.then(conn -> {
            conn.open();
            conn.event(null, "delta", "{\"text\":\"one\"}");
            conn.holdSilently(Duration.ofSeconds(10));
        });
        long start = System.nanoTime();
        ConnectionException e = assertThrows(
                ConnectionException.class,
                () -> client.ask().stream(
                                AskParams.of("q"),
                                t -> {},
                                RequestOptions.builder()
                                        .timeout(Duration.ofMillis(300))
                                        .build())
                        .await());
        assertTrue(e.getMessage().contains("nothing arrived"), e.getMessage());
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms >= 250 && ms < 5000, ms + " ms");
    }

    @Test
    void closingTheClientCancelsItsStreams() throws Exception {
        server.then(conn -> {
            conn.open();
            conn.event(null, "delta", "{\"text\":\"one\"}");
            conn.holdUntilClientGone(Duration.ofSeconds(10));
        });
        Recorder recorder = new Recorder();
        AskStream stream = client.ask().stream(AskParams.of("q"), recorder);
        assertTrue(recorder.firstDelta.await(5, TimeUnit.SECONDS));
        client.close();
        assertThrows(CancellationException.class, stream::await);
        assertTrue(server.connection(0).awaitClientGone(Duration.ofSeconds(5)));
        assertThrows(IllegalStateException.class, () -> client.ask().stream(AskParams.of("q"), t -> {}));
    }
}
