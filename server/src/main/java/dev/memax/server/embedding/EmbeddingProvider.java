package dev.memax.server.embedding;

import java.util.List;

/**
 * Turns text into vectors. Implementations: in-process ONNX models (the default, so a fresh
 * install works offline) and any OpenAI-compatible {@code /v1/embeddings} endpoint. The
 * {@link #modelId()} is stored with every vector, and a search only ever compares vectors of
 * one model.
 */
public interface EmbeddingProvider {

    /** Stable id of the model, e.g. {@code bge-small-en-v1.5-q}; stored with each vector. */
    String modelId();

    int dimensions();

    /** The most tokens the model reads; longer texts must be chunked before embedding. */
    int maxTokens();

    /** Vectors for documents (memory chunks), in input order, as one batch. */
    List<float[]> embedDocuments(List<String> texts);

    /** The vector for a search query (some models embed queries differently from documents). */
    float[] embedQuery(String query);
}
