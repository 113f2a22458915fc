package dev.memax.server.oauth;

import dev.memax.server.platform.RouteErrorFormat;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

/** Every error on {@code /oauth/*}, the framework's too, in OAuth's format ({@link OAuthError#body}). */
@Singleton
public class OAuthErrorFormat implements RouteErrorFormat {

    @Override
    public boolean covers(String path) {
        return path.startsWith(OAuthError.PATH_PREFIX);
    }

    @Override
    public MutableHttpResponse<?> render(MutableHttpResponse<?> response, String message) {
        // OAuth clients read OAuth's error format on OAuth's routes, whatever failed (RFC 6749 §5.2).
        return response.body(OAuthError.body(response.code(), message))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store");
    }
}
