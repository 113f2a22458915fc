package dev.memax.server.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.memax.server.testing.FakeLlmReply;
import dev.memax.server.testing.FakeOpenAi;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway and the OpenAI-compatible provider against {@link FakeOpenAi} over real HTTP. */
class LlmGatewayTest {
    private static final String MODEL = "gpt-test";
    private final FakeOpenAi openai = new FakeOpenAi();
    private final List<String> deltas = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        openai.close();
    }

    private TestLlmSettings settings() {
        return TestLlmSettings.openai(openai.baseUrl(), MODEL + ",gpt-other");
    }

    private static LlmRequest request() {
        return new LlmRequest(MODEL, "Answer from the context.", "What does Memax do?", 256, 0.2);
    }

    private LlmCompletion complete(LlmGateway gateway) {
        return gateway.complete(request(), deltas::add, new LlmCancellation());
    }

    private LlmException failure(LlmGateway gateway) {
        return catchThrowableOfType(() -> complete(gateway), LlmException.class);
    }

    @Test
    void streamsDeltasInOrderAndCountsUsage() {
        FakeLlmReply reply = FakeLlmReply.answer("Memax keeps what agents learn, and recalls it.", 5)
                .usage(42, 9);
        openai.enqueue(reply);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        LlmCompletion completion =
                new LlmGateway(settings().build(), meters).complete(request(), deltas::add, new LlmCancellation());

        assertThat(deltas).containsExactlyElementsOf(reply.deltas()).hasSize(5);
        assertThat(completion).isEqualTo(new LlmCompletion(reply.text(), MODEL, 42, 9, "stop"));
        assertThat(meters.get("memax.llm.calls")
                        .tag("provider", "openai")
                        .tag("outcome", "ok")
                        .counter()
                        .count())
                .isEqualTo(1);
        FakeOpenAi.Received sent = openai.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer sk-test-secret-key-123456");
        assertThat(sent.header("Accept")).isEqualTo("text/event-stream");
        assertThat(sent.body().path("model").asText()).isEqualTo(MODEL);
        assertThat(sent.body().path("stream").asBoolean()).isTrue();
        assertThat(sent.body().at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(sent.body().path("max_tokens").asInt()).isEqualTo(256);
        assertThat(sent.body().path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.body().at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(sent.body().at("/messages/0/content").asText()).isEqualTo("Answer from the context.");
        assertThat(sent.body().at("/messages/1/role").asText()).isEqualTo("user");
        assertThat(sent.body().at("/messages/1/content").asText()).isEqualTo("What does Memax do?");
    }

    @Test
    void aFinishedAnswerLeavesItsConnectionForTheNextCall() {
        LlmGateway gateway = settings().gateway();
        complete(gateway);
        complete(gateway);
        assertThat(openai.requests()).hasSize(2);
        assertThat(openai.requests().get(1).clientPort())
                .isEqualTo(openai.requests().get(0).clientPort());
    }

    @Test
    void sendsNoAuthorizationWithoutKey() {
        TestLlmSettings settings = settings();
        settings.openaiApiKey = "";
        complete(settings.gateway());
        assertThat(openai.lastRequest().header("Authorization")).isNull();
    }

    @Test
    void retriesAServerErrorBeforeTheFirstDelta() {
        openai.enqueue(
                FakeLlmReply.error(500, "server_error", "The server had an error"),
                FakeLlmReply.answer("ignored", 1).errorEventAfter(0, "server_error", "stream broke"),
                FakeLlmReply.answer("Third time lucky.", 3));

        LlmCompletion completion = complete(settings().gateway());

        assertThat(completion.text()).isEqualTo("Third time lucky.");
        assertThat(openai.requests()).hasSize(3);
    }

    @Test
    void gives5xxUpAfterTheRetries() {
        openai.replyByDefault(FakeLlmReply.error(503, "server_error", "Service unavailable"));

        LlmException e = failure(settings().gateway());

        assertThat(e.reason()).isEqualTo(LlmException.Reason.UPSTREAM);
        assertThat(e.upstreamStatus()).isEqualTo(503);
        assertThat(e.getMessage()).contains("Service unavailable");
        assertThat(openai.requests()).hasSize(3);
    }

    @Test
    void doesNotRetryAClientError() {
        openai.replyByDefault(FakeLlmReply.error(400, "invalid_request_error", "max_tokens is too large"));

        LlmException e = failure(settings().gateway());

        assertThat(e.reason()).isEqualTo(LlmException.Reason.UPSTREAM);
        assertThat(e.upstreamStatus()).isEqualTo(400);
        assertThat(openai.requests()).hasSize(1);
    }

    @Test
    void waitsWhatRetryAfterAsksOn429() {
        openai.enqueue(
                FakeLlmReply.error(429, "rate_limit_error", "slow down").retryAfter("1"),
                FakeLlmReply.answer("Done.", 1));
        long started = System.nanoTime();

        complete(settings().gateway());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(openai.requests()).hasSize(2);
    }

    @Test
    void doesNotWaitForARetryAfterLongerThanTheCap() {
        openai.replyByDefault(
                FakeLlmReply.error(429, "rate_limit_error", "quota").retryAfter("60"));

        LlmException e = failure(settings().gateway());

        assertThat(e.upstreamStatus()).isEqualTo(429);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(openai.requests()).hasSize(1);
    }

    @Test
    void timesOutWithoutAFirstToken() {
        TestLlmSettings settings = settings();
        settings.firstTokenTimeout = Duration.ofMillis(300);
        openai.enqueue(
                FakeLlmReply.answer("late", 1).hangBeforeHeaders(Duration.ofSeconds(2)),
                FakeLlmReply.answer("late again", 2).stallAfter(0, Duration.ofSeconds(2)));
        LlmGateway gateway = settings.gateway();

        for (int i = 0; i < 2; i++) {
            long started = System.nanoTime();
            LlmException e = failure(gateway);
            assertThat(e.reason()).isEqualTo(LlmException.Reason.TIMEOUT);
            assertThat(e.getMessage()).contains("no first token within 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
        }
        assertThat(openai.requests()).hasSize(2);
        assertThat(openai.requests().get(1).clientDisconnected(Duration.ofSeconds(5)))
                .isTrue();
    }

    @Test
    void timesOutWhenTheStreamStalls() {
        TestLlmSettings settings = settings();
        settings.idleTimeout = Duration.ofMillis(300);
        openai.enqueue(FakeLlmReply.answer("one two three four five six", 6).stallAfter(2, Duration.ofSeconds(2)));

        LlmException e = failure(settings.gateway());

        assertThat(e.reason()).isEqualTo(LlmException.Reason.TIMEOUT);
        assertThat(e.getMessage()).contains("no data for 300 ms");
        assertThat(deltas).hasSize(2);
        assertThat(openai.lastRequest().clientDisconnected(Duration.ofSeconds(5)))
                .isTrue();
    }

    @Test
    void capsTheWholeAnswer() {
        TestLlmSettings settings = settings();
        settings.timeout = Duration.ofMillis(400);
        openai.enqueue(FakeLlmReply.answer("a slow but steady answer", 20).delayBetweenDeltas(Duration.ofMillis(100)));

        LlmException e = failure(settings.gateway());

        assertThat(e.reason()).isEqualTo(LlmException.Reason.TIMEOUT);
        assertThat(e.getMessage()).contains("no complete answer within 400 ms");
    }

    @Test
    void rejectsAMalformedOrUnfinishedStream() {
        openai.enqueue(
                FakeLlmReply.answer("Hello world", 3).malformedAfter(1),
                FakeLlmReply.answer("Hello world", 3).cutAfter(3));
        LlmGateway gateway = settings().gateway();

        LlmException garbled = failure(gateway);
        LlmException cut = failure(gateway);

        assertThat(garbled.reason()).isEqualTo(LlmException.Reason.MALFORMED);
        assertThat(cut.reason()).isEqualTo(LlmException.Reason.MALFORMED);
        assertThat(cut.getMessage()).contains("ended before");
        assertThat(openai.requests()).hasSize(2);
    }

    @Test
    void neverRetriesOnceTextHasStreamed() {
        openai.enqueue(
                FakeLlmReply.answer("The answer is", 3).errorEventAfter(3, "server_error", "stream broke"),
                FakeLlmReply.answer("should not be asked", 1));

        LlmException e = failure(settings().gateway());

        assertThat(e.reason()).isEqualTo(LlmException.Reason.UPSTREAM);
        assertThat(e.getMessage()).contains("stream broke");
        assertThat(deltas).hasSize(3);
        assertThat(openai.requests()).hasSize(1);
    }

    @Test
    void breakerOpensAfterFailuresAndClosesAfterTheOpenDuration() throws InterruptedException {
        TestLlmSettings settings = settings();
        settings.maxRetries = 0;
        settings.breakerMinimumCalls = 3;
        settings.breakerOpenDuration = Duration.ofMillis(700);
        LlmGateway gateway = settings.gateway();
        openai.replyByDefault(FakeLlmReply.error(502, "server_error", "bad gateway"));
        for (int i = 0; i < 3; i++) {
            assertThat(failure(gateway).reason()).isEqualTo(LlmException.Reason.UPSTREAM);
        }

        LlmException refused = failure(gateway);

        assertThat(refused.reason()).isEqualTo(LlmException.Reason.UNAVAILABLE);
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(700));
        assertThat(openai.requests()).hasSize(3);
        assertThat(gateway.breakerStates()).containsEntry("openai", "open");

        Thread.sleep(800);
        assertThat(gateway.breakerStates()).containsEntry("openai", "half_open");
        openai.replyByDefault(FakeLlmReply.answer("Back again.", 2));
        assertThat(complete(gateway).text()).isEqualTo("Back again.");
        assertThat(gateway.breakerStates()).containsEntry("openai", "closed");
    }

    @Test
    void clientErrorsAndCancellationsDoNotOpenTheBreaker() {
        TestLlmSettings settings = settings();
        settings.breakerMinimumCalls = 2;
        LlmGateway gateway = settings.gateway();
        openai.replyByDefault(FakeLlmReply.error(
                401, "invalid_request_error", "Incorrect API key provided: sk-test-secret-key-123456"));

        for (int i = 0; i < 3; i++) {
            LlmException e = failure(gateway);
            assertThat(e.getMessage()).contains("Incorrect API key").doesNotContain("secret-key");
        }

        assertThat(gateway.breakerStates()).containsEntry("openai", "closed");
    }

    @Test
    void cancellationDropsTheUpstreamConnection() {
        openai.enqueue(FakeLlmReply.answer("word ".repeat(40), 40).delayBetweenDeltas(Duration.ofMillis(50)));
        LlmCancellation cancellation = new LlmCancellation();
        long started = System.nanoTime();

        LlmException e = catchThrowableOfType(
                () -> settings()
                        .gateway()
                        .complete(
                                request(),
                                text -> {
                                    deltas.add(text);
                                    new Thread(cancellation::cancel).start();
                                },
                                cancellation),
                LlmException.class);

        assertThat(e.reason()).isEqualTo(LlmException.Reason.CANCELLED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(deltas.size()).isLessThan(5);
        assertThat(openai.lastRequest().clientDisconnected(Duration.ofSeconds(5)))
                .isTrue();
        assertThat(openai.requests()).hasSize(1);
    }

    @Test
    void cancellationEndsTheWaitForHeaders() {
        openai.enqueue(FakeLlmReply.answer("late", 1).hangBeforeHeaders(Duration.ofSeconds(3)));
        LlmCancellation cancellation = new LlmCancellation();
        new Thread(() -> {
                    sleep(200);
                    cancellation.cancel();
                })
                .start();
        long started = System.nanoTime();

        LlmException e = catchThrowableOfType(
                () -> settings().gateway().complete(request(), deltas::add, cancellation), LlmException.class);

        assertThat(e.reason()).isEqualTo(LlmException.Reason.CANCELLED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void routesByModelAndPricesCompletions() {
        TestLlmSettings settings = settings();
        settings.prices = "gpt-test=0.15/0.60, claude-x=0.80/4.00";
        LlmGateway gateway = settings.gateway();

        assertThat(gateway.enabled()).isTrue();
        assertThat(gateway.models()).containsExactly(MODEL, "gpt-other");
        assertThat(gateway.defaultModel()).isEqualTo(MODEL);
        assertThat(gateway.fallbackToExtractive()).isFalse();
        assertThat(gateway.costMicroUsd(MODEL, 1000, 2000)).isEqualTo(150 + 1200);
        assertThat(gateway.costMicroUsd("unpriced", 1000, 2000)).isZero();
        assertThatThrownBy(() -> gateway.complete(
                        new LlmRequest("nobody-serves-this", "s", "u", 10, 0), deltas::add, new LlmCancellation()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsInconsistentConfiguration() {
        TestLlmSettings unknownDefault = settings();
        unknownDefault.defaultModel = "gpt-missing";
        TestLlmSettings badPrices = settings();
        badPrices.prices = "gpt-test=0.15";
        TestLlmSettings badFallback = settings();
        badFallback.fallback = "sometimes";

        for (TestLlmSettings settings : List.of(unknownDefault, badPrices, badFallback)) {
            assertThatThrownBy(settings::gateway).isInstanceOf(ConfigurationException.class);
        }
        LlmGateway none = new TestLlmSettings().gateway();
        assertThat(none.enabled()).isFalse();
        assertThat(none.defaultModel()).isNull();
        assertThat(none.breakerStates()).isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
