package dev.memax.server.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.function.Consumer;

/**
 * Anthropic's Messages API, streamed: {@code POST {base}/v1/messages} with {@code stream: true},
 * answered by {@code message_start} (model, input tokens), {@code content_block_start},
 * {@code content_block_delta} ({@code text_delta} text), {@code content_block_stop},
 * {@code message_delta} (stop reason, output tokens so far), {@code message_stop}, with
 * {@code ping}s anywhere and an {@code error} event when the API fails mid-stream.
 */
final class AnthropicProvider extends StreamingProvider {
    static final String API_VERSION = "2023-06-01";
    private final URI endpoint;

    AnthropicProvider(LlmSettings settings) {
        super("anthropic", settings.anthropicApiKey(), settings);
        this.endpoint = URI.create(settings.anthropicBaseUrl().trim().replaceAll("/+$", "") + "/v1/messages");
    }

    @Override
    protected StreamedAnswer answer(String requestedModel) {
        return new Events(requestedModel);
    }

    @Override
    protected HttpRequest httpRequest(LlmRequest request) {
        ObjectNode body = StreamingClient.JSON.createObjectNode();
        body.put("model", request.model());
        body.put("system", request.system());
        body.putArray("messages").addObject().put("role", "user").put("content", request.user());
        body.put("max_tokens", request.maxOutputTokens());
        // Anthropic's range is 0-1; the request's is OpenAI's 0-2.
        body.put("temperature", Math.min(1.0, request.temperature()));
        body.put("stream", true);
        HttpRequest.Builder builder = StreamingClient.post(endpoint, body).header("anthropic-version", API_VERSION);
        if (apiKey != null) {
            builder.header("x-api-key", apiKey);
        }
        return builder.build();
    }

    /** One answer's events. */
    private final class Events extends StreamedAnswer {
        Events(String requestedModel) {
            super(requestedModel);
        }

        @Override
        boolean accept(SseReader.Event event, Consumer<String> onDelta) {
            JsonNode data = client.json(event.data());
            switch (data.path("type").asText(event.name())) {
                case "message_start" -> {
                    JsonNode message = data.path("message");
                    model = message.path("model").asText(model);
                    inputTokens = message.path("usage").path("input_tokens").asLong(0);
                    outputTokens = message.path("usage").path("output_tokens").asLong(0);
                }
                case "content_block_delta" -> {
                    JsonNode delta = data.path("delta");
                    if (delta.path("type").asText().equals("text_delta")) {
                        text(delta.path("text").asText(), onDelta);
                    }
                }
                case "message_delta" -> {
                    stopReason = data.path("delta").path("stop_reason").asText(stopReason);
                    // Cumulative: the last message_delta holds the whole answer's count.
                    outputTokens = data.path("usage").path("output_tokens").asLong(outputTokens);
                }
                case "message_stop" -> {
                    return true;
                }
                case "error" -> throw client.errorInStream(data.path("error"));
                default -> {
                    // content_block_start/stop, ping, and event types added later
                }
            }
            return false;
        }
    }
}
