package dev.memax.server.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;

/**
 * Request bodies a controller takes as JSON (to see which keys were sent, or to rewrite values first)
 * and then binds itself, with the errors Micronaut's own binding would answer.
 */
@Singleton
public class JsonBodies {
    private final ObjectMapper json;

    public JsonBodies(ObjectMapper json) {
        this.json = json;
    }

    /** The body, which must be a JSON object ({@code 400} otherwise). */
    public JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest(RequestErrors.NOT_AN_OBJECT);
        }
        return body;
    }

    /** The body as the request record. */
    public <T> T bind(JsonNode body, Class<T> type) throws JsonSyntaxException {
        try {
            return json.treeToValue(object(body), type);
        } catch (JsonProcessingException e) {
            throw new JsonSyntaxException(e);
        }
    }

    /** A PATCH body: its values as the request record, and the keys sent. */
    public <T> PatchBody<T> patch(JsonNode body, Class<T> type) throws JsonSyntaxException {
        return PatchBody.of(bind(body, type), body);
    }
}
