package dev.memax.server.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/chat/completions} with {@code stream: true}, as OpenAI streams it: a first
 * chunk with the assistant role, one {@code chat.completion.chunk} per delta, a chunk with
 * {@code finish_reason}, the usage chunk ({@code choices: []}, asked with
 * {@code stream_options.include_usage}) and {@code data: [DONE]}; every event is
 * {@code data: JSON} and a blank line. Errors are {@code {"error":{"message","type","param","code"}}}.
 */
public final class FakeOpenAi extends FakeLlmServer {
    private static final String ID = "chatcmpl-fake";
    private static final long CREATED = 1_700_000_000L;

    public FakeOpenAi() {
        super("/v1/chat/completions");
    }

    /** Includes {@code /v1}, like OpenAI's own base URL. */
    @Override
    public String baseUrl() {
        return origin() + "/v1";
    }

    @Override
    protected String opening(String model, FakeLlmReply reply) {
        return chunk(model, Map.of("role", "assistant", "content", ""), null);
    }

    @Override
    protected String delta(String model, String text) {
        return chunk(model, Map.of("content", text), null);
    }

    @Override
    protected String closing(String model, FakeLlmReply reply) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("prompt_tokens", reply.inputTokens);
        usage.put("completion_tokens", reply.outputTokens);
        usage.put("total_tokens", reply.inputTokens + reply.outputTokens);
        Map<String, Object> last = envelope(model, List.of());
        last.put("usage", usage);
        return chunk(model, Map.of(), reply.finishReason == null ? "stop" : reply.finishReason)
                + "data: " + json(last) + "\n\n"
                + "data: [DONE]\n\n";
    }

    @Override
    protected String errorEvent(String type, String message) {
        return "data: " + errorBody(type, message) + "\n\n";
    }

    @Override
    protected String errorBody(String type, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", null);
        error.put("code", null);
        return json(Map.of("error", error));
    }

    private static String chunk(String model, Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason);
        Map<String, Object> chunk = envelope(model, List.of(choice));
        chunk.put("usage", null);
        return "data: " + json(chunk) + "\n\n";
    }

    private static Map<String, Object> envelope(String model, List<Object> choices) {
        Map<String, Object> chunk = new LinkedHashMap<>();
        chunk.put("id", ID);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", CREATED);
        chunk.put("model", model);
        chunk.put("system_fingerprint", "fp_fake");
        chunk.put("choices", choices);
        return chunk;
    }
}
