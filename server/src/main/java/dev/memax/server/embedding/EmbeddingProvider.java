package dev.memax.server.embedding;

import java.util.List;

/**
 * Turns text into vectors. Implementations: in-process ONNX models (the default, so a fresh
 * install works offline) and any OpenAI-compatible {@code /v1/embeddings} endpoint. The
 * {@link #modelId()} is stored with every vector, and a search only ever compares vectors of
 * one model.
 *
 * <p>Length is the caller's job: a model reads at most {@link #maxTokens()} tokens of a text and
 * silently ignores the rest, so anything longer must be split first (the memory chunker caps
 * chunks with {@link #countTokens(String)}). Vectors are L2-normalised, so cosine similarity is
 * their dot product.
 */
public interface EmbeddingProvider extends AutoCloseable {

    /** Stable id of the model, e.g. {@code bge-small-en-v1.5-q}; stored with each vector. */
    String modelId();

    int dimensions();

    /** The most tokens the model reads; longer texts must be chunked before embedding. */
    int maxTokens();

    /** Vectors for documents (memory chunks), in input order, as one batch. */
    List<float[]> embedDocuments(List<String> texts);

    /** The vector for a search query (some models embed queries differently from documents). */
    float[] embedQuery(String query);

    /**
     * How many of {@link #maxTokens()} the text uses, counted with the model's own tokenizer
     * when there is one (special tokens such as [CLS]/[SEP] excluded). The default is a
     * conservative estimate (a token per 3 characters) for providers without a local tokenizer.
     */
    default int countTokens(String text) {
        return text == null ? 0 : (text.length() + 2) / 3;
    }

    /**
     * Starts any slow initialisation (loading an in-process model) in the background; returns
     * at once. Embedding before it finishes waits for it.
     */
    default void startLoading() {}

    /** Whether embedding would run now without waiting for initialisation (for readiness reporting). */
    default boolean isReady() {
        return true;
    }

    /** Waits up to {@code timeoutMs} for initialisation; true when the provider is usable. */
    default boolean awaitReady(long timeoutMs) {
        return true;
    }

    /** Releases threads and native resources; called when the application context stops. */
    @Override
    default void close() {}
}
