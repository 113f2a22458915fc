package dev.memax.server.platform;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Any exception nothing more specific handles is a bug: log the full stack with the request id
 * (the only place it appears) and answer {@code internal} with a generic message.
 */
@Singleton
@Produces
public class UnexpectedErrorHandler implements ExceptionHandler<Exception, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);
    private final ErrorResponseProcessor<?> errors;

    public UnexpectedErrorHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, Exception exception) {
        MDC.put(RequestIds.MDC_KEY, RequestIds.of(request));
        try {
            LOG.error("Unexpected error handling {} {}", request.getMethodName(), request.getPath(), exception);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
        return errors.processResponse(ErrorContext.builder(request).cause(exception).build(),
                HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR));
    }
}
