package dev.memax.server.platform;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What binding a request body (JSON decoding) and validating it (bean validation) threw, as the
 * API's error: one rule for the HTTP routes ({@link ErrorEnvelopeProcessor}) and for callers that
 * bind requests themselves (the MCP tools), so both name the same fields with the same codes.
 */
public final class RequestErrors {
    public static final String NOT_AN_OBJECT = "Expected a JSON object as the request body";

    private RequestErrors() {}

    /** {@code 422 validation_failed} naming each violated field as the client spelled it. */
    public static ApiException of(ConstraintViolationException e) {
        Map<String, String> fields = new TreeMap<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            fields.merge(fieldName(violation), violation.getMessage(), (a, b) -> a + "; " + b);
        }
        return ApiException.invalidFields(fields);
    }

    /**
     * Malformed JSON and wrong JSON types are {@code 400}; a value outside an enum, and text that
     * breaks {@link TextInput}'s rules (NUL, lone surrogate), are {@code 422}.
     */
    public static ApiException of(JsonProcessingException json) {
        for (Throwable t = json; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StrictJsonFactory.InvalidText text) {
                return ApiException.invalidField(text.field(), text.reason());
            }
        }
        if (json instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()
                && mapping.getCause() instanceof InputCoercionException) {
            return new ApiException(
                    ErrorCode.BAD_REQUEST,
                    "Number out of range for a field",
                    Map.of("fields", Map.of(jsonPath(mapping), "is out of range")));
        }
        if (json instanceof InvalidFormatException invalid
                && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(Object::toString)
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("");
            return ApiException.invalidField(jsonPath(invalid), "must be one of: " + allowed);
        }
        if (json instanceof MismatchedInputException mismatched
                && mismatched.getPath().isEmpty()
                && mismatched.getTargetType() != null
                && !mismatched.getTargetType().isArray()
                && !Iterable.class.isAssignableFrom(mismatched.getTargetType())) {
            // A scalar or an array where the body must be an object.
            return new ApiException(ErrorCode.BAD_REQUEST, NOT_AN_OBJECT);
        }
        if (json instanceof MismatchedInputException mismatched
                && !mismatched.getPath().isEmpty()) {
            String expected =
                    mismatched.getTargetType() == null ? "value" : describeJsonType(mismatched.getTargetType());
            return new ApiException(
                    ErrorCode.BAD_REQUEST,
                    "Wrong JSON type for a field",
                    Map.of("fields", Map.of(jsonPath(mismatched), "must be " + expected)));
        }
        return new ApiException(ErrorCode.BAD_REQUEST, "Malformed JSON in request body");
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

    /**
     * Drops the method and body-parameter nodes, and the nodes of {@link JsonUnwrapped} properties (their fields sit
     * flat in the JSON), so the path names the JSON field the client sent.
     */
    private static String fieldName(ConstraintViolation<?> violation) {
        Object[] arguments = violation.getExecutableParameters();
        Class<?> type = arguments == null ? violation.getRootBeanClass() : null;
        StringBuilder name = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                int index = node.as(Path.ParameterNode.class).getParameterIndex();
                type = arguments != null && index < arguments.length && arguments[index] != null
                        ? arguments[index].getClass()
                        : null;
                continue;
            }
            RecordComponent component = component(type, node.getName());
            type = component == null ? null : component.getType();
            if (component != null && component.getAccessor().isAnnotationPresent(JsonUnwrapped.class)) {
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

    private static RecordComponent component(Class<?> type, String name) {
        if (type == null || !type.isRecord() || name == null) {
            return null;
        }
        return Arrays.stream(type.getRecordComponents())
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElse(null);
    }
}
