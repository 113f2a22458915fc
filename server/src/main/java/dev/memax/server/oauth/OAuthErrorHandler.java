package dev.memax.server.oauth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Renders {@link OAuthError} as OAuth clients expect it; never cached (RFC 6749 §5.1). */
@Singleton
@Produces
public class OAuthErrorHandler implements ExceptionHandler<OAuthError, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, OAuthError exception) {
        return HttpResponse.status(exception.status())
                .body(exception.body())
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store");
    }
}
