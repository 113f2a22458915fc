package dev.memax.server.platform;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;

/**
 * Every error is in the envelope, also those the framework answers without a body, such as the
 * {@code 403} of Micronaut's localhost guard (a request with a foreign {@code Origin} to a server
 * bound to localhost, refused against drive-by attacks from web pages): such a response gets the
 * envelope of its status from {@link ErrorEnvelopeProcessor}. Outermost but for the test-only
 * contract check, so it sees what every other filter answered.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class EmptyErrorFilter implements Ordered {
    private final ErrorResponseProcessor<?> errors;

    public EmptyErrorFilter(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @ResponseFilter
    public void envelop(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() < 400 || response.getBody().isPresent() || request.getMethod() == HttpMethod.HEAD) {
            return;
        }
        ErrorContext.Builder context = ErrorContext.builder(request);
        if (response.code() == 403 && request.getHeaders().contains(HttpHeaders.ORIGIN)) {
            context.errorMessage("Cross-origin request refused: this origin may not call the API");
        }
        errors.processResponse(context.build(), response);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}
