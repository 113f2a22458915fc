package dev.memax.server.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.memax.server.testing.FakeAnthropic;
import dev.memax.server.testing.FakeLlmReply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Anthropic provider through the gateway against {@link FakeAnthropic} over real HTTP. */
class LlmAnthropicTest {
    private static final String MODEL = "claude-test";
    private final FakeAnthropic anthropic = new FakeAnthropic();
    private final List<String> deltas = new ArrayList<>();
    private final LlmGateway gateway =
            TestLlmSettings.anthropic(anthropic.baseUrl(), MODEL).gateway();

    @AfterEach
    void stop() {
        anthropic.close();
    }

    private LlmCompletion complete() {
        return gateway.complete(
                new LlmRequest(MODEL, "Answer from the context.", "What does Memax do?", 300, 1.5),
                deltas::add,
                new LlmCancellation());
    }

    @Test
    void streamsTheMessagesApiAnswer() {
        FakeLlmReply reply =
                FakeLlmReply.answer("Memax keeps what agents learn.", 4).usage(31, 8);
        anthropic.enqueue(reply);

        LlmCompletion completion = complete();

        assertThat(deltas).containsExactlyElementsOf(reply.deltas());
        assertThat(completion).isEqualTo(new LlmCompletion(reply.text(), MODEL, 31, 8, "end_turn"));
        FakeAnthropic.Received sent = anthropic.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo("sk-ant-test-secret-key-123456");
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.header("Authorization")).isNull();
        assertThat(sent.body().path("model").asText()).isEqualTo(MODEL);
        assertThat(sent.body().path("system").asText()).isEqualTo("Answer from the context.");
        assertThat(sent.body().path("messages")).hasSize(1);
        assertThat(sent.body().at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(sent.body().at("/messages/0/content").asText()).isEqualTo("What does Memax do?");
        assertThat(sent.body().path("max_tokens").asInt()).isEqualTo(300);
        assertThat(sent.body().path("temperature").asDouble()).isEqualTo(1.0);
        assertThat(sent.body().path("stream").asBoolean()).isTrue();
    }

    @Test
    void retriesOverloadedBeforeAnyText() {
        anthropic.enqueue(
                FakeLlmReply.error(529, "overloaded_error", "Overloaded"),
                FakeLlmReply.answer("ignored", 1).errorEventAfter(0, "overloaded_error", "Overloaded"),
                FakeLlmReply.answer("Now it works.", 2));

        assertThat(complete().text()).isEqualTo("Now it works.");
        assertThat(anthropic.requests()).hasSize(3);
    }

    @Test
    void anErrorEventMidAnswerEndsIt() {
        anthropic.enqueue(
                FakeLlmReply.answer("Half an answer", 4).errorEventAfter(2, "overloaded_error", "Overloaded"));

        LlmException e = catchThrowableOfType(this::complete, LlmException.class);

        assertThat(e.reason()).isEqualTo(LlmException.Reason.UPSTREAM);
        assertThat(e.upstreamStatus()).isEqualTo(529);
        assertThat(e.getMessage()).contains("overloaded_error: Overloaded");
        assertThat(deltas).hasSize(2);
        assertThat(anthropic.requests()).hasSize(1);
    }

    @Test
    void aStreamWithoutMessageStopIsMalformed() {
        anthropic.enqueue(FakeLlmReply.answer("Cut short", 2).cutAfter(2));

        LlmException e = catchThrowableOfType(this::complete, LlmException.class);

        assertThat(e.reason()).isEqualTo(LlmException.Reason.MALFORMED);
    }
}
