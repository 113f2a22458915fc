package dev.memax.sdk.errors;

/**
 * Base of every exception the Memax SDK throws. It is unchecked: catch it (or one of its
 * subclasses) where you can act on a failure.
 *
 * <ul>
 *   <li>{@link ApiException} and its subclasses: the API answered with an error envelope.</li>
 *   <li>{@link ConnectionException}: no answer (connection refused or reset, timeout).</li>
 *   <li>{@code MemaxException} itself: anything else, e.g. an unreadable success response or
 *       an interrupted call.</li>
 * </ul>
 */
public class MemaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MemaxException(String message) {
        super(message);
    }

    public MemaxException(String message, Throwable cause) {
        super(message, cause);
    }
}
