package dev.memax.server.platform;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Any exception nothing more specific handles is a bug: log the full stack with the request id
 * (the only place it appears) and answer {@code internal} with a generic message. Except a lost
 * or unobtainable PostgreSQL connection ({@link ConnectionFailures}), which is an outage, not a
 * bug: 503 {@code service_unavailable} with {@code Retry-After}, so clients retry.
 */
@Singleton
@Produces
public class UnexpectedErrorHandler implements ExceptionHandler<Exception, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);
    /** Seconds a client is asked to wait after a database connection failure. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 1;

    private final ErrorResponseProcessor<?> errors;
    private final ConnectionFailures connectionFailures;

    public UnexpectedErrorHandler(ErrorResponseProcessor<?> errors, ConnectionFailures connectionFailures) {
        this.errors = errors;
        this.connectionFailures = connectionFailures;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, Exception exception) {
        if (ConnectionFailures.isConnectionFailure(exception)) {
            connectionFailures.unavailable();
            connectionFailures.connectionLost(
                    exception, "answered " + request.getMethodName() + " " + request.getPath() + " with 503");
            ApiException unavailable = ApiException.unavailable(
                    "The database is unavailable; retry shortly", DATABASE_RETRY_AFTER_SECONDS, Map.of());
            return errors.processResponse(
                    ErrorContext.builder(request).cause(unavailable).build(),
                    HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE));
        }
        MDC.put(RequestIds.MDC_KEY, RequestIds.of(request));
        try {
            LOG.error("Unexpected error handling {} {}", request.getMethodName(), request.getPath(), exception);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
        return errors.processResponse(
                ErrorContext.builder(request).cause(exception).build(),
                HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR));
    }
}
