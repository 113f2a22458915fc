package dev.memax.server.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.context.annotation.Primary;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place where every error response is rendered: errors raised by our services
 * ({@link ApiException}), by validation, by JSON decoding, and by the framework itself
 * (unknown route, wrong method, wrong content type, oversized body, unexpected exceptions).
 */
@Singleton
@Primary
public class ErrorEnvelopeProcessor implements ErrorResponseProcessor<ErrorEnvelope> {

    @Override
    public MutableHttpResponse<ErrorEnvelope> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        Throwable cause = context.getRootCause().orElse(null);
        ErrorEnvelope envelope;
        if (cause instanceof ApiException api) {
            api.headers().forEach(response::header);
            envelope = ErrorEnvelope.of(api.code(), api.getMessage(), api.details());
            response.status(api.code().status());
        } else if (cause instanceof ConstraintViolationException violations) {
            envelope = ErrorEnvelope.of(ErrorCode.VALIDATION_FAILED, "Request validation failed",
                    Map.of("fields", violatedFields(violations)));
            response.status(ErrorCode.VALIDATION_FAILED.status());
        } else if (findCause(cause, JsonProcessingException.class) instanceof JsonProcessingException json) {
            envelope = jsonError(json);
            response.status(ErrorCode.valueOf(envelope.error().code().toUpperCase()).status());
        } else {
            envelope = fromStatus(context, response.code());
        }
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            @SuppressWarnings("unchecked")
            MutableHttpResponse<ErrorEnvelope> headResponse = (MutableHttpResponse<ErrorEnvelope>) response;
            return headResponse;
        }
        return response.body(envelope).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static ErrorEnvelope fromStatus(ErrorContext context, int status) {
        ErrorCode code = ErrorCode.forStatus(status);
        if (code == ErrorCode.INTERNAL) {
            // Never leak internals: the request id lets support find the stack trace in the log.
            return ErrorEnvelope.of(code, "An unexpected error occurred",
                    Map.of("request_id", RequestIds.of(context.getRequest())));
        }
        String message = switch (code) {
            case NOT_FOUND -> "No route for " + context.getRequest().getMethodName() + " " + context.getRequest().getPath();
            case METHOD_NOT_ALLOWED -> "Method " + context.getRequest().getMethodName() + " is not allowed on " + context.getRequest().getPath();
            case UNSUPPORTED_MEDIA_TYPE -> "Content-Type must be application/json";
            case PAYLOAD_TOO_LARGE -> "Request body exceeds the size limit";
            default -> context.hasErrors() ? context.getErrors().get(0).getMessage() : "Request failed";
        };
        return ErrorEnvelope.of(code, message, Map.of());
    }

    /** Malformed JSON and wrong JSON types are 400; a value outside an enum is 422. */
    private static ErrorEnvelope jsonError(JsonProcessingException json) {
        if (json instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(Object::toString).reduce((a, b) -> a + ", " + b).orElse("");
            return ErrorEnvelope.of(ErrorCode.VALIDATION_FAILED, "Request validation failed",
                    Map.of("fields", Map.of(jsonPath(invalid), "must be one of: " + allowed)));
        }
        if (json instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            String expected = mismatched.getTargetType() == null ? "value"
                    : describeJsonType(mismatched.getTargetType());
            return ErrorEnvelope.of(ErrorCode.BAD_REQUEST, "Wrong JSON type for a field",
                    Map.of("fields", Map.of(jsonPath(mismatched), "must be " + expected)));
        }
        return ErrorEnvelope.of(ErrorCode.BAD_REQUEST, "Malformed JSON in request body", Map.of());
    }

    private static String describeJsonType(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static Map<String, String> violatedFields(ConstraintViolationException e) {
        Map<String, String> fields = new TreeMap<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            fields.merge(fieldName(violation.getPropertyPath()), violation.getMessage(), (a, b) -> a + "; " + b);
        }
        return fields;
    }

    /** Drops the method and body-parameter nodes so the path names the JSON field the client sent. */
    private static String fieldName(Path path) {
        StringBuilder name = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getIndex() != null) {
                name.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null) {
                if (!name.isEmpty()) {
                    name.append('.');
                }
                name.append(Names.snakeCase(node.getName()));
            }
        }
        if (name.isEmpty()) {
            return parameter == null ? "body" : Names.snakeCase(parameter);
        }
        return name.toString();
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
