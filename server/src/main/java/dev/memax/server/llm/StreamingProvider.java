package dev.memax.server.llm;

import java.net.http.HttpRequest;
import java.util.function.Consumer;

/** A provider whose answer streams as server-sent events: it builds the request and reads its own events. */
abstract class StreamingProvider implements LlmProvider {
    private final String name;
    protected final String apiKey;
    protected final StreamingClient client;

    protected StreamingProvider(String name, String apiKey, LlmSettings settings) {
        this.name = name;
        this.apiKey = LlmSettings.secret(apiKey);
        this.client = new StreamingClient(name, this.apiKey, settings);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final LlmCompletion complete(LlmRequest request, Consumer<String> onDelta, LlmCancellation cancellation) {
        return client.stream(httpRequest(request), answer(request.model()), onDelta, cancellation);
    }

    protected abstract HttpRequest httpRequest(LlmRequest request);

    /** A reader of one answer's events. */
    protected abstract StreamedAnswer answer(String requestedModel);
}
