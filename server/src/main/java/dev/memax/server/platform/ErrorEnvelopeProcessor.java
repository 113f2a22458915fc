package dev.memax.server.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where every error response is rendered: errors raised by our services
 * ({@link ApiException}), by validation, by JSON decoding, and by the framework itself
 * (unknown route, wrong method, wrong content type, oversized body, URL or headers, unexpected
 * exceptions). {@link EmptyErrorFilter} sends the framework's body-less errors here too. On
 * routes with a format of their own (a {@link RouteErrorFormat} bean, e.g. OAuth's on
 * {@code /oauth/*}) the same errors take that format.
 */
@Singleton
@Primary
public class ErrorEnvelopeProcessor implements ErrorResponseProcessor<ErrorEnvelope> {
    private final List<RouteErrorFormat> routeFormats;

    public ErrorEnvelopeProcessor(List<RouteErrorFormat> routeFormats) {
        this.routeFormats = routeFormats;
    }

    @Override
    public MutableHttpResponse<ErrorEnvelope> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        Throwable cause = context.getRootCause().orElse(null);
        ErrorEnvelope envelope;
        if (cause instanceof ApiException api) {
            api.headers().forEach(response::header);
            envelope = ErrorEnvelope.of(api.code(), api.getMessage(), api.details());
            response.status(api.code().status());
        } else if (cause instanceof ConstraintViolationException violations) {
            envelope = envelope(RequestErrors.of(violations), response);
        } else if (findCause(cause, JsonProcessingException.class) instanceof JsonProcessingException json) {
            envelope = envelope(RequestErrors.of(json), response);
        } else {
            if (response.code() == HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode()) {
                // The framework answers 413 for any request part over its limit: say which part.
                tooLongPart(context).ifPresent(code -> response.status(code.status()));
            }
            envelope = fromStatus(context, response.code());
        }
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            @SuppressWarnings("unchecked")
            MutableHttpResponse<ErrorEnvelope> headResponse = (MutableHttpResponse<ErrorEnvelope>) response;
            return headResponse;
        }
        String path = context.getRequest().getPath();
        for (RouteErrorFormat format : routeFormats) {
            if (format.covers(path)) {
                @SuppressWarnings({"unchecked", "rawtypes"})
                MutableHttpResponse<ErrorEnvelope> own = (MutableHttpResponse)
                        format.render(response, envelope.error().message());
                return own;
            }
        }
        return response.body(envelope).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static ErrorEnvelope envelope(ApiException error, MutableHttpResponse<?> response) {
        response.status(error.code().status());
        return ErrorEnvelope.of(error.code(), error.getMessage(), error.details());
    }

    private static ErrorEnvelope fromStatus(ErrorContext context, int status) {
        ErrorCode code = ErrorCode.forStatus(status);
        if (code == ErrorCode.INTERNAL) {
            // Never leak internals: the request id lets support find the stack trace in the log.
            return ErrorEnvelope.of(
                    code, "An unexpected error occurred", Map.of("request_id", RequestIds.of(context.getRequest())));
        }
        String message = switch (code) {
            case NOT_FOUND ->
                "No route for " + context.getRequest().getMethodName() + " "
                        + context.getRequest().getPath();
            case METHOD_NOT_ALLOWED ->
                "Method " + context.getRequest().getMethodName() + " is not allowed on "
                        + context.getRequest().getPath();
            case UNSUPPORTED_MEDIA_TYPE -> "Content-Type must be application/json";
            case PAYLOAD_TOO_LARGE -> "Request body exceeds the size limit";
            case URI_TOO_LONG -> "Request line (URL) exceeds the length limit";
            case HEADERS_TOO_LARGE -> "Request headers exceed the size limit";
            default -> context.hasErrors() ? context.getErrors().get(0).getMessage() : "Request failed";
        };
        return ErrorEnvelope.of(code, message, Map.of());
    }

    /**
     * What Netty's request decoder refused, when it did: an over-long request line (URL) is
     * {@code 414}, over-large headers {@code 431}; the framework reports both as {@code 413}.
     */
    private static Optional<ErrorCode> tooLongPart(ErrorContext context) {
        if (!(context.getRequest() instanceof NettyHttpRequest<?> netty) || netty.getNativeRequest() == null) {
            return Optional.empty();
        }
        Throwable failure = netty.getNativeRequest().decoderResult().cause();
        if (failure instanceof TooLongHttpLineException) {
            return Optional.of(ErrorCode.URI_TOO_LONG);
        }
        if (failure instanceof TooLongHttpHeaderException) {
            return Optional.of(ErrorCode.HEADERS_TOO_LARGE);
        }
        return Optional.empty();
    }

    private static Throwable findCause(Throwable t, Class<? extends Throwable> type) {
        Map<Throwable, Boolean> seen = new LinkedHashMap<>();
        while (t != null && seen.put(t, Boolean.TRUE) == null) {
            if (type.isInstance(t)) {
                return t;
            }
            t = t.getCause();
        }
        return null;
    }
}
