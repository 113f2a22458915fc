package dev.memax.server.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/messages} with {@code stream: true}, as Anthropic streams it:
 * {@code message_start} (model, input tokens), {@code content_block_start}, a {@code ping},
 * one {@code content_block_delta} ({@code text_delta}) per delta, {@code content_block_stop},
 * {@code message_delta} (stop reason, cumulative output tokens) and {@code message_stop}; every
 * event is {@code event: NAME}, {@code data: JSON} and a blank line. Errors are
 * {@code {"type":"error","error":{"type","message"}}}, in the body or as an {@code error} event.
 */
public final class FakeAnthropic extends FakeLlmServer {
    public FakeAnthropic() {
        super("/v1/messages");
    }

    /** Without {@code /v1}, like Anthropic's own base URL. */
    @Override
    public String baseUrl() {
        return origin();
    }

    @Override
    protected String opening(String model, FakeLlmReply reply) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("input_tokens", reply.inputTokens);
        usage.put("output_tokens", 1);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", "msg_fake");
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("content", List.of());
        message.put("model", model);
        message.put("stop_reason", null);
        message.put("stop_sequence", null);
        message.put("usage", usage);
        return event("message_start", ordered("type", "message_start", "message", message))
                + event(
                        "content_block_start",
                        ordered(
                                "type",
                                "content_block_start",
                                "index",
                                0,
                                "content_block",
                                ordered("type", "text", "text", "")))
                + event("ping", Map.of("type", "ping"));
    }

    @Override
    protected String delta(String model, String text) {
        return event(
                "content_block_delta",
                ordered(
                        "type",
                        "content_block_delta",
                        "index",
                        0,
                        "delta",
                        ordered("type", "text_delta", "text", text)));
    }

    @Override
    protected String closing(String model, FakeLlmReply reply) {
        Map<String, Object> delta = new LinkedHashMap<>();
        delta.put("stop_reason", reply.finishReason == null ? "end_turn" : reply.finishReason);
        delta.put("stop_sequence", null);
        return event("content_block_stop", ordered("type", "content_block_stop", "index", 0))
                + event(
                        "message_delta",
                        ordered(
                                "type",
                                "message_delta",
                                "delta",
                                delta,
                                "usage",
                                Map.of("output_tokens", reply.outputTokens)))
                + event("message_stop", Map.of("type", "message_stop"));
    }

    @Override
    protected String errorEvent(String type, String message) {
        return "event: error\ndata: " + errorBody(type, message) + "\n\n";
    }

    @Override
    protected String errorBody(String type, String message) {
        return json(ordered("type", "error", "error", ordered("type", type, "message", message)));
    }

    private static String event(String name, Object data) {
        return "event: " + name + "\ndata: " + json(data) + "\n\n";
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
