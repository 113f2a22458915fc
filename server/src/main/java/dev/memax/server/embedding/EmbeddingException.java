package dev.memax.server.embedding;

/** An embedding could not be computed (model failed to load, remote API error, bad answer). */
public class EmbeddingException extends RuntimeException {
    public EmbeddingException(String message) {
        super(message);
    }

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
