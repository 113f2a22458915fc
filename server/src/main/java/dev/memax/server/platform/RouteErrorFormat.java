package dev.memax.server.platform;

import io.micronaut.http.MutableHttpResponse;

/**
 * An error format of its own for a family of routes, used instead of the API envelope for every
 * error on them, the framework's included. A capability whose routes need one provides it as a
 * bean; {@link ErrorEnvelopeProcessor} asks each, so the platform never names the capability.
 */
public interface RouteErrorFormat {

    /** Whether errors on this request path take this format. */
    boolean covers(String path);

    /**
     * Puts the error on the response (whose status is already final): body, content type and
     * whatever headers the format requires.
     *
     * @param message the message the API envelope would have carried
     */
    MutableHttpResponse<?> render(MutableHttpResponse<?> response, String message);
}
