package dev.memax.server.mcp.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.ErrorCode;
import dev.memax.server.platform.RequestErrors;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.Set;

/**
 * Turns a tool call's {@code arguments} into the request a REST route would have bound: decoded
 * by the API's own JSON mapper (snake_case names, enums by wire name, unknown names ignored) and
 * checked by the same bean validation, so a bad argument fails with the route's error code and
 * field names ({@code 422 validation_failed}, {@code 400 bad_request}).
 */
@Singleton
final class Arguments {
    private final ObjectMapper json;
    private final Validator validator;

    Arguments(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** The arguments as an object (none sent is an empty object). */
    ObjectNode object(JsonNode arguments) {
        if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
            return json.createObjectNode();
        }
        if (!arguments.isObject()) {
            throw ApiException.badRequest("The arguments must be a JSON object");
        }
        return (ObjectNode) arguments;
    }

    /** Decodes the arguments into {@code type} and applies its bean validation. */
    <T> T bind(JsonNode arguments, Class<T> type) {
        T request;
        try {
            request = json.treeToValue(object(arguments), type);
        } catch (JsonProcessingException e) {
            throw RequestErrors.of(e);
        }
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw RequestErrors.of(new ConstraintViolationException(violations));
        }
        return request;
    }

    /** A required text argument (an id): absent, null or blank is {@code 422} on that field. */
    String requiredText(JsonNode arguments, String field) {
        JsonNode value = object(arguments).path(field);
        if (value.isMissingNode()
                || value.isNull()
                || (value.isTextual() && value.asText().isBlank())) {
            throw ApiException.invalidField(field, "is required");
        }
        if (!value.isTextual()) {
            throw new ApiException(
                    ErrorCode.BAD_REQUEST,
                    "Wrong JSON type for a field",
                    Map.of("fields", Map.of(field, "must be a string")));
        }
        return value.asText();
    }

    ObjectMapper json() {
        return json;
    }
}
