package dev.memax.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every error code reachable through the platform, rendered by the one global error path. */
class ErrorEnvelopeTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static final String WIDGETS = "/v1/test-fixtures/widgets";

    private static void assertError(Http.Result result, int status, String code) {
        assertThat(result.status()).as(result.toString()).isEqualTo(status);
        JsonNode error = result.json().path("error");
        assertThat(error.path("code").asText()).as(result.toString()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(result.json().has("data")).isFalse();
        assertThat(result.header("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        assertThat(result.header("X-Request-ID")).isPresent();
    }

    @Test
    void unknownRouteIsNotFound() {
        assertError(SERVER.http().get("/v1/no-such-thing"), 404, "not_found");
        assertError(SERVER.http().get("/nowhere"), 404, "not_found");
    }

    @Test
    void wrongMethodIsMethodNotAllowed() {
        Http.Result result = SERVER.http().send("DELETE", WIDGETS, null);
        assertError(result, 405, "method_not_allowed");
        assertThat(result.header("Allow")).isPresent();
    }

    @Test
    void malformedJsonIsBadRequest() {
        assertError(SERVER.http().postJson(WIDGETS, "{\"name\": \"a\","), 400, "bad_request");
        assertError(SERVER.http().postJson(WIDGETS, "not json"), 400, "bad_request");
    }

    @Test
    void wrongJsonTypeIsBadRequestNamingTheField() {
        Http.Result result =
                SERVER.http().postJson(WIDGETS, "{\"name\": \"a\", \"color\": \"red\", \"count\": \"many\"}");
        assertError(result, 400, "bad_request");
        assertThat(result.json().at("/error/details/fields/count").asText()).contains("number");
    }

    @Test
    void aSingleValueWhereAListBelongsIsAWrongType() {
        Http.Result result = SERVER.http().postJson(WIDGETS, "{\"name\": \"a\", \"color\": \"red\", \"tags\": \"ok\"}");
        assertError(result, 400, "bad_request");
        assertThat(result.json().at("/error/details/fields").has("tags"))
                .as(result.toString())
                .isTrue();
    }

    @Test
    void unknownEnumValueIsValidationFailed() {
        Http.Result result = SERVER.http().postJson(WIDGETS, "{\"name\": \"a\", \"color\": \"purple\"}");
        assertError(result, 422, "validation_failed");
        assertThat(result.json().at("/error/details/fields/color").asText())
                .contains("red")
                .contains("green");
    }

    @Test
    void invalidFieldsAreValidationFailedWithPerFieldDetails() {
        Http.Result result = SERVER.http()
                .postJson(
                        WIDGETS,
                        "{\"name\": \"\", \"color\": \"red\", \"count\": -1, \"tags\": [\"ok\", \"much-too-long\"]}");
        assertError(result, 422, "validation_failed");
        JsonNode fields = result.json().at("/error/details/fields");
        assertThat(fields.has("name")).as(fields.toString()).isTrue();
        assertThat(fields.has("count")).as(fields.toString()).isTrue();
        assertThat(fields.fieldNames()).toIterable().anyMatch(name -> name.startsWith("tags"));
    }

    @Test
    void unknownRequestFieldsAreIgnored() {
        Http.Result result = SERVER.http()
                .postJson(
                        WIDGETS, "{\"name\": \"x\", \"color\": \"green\", \"hint\": \"ignored\", \"no_rerank\": true}");
        assertThat(result.status()).as(result.toString()).isEqualTo(201);
        assertThat(result.json().at("/data/color").asText()).isEqualTo("green");
        assertThat(result.json().at("/data/created_at").asText()).endsWith("Z");
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() {
        Http.Result result = SERVER.http().send("POST", WIDGETS, "name=x", "Content-Type", "text/plain");
        assertError(result, 415, "unsupported_media_type");
    }

    @Test
    void getWithJsonContentTypeIsServed() {
        Http.Result result = SERVER.http().get(WIDGETS, "Content-Type", "application/json");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
    }

    @Test
    void bodyOverTheLimitIsPayloadTooLarge() {
        String big = "{\"name\": \"" + "x".repeat(3 * 1024 * 1024 + 10) + "\", \"color\": \"red\"}";
        assertError(SERVER.http().postJson(WIDGETS, big), 413, "payload_too_large");
    }

    @Test
    void unexpectedExceptionIsInternalWithRequestIdAndNoDetailsLeaked() {
        Http.Result result = SERVER.http().get("/v1/test-fixtures/boom", "X-Request-ID", "req-boom-1");
        assertError(result, 500, "internal");
        assertThat(result.json().at("/error/details/request_id").asText()).isEqualTo("req-boom-1");
        assertThat(result.body())
                .doesNotContain("hunter2")
                .doesNotContain("IllegalStateException")
                .doesNotContain("at dev.");
    }

    @Test
    void requestIdIsEchoedWhenSaneAndGeneratedOtherwise() {
        assertThat(SERVER.http()
                        .get("/health/live", "X-Request-ID", "client-123")
                        .header("X-Request-ID"))
                .hasValue("client-123");
        String generated = SERVER.http()
                .get("/health/live", "X-Request-ID", "bad id with spaces")
                .header("X-Request-ID")
                .orElseThrow();
        assertThat(generated).isNotEqualTo("bad id with spaces").matches("[0-9a-f-]{36}");
        assertThat(SERVER.http().get("/health/live").header("X-Request-ID")).isPresent();
    }
}
