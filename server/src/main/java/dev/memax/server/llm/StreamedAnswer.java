package dev.memax.server.llm;

import java.util.function.Consumer;

/** One answer as its events arrive: the text so far, the model, the token counts and the stop reason. */
abstract class StreamedAnswer {
    private final StringBuilder text = new StringBuilder();
    protected String model;
    protected String stopReason;
    protected long inputTokens;
    protected long outputTokens;

    protected StreamedAnswer(String requestedModel) {
        this.model = requestedModel;
    }

    /** Handles one event, handing any text to {@code onDelta}; true when it ended the answer. */
    abstract boolean accept(SseReader.Event event, Consumer<String> onDelta);

    protected void text(String piece, Consumer<String> onDelta) {
        text.append(piece);
        onDelta.accept(piece);
    }

    LlmCompletion completion() {
        return new LlmCompletion(text.toString(), model, inputTokens, outputTokens, stopReason);
    }
}
