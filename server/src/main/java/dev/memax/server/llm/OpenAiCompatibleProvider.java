package dev.memax.server.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.function.Consumer;

/**
 * OpenAI's Chat Completions, streamed: {@code POST {base}/chat/completions} with
 * {@code stream: true} and {@code stream_options.include_usage}, answered by
 * {@code data: {chat.completion.chunk}} events (text in {@code choices[0].delta.content}, then
 * {@code finish_reason}), a last chunk with {@code usage} and no choices, and {@code data: [DONE]}.
 * Spoken by OpenAI, Azure-style gateways, Ollama, vLLM, LiteLLM and OpenRouter.
 */
final class OpenAiCompatibleProvider extends StreamingProvider {
    private final URI endpoint;

    OpenAiCompatibleProvider(LlmSettings settings) {
        super("openai", settings.openaiApiKey(), settings);
        this.endpoint = URI.create(settings.openaiBaseUrl().trim().replaceAll("/+$", "") + "/chat/completions");
    }

    @Override
    protected StreamedAnswer answer(String requestedModel) {
        return new Chunks(requestedModel);
    }

    @Override
    protected HttpRequest httpRequest(LlmRequest request) {
        ObjectNode body = StreamingClient.JSON.createObjectNode();
        body.put("model", request.model());
        var messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", request.system());
        messages.addObject().put("role", "user").put("content", request.user());
        // max_tokens, not max_completion_tokens: the one every compatible server accepts.
        body.put("max_tokens", request.maxOutputTokens());
        body.put("temperature", request.temperature());
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        HttpRequest.Builder builder = StreamingClient.post(endpoint, body);
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder.build();
    }

    /** One answer's chunks. */
    private final class Chunks extends StreamedAnswer {
        Chunks(String requestedModel) {
            super(requestedModel);
        }

        @Override
        boolean accept(SseReader.Event event, Consumer<String> onDelta) {
            if (event.data().strip().equals("[DONE]")) {
                return true;
            }
            JsonNode chunk = client.json(event.data());
            if (chunk.has("error")) {
                throw client.errorInStream(chunk.get("error"));
            }
            model = chunk.path("model").asText(model);
            JsonNode usage = chunk.path("usage");
            if (usage.isObject()) {
                inputTokens = usage.path("prompt_tokens").asLong(inputTokens);
                outputTokens = usage.path("completion_tokens").asLong(outputTokens);
            }
            JsonNode choice = chunk.path("choices").path(0);
            JsonNode content = choice.path("delta").path("content");
            if (content.isTextual()) {
                text(content.asText(), onDelta);
            }
            if (choice.path("finish_reason").isTextual()) {
                stopReason = choice.get("finish_reason").asText();
            }
            return false;
        }
    }
}
