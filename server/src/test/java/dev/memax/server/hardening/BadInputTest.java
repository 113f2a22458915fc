package dev.memax.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.RawHttp;
import dev.memax.server.testing.TestUser;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 16, "500s on bad input": one test per class of bad input, through real HTTP, each
 * fixed at one place every route passes through (README "Input rules").
 */
class BadInputTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static TestUser user;

    @BeforeAll
    static void createUser() {
        user = SERVER.server().createUser("bad-input@example.com");
    }

    private static Http http() {
        return SERVER.http();
    }

    private static RawHttp raw() {
        return new RawHttp(SERVER.server().uri(), 20_000);
    }

    private static Http.Result post(String path, String body) {
        return http().postJson(path, body, "Authorization", user.bearer());
    }

    private static void assertError(Http.Result result, int status, String code) {
        assertThat(result.status()).as(result.toString()).isEqualTo(status);
        assertThat(result.errorCode()).as(result.toString()).isEqualTo(code);
        assertThat(result.json().at("/error/message").asText()).isNotBlank();
    }

    private static void assertField(Http.Result result, String field) {
        assertError(result, 422, "validation_failed");
        assertThat(result.json().at("/error/details/fields").has(field))
                .as(result.toString())
                .isTrue();
    }

    // --- 1. a JSON scalar (or array) where the body must be an object ---

    @ParameterizedTest
    @ValueSource(strings = {"123", "true", "\"x\"", "null", "[]", "[{\"content\":\"a\"}]", "-0.5", "1e999"})
    void aScalarBodyIsBadRequestOnEveryRoute(String body) {
        // (Routes whose body is optional take JSON null as no body.)
        List<String> paths = body.equals("null")
                ? List.of("/v1/auth/login", "/v1/memories", "/v1/recall", "/v1/hubs")
                : List.of(
                        "/v1/auth/login",
                        "/v1/memories",
                        "/v1/recall",
                        "/v1/hubs",
                        "/v1/ask",
                        "/v1/notifications/dismiss");
        for (String path : paths) {
            Http.Result result = post(path, body);
            assertError(result, 400, "bad_request");
            if (!body.equals("null")) {
                // (JSON null is no body: "Required Body [request] not specified".)
                assertThat(result.json().at("/error/message").asText()).as(path).contains("JSON object");
            }
        }
        assertError(
                http().send(
                                "PATCH",
                                "/v1/auth/me",
                                body,
                                "Authorization",
                                user.bearer(),
                                "Content-Type",
                                "application/json"),
                400,
                "bad_request");
        // Anonymous, on a route that needs no credentials.
        assertError(http().postJson("/v1/auth/signup", body), 400, "bad_request");
    }

    // --- 2. NUL characters anywhere in text input ---

    @Test
    void nulInAJsonStringIsValidationFailedNamingTheFieldAtAnyDepth() {
        assertField(
                http().postJson("/v1/auth/login", "{\"email\":\"a\\u0000@example.com\",\"password\":\"x\"}"), "email");
        assertField(post("/v1/memories", "{\"content\":\"a\\u0000b\"}"), "content");
        assertField(post("/v1/memories", "{\"content\":\"ok\",\"tags\":[\"a\",\"b\\u0000\"]}"), "tags[1]");
        assertField(
                post("/v1/memories", "{\"content\":\"ok\",\"metadata\":{\"k\":{\"deep\":\"\\u0000\"}}}"),
                "metadata.k.deep");
        assertField(
                post(
                        "/v1/memories/batch",
                        "{\"memories\":[{\"content\":\"a\"},{\"content\":\"b\",\"title\":\"\\u0000\"}]}"),
                "memories[1].title");
        assertField(post("/v1/recall", "{\"query\":\"\\u0000\"}"), "query");
        assertField(post("/v1/hubs", "{\"name\":\"team\\u0000\"}"), "name");
        assertField(
                http().send(
                                "PATCH",
                                "/v1/settings",
                                "{\"settings\":{\"theme\":\"a\\u0000\"}}",
                                "Authorization",
                                user.bearer(),
                                "Content-Type",
                                "application/json"),
                "settings.theme");
    }

    @Test
    void nulInAJsonKeyIsValidationFailed() {
        Http.Result result = post("/v1/memories", "{\"content\":\"ok\",\"metadata\":{\"a\\u0000b\":1}}");
        assertError(result, 422, "validation_failed");
        assertThat(result.json().at("/error/details/fields").fieldNames().next())
                .startsWith("metadata.");
    }

    @Test
    void nulInQueryPathAndHeaderValuesIsValidationFailedNamingThem() {
        assertField(http().get("/v1/memories?tags=%00", "Authorization", user.bearer()), "tags");
        assertField(http().get("/v1/memories?source=a%00b", "Authorization", user.bearer()), "source");
        assertField(http().get("/v1/hubs/%00", "Authorization", user.bearer()), "id");
        RawHttp.Result header = raw().send(
                        "POST",
                        "/v1/memories",
                        "{\"content\":\"x\"}".getBytes(),
                        List.<String[]>of(
                                new String[] {"Authorization", user.bearer()},
                                new String[] {"Content-Type", "application/json"},
                                new String[] {"X-Hub-ID", "a\u0000b"}));
        // Netty's decoder refuses a control character in a header before any route: 400, in the envelope.
        assertThat(header.status()).as(header.toString()).isEqualTo(400);
        assertThat(header.isErrorEnvelope()).as(header.toString()).isTrue();
        assertThat(raw().send("GET", "/v1/memories?tags=%", null, List.<String[]>of(new String[] {
                            "Authorization", user.bearer()
                        }))
                        .errorCode())
                .isEqualTo("bad_request");
    }

    // --- 3. text with nothing left after normalisation ---

    @Test
    void textThatNormalisesToNothingIsValidationFailed() {
        assertField(post("/v1/memories", "{\"content\":\"\\ud800\"}"), "content");
        assertField(post("/v1/memories", "{\"content\":\"\\u0001\\u0002\"}"), "content");
        assertField(post("/v1/memories", "{\"content\":\"\\u200b \\ufffd\"}"), "content");
        assertField(post("/v1/recall", "{\"query\":\"\\u0007\\u0001\"}"), "query");
        assertField(post("/v1/recall", "{\"query\":\"\\udc00x\"}"), "query");
        assertField(post("/v1/ask", "{\"query\":\"\\u0001\"}"), "query");
        // Text around such characters is fine, also when a section or paragraph holds only them.
        assertThat(post("/v1/memories", "{\"content\":\"tab\\tand\\u0001 emoji \\ud83d\\ude00\"}")
                        .status())
                .isEqualTo(201);
        assertThat(post(
                                "/v1/memories",
                                "{\"content\":\"\\u0001\\u0002\\n\\n# Title\\n\\nbody text\\n\\n## Empty\\n\\n\\u200b\"}")
                        .status())
                .isEqualTo(201);
    }

    // --- 4. out-of-range timestamps ---

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-999999999-01-01T00:00:00Z",
                "+999999999-12-31T23:59:59Z",
                "0000-01-01",
                "+10000-01-01T00:00:00Z"
            })
    void outOfRangeTimestampsAreValidationFailed(String when) {
        String encoded = when.replace("+", "%2B");
        assertField(
                http().get("/v1/memories?created_after=" + encoded, "Authorization", user.bearer()), "created_after");
        assertField(post("/v1/recall", "{\"query\":\"x\",\"created_before\":\"" + when + "\"}"), "created_before");
        assertField(post("/v1/memories", "{\"content\":\"x\",\"event_dates\":[\"" + when + "\"]}"), "event_dates[0]");
        if (when.contains("T")) {
            assertField(http().get("/v1/notifications?since=" + encoded, "Authorization", user.bearer()), "since");
        }
    }

    @Test
    void timestampsAtTheEdgesOfTheRangeAreAccepted() {
        assertThat(http().get(
                                "/v1/memories?created_after=0001-01-01T00:00:00Z&created_before=9999-12-31T23:59:59Z",
                                "Authorization",
                                user.bearer())
                        .status())
                .isEqualTo(200);
    }

    // --- 5. the strict JSON reader ---

    @Test
    void wrongJsonTypesAreBadRequestNamingTheField() {
        Http.Result number = post("/v1/memories", "{\"content\":123}");
        assertError(number, 400, "bad_request");
        assertThat(number.json().at("/error/details/fields").has("content"))
                .as(number.toString())
                .isTrue();
        Http.Result flag = post("/v1/memories", "{\"content\":\"a\",\"pinned\":\"true\"}");
        assertError(flag, 400, "bad_request");
        assertThat(flag.json().at("/error/details/fields").has("pinned"))
                .as(flag.toString())
                .isTrue();
        assertError(post("/v1/recall", "{\"query\":\"x\",\"limit\":\"5\"}"), 400, "bad_request");
        assertError(post("/v1/recall", "{\"query\":true}"), 400, "bad_request");
        assertError(post("/v1/recall", "{\"query\":\"x\",\"limit\":99999999999999999999}"), 400, "bad_request");
    }

    @Test
    void trailingDataAfterTheObjectIsBadRequestAndNothingIsStored() {
        assertError(
                post("/v1/memories", "{\"content\":\"first of two\"}{\"content\":\"second of two\"}"),
                400,
                "bad_request");
        assertError(post("/v1/memories", "{\"content\":\"a\"} x"), 400, "bad_request");
        JsonNode list =
                http().get("/v1/memories", "Authorization", user.bearer()).json();
        assertThat(list.toString()).doesNotContain("first of two");
    }

    @Test
    void unknownFieldsAreStillIgnored() {
        assertThat(post("/v1/memories", "{\"content\":\"kept\",\"no_such_field\":{\"x\":[1,true]}}")
                        .status())
                .isEqualTo(201);
    }

    // --- 6. over-long URLs and headers; Expect: 100-continue over the limit ---

    @Test
    void anOverLongUrlIsUriTooLongInTheEnvelope() {
        RawHttp.Result result = raw().send("GET", "/v1/memories?q=" + "x".repeat(20_000), null, List.of());
        assertThat(result.status()).as(result.toString()).isEqualTo(414);
        assertThat(result.isErrorEnvelope()).as(result.toString()).isTrue();
        assertThat(result.errorCode()).isEqualTo("uri_too_long");
    }

    @Test
    void overLargeHeadersAreHeadersTooLargeInTheEnvelope() {
        RawHttp.Result result =
                raw().send("GET", "/v1/auth/me", null, List.<String[]>of(new String[] {"X-Big", "y".repeat(20_000)}));
        assertThat(result.status()).as(result.toString()).isEqualTo(431);
        assertThat(result.isErrorEnvelope()).as(result.toString()).isTrue();
        assertThat(result.errorCode()).isEqualTo("headers_too_large");
    }

    @Test
    void expectContinueOverTheBodyLimitIsPayloadTooLargeWithoutContinue() {
        RawHttp.Result result = raw().sendExpectContinue(
                        "POST",
                        "/v1/memories",
                        50L * 1024 * 1024,
                        List.<String[]>of(
                                new String[] {"Authorization", user.bearer()},
                                new String[] {"Content-Type", "application/json"}));
        assertThat(result.status()).as(result.toString()).isEqualTo(413);
        assertThat(result.isErrorEnvelope()).as(result.toString()).isTrue();
        assertThat(result.errorCode()).isEqualTo("payload_too_large");
        // Within the limit the server still asks for the body.
        RawHttp.Result small = raw().sendExpectContinue(
                        "POST",
                        "/v1/memories",
                        20,
                        List.<String[]>of(
                                new String[] {"Authorization", user.bearer()},
                                new String[] {"Content-Type", "application/json"}));
        assertThat(small.status()).as(small.toString()).isEqualTo(100);
    }

    // --- 7. every error in the envelope, the framework's localhost guard included ---

    @Test
    void aCrossOriginRequestToLocalhostIsRefusedInTheEnvelope() {
        Http.Result result =
                http().get("/v1/auth/me", "Authorization", user.bearer(), "Origin", "https://evil.example");
        assertThat(result.status())
                .as(result.toString())
                .isGreaterThanOrEqualTo(400)
                .isLessThan(500);
        assertThat(result.json().at("/error/code").asText())
                .as(result.toString())
                .isNotBlank();
        assertThat(result.json().at("/error/message").asText()).isNotBlank();
    }
}
