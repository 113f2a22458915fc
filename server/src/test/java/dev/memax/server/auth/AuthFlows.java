package dev.memax.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memax.server.testing.Http;
import java.util.Map;

/** Login flows over raw HTTP, and the assertions every auth test makes about answers. */
public final class AuthFlows {
    public static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuthFlows() {}

    /** A JSON body from alternating names and values. */
    public static String json(Object... namesAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.set((String) namesAndValues[i], JSON.valueToTree(namesAndValues[i + 1]));
        }
        return node.toString();
    }

    public static String json(Map<String, ?> body) {
        return JSON.valueToTree(body).toString();
    }

    public static Http.Result signup(Http http, String email, String password) {
        return http.postJson("/v1/auth/signup", json("email", email, "password", password));
    }

    /** Signs up (open mode), then logs in, and answers the login's {@code data}: {user, tokens}. */
    public static JsonNode signedUp(Http http, String email) {
        assertAccepted(signup(http, email, PASSWORD), email);
        return login(http, email, PASSWORD);
    }

    /** The answer to every signup that passes validation, whether the email was free or not. */
    public static void assertAccepted(Http.Result result, String email) {
        assertThat(result.status()).as(result.toString()).isEqualTo(202);
        assertThat(result.json().path("data").toString())
                .isEqualTo(json("status", "accepted", "email", email.trim(), "next", "POST /v1/auth/login"));
    }

    public static JsonNode login(Http http, String email, String password) {
        Http.Result result = http.postJson("/v1/auth/login", json("email", email, "password", password));
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json().path("data");
    }

    public static Http.Result refresh(Http http, String refreshToken) {
        return http.postJson("/v1/auth/refresh", json("refresh_token", refreshToken));
    }

    public static Http.Result me(Http http, String credential) {
        return http.get("/v1/auth/me", "Authorization", "Bearer " + credential);
    }

    public static Http.Result send(Http http, String method, String path, String credential, String body) {
        return body == null
                ? http.send(method, path, null, "Authorization", "Bearer " + credential)
                : http.send(
                        method,
                        path,
                        body,
                        "Authorization",
                        "Bearer " + credential,
                        "Content-Type",
                        "application/json");
    }

    /** Creates an API key with the given credential and answers {@code data} (with {@code key}). */
    public static JsonNode createKey(Http http, String credential, Object... fields) {
        Http.Result result = send(http, "POST", "/v1/auth/api-keys", credential, json(fields));
        assertThat(result.status()).as(result.toString()).isEqualTo(201);
        return result.json().path("data");
    }

    public static void assertError(Http.Result result, int status, String code) {
        assertThat(result.status()).as(result.toString()).isEqualTo(status);
        assertThat(result.json().path("error").path("code").asText())
                .as(result.toString())
                .isEqualTo(code);
        assertThat(result.json().path("error").path("message").asText()).isNotBlank();
        assertThat(result.json().has("data")).isFalse();
    }

    /** 401 {@code unauthorized} with an RFC 6750 Bearer challenge. */
    public static void assertUnauthorized(Http.Result result) {
        assertError(result, 401, "unauthorized");
        assertThat(result.header("WWW-Authenticate"))
                .as(result.toString())
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer realm=\"memax\""));
    }

    public static void assertFieldError(Http.Result result, String field) {
        assertError(result, 422, "validation_failed");
        assertThat(result.json().at("/error/details/fields").has(field))
                .as(result.toString())
                .isTrue();
    }
}
