package dev.memax.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memax.sdk.errors.ApiException;
import dev.memax.sdk.errors.AuthenticationException;
import dev.memax.sdk.errors.ConflictException;
import dev.memax.sdk.errors.InternalServerException;
import dev.memax.sdk.errors.MemaxException;
import dev.memax.sdk.errors.NotFoundException;
import dev.memax.sdk.errors.PermissionDeniedException;
import dev.memax.sdk.errors.QuotaExceededException;
import dev.memax.sdk.errors.RateLimitException;
import dev.memax.sdk.errors.ServiceUnavailableException;
import dev.memax.sdk.errors.ValidationException;
import dev.memax.sdk.params.HubCreateParams;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorMappingTest {
    private final MockServer server = new MockServer();
    private final MemaxClient client = server.client().maxRetries(0).build();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private ApiException call() {
        return assertThrows(
                ApiException.class,
                () -> client.hubs().create(HubCreateParams.builder().name("x").build()));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "400, bad_request,            ValidationException",
        "400, invalid_time_zone,      ValidationException",
        "422, validation_failed,      ValidationException",
        "401, unauthorized,           AuthenticationException",
        "402, quota_exceeded,         QuotaExceededException",
        "403, forbidden,              PermissionDeniedException",
        "404, not_found,              NotFoundException",
        "405, method_not_allowed,     ApiException",
        "406, not_acceptable,         ApiException",
        "409, conflict,               ConflictException",
        "409, not_ready,              ConflictException",
        "413, payload_too_large,      ApiException",
        "414, uri_too_long,           ApiException",
        "431, headers_too_large,      ApiException",
        "415, unsupported_media_type, ApiException",
        "429, rate_limited,           RateLimitException",
        "500, internal,               InternalServerException",
        "503, service_unavailable,    ServiceUnavailableException",
    })
    void everyErrorCodeMapsToItsException(int status, String code, String type) {
        server.reply(status, """
                {"error":{"code":"%s","message":"the message","details":{"hint":"h","n":2}}}
                """.formatted(code), "X-Request-ID", "req-" + code, "Retry-After", "7");
        ApiException e = call();
        assertEquals(type, e.getClass().getSimpleName());
        assertEquals(status, e.status());
        assertEquals(code, e.code());
        assertEquals("the message", e.errorMessage());
        assertEquals("req-" + code, e.requestId());
        assertEquals(Map.of("hint", "h", "n", 2), e.details());
        assertTrue(e.getMessage().contains(status + " " + code + ": the message"), e.getMessage());
        assertTrue(e.getMessage().contains("req-" + code), e.getMessage());
        assertInstanceOf(MemaxException.class, e);
        assertInstanceOf(RuntimeException.class, e);
        if (e instanceof RateLimitException r) {
            assertEquals(Duration.ofSeconds(7), r.retryAfter());
        }
        if (e instanceof ServiceUnavailableException s) {
            assertEquals(Duration.ofSeconds(7), s.retryAfter());
        }
    }

    @Test
    void rateLimitedExposesTheBucketFromHeadersAndDetails() {
        server.reply(
                429,
                """
                {"error":{"code":"rate_limited","message":"Rate limit exceeded",
                  "details":{"bucket":"heavy","limit":30,"retry_after_seconds":2}}}
                """,
                "Retry-After",
                "2",
                "X-RateLimit-Limit",
                "30",
                "X-RateLimit-Remaining",
                "0",
                "X-RateLimit-Reset",
                "1767225600");
        RateLimitException e = assertInstanceOf(RateLimitException.class, call());
        assertEquals(Duration.ofSeconds(2), e.retryAfter());
        assertEquals("heavy", e.bucket());
        assertEquals(OptionalLong.of(30), e.limit());
        assertEquals(OptionalLong.of(0), e.remaining());
        assertEquals(Instant.ofEpochSecond(1767225600), e.reset());
    }

    @Test
    void rateLimitedWithoutTheHeadersSaysSo() {
        server.reply(429, """
                {"error":{"code":"rate_limited","message":"Rate limit exceeded"}}
                """, "X-RateLimit-Limit", "lots");
        RateLimitException e = assertInstanceOf(RateLimitException.class, call());
        assertNull(e.retryAfter());
        assertNull(e.bucket());
        assertEquals(OptionalLong.empty(), e.limit());
        assertEquals(OptionalLong.empty(), e.remaining());
        assertNull(e.reset());
    }

    @Test
    void validationFailedCarriesFieldErrors() {
        server.reply(422, """
                {"error":{"code":"validation_failed","message":"Request validation failed",
                  "details":{"fields":{"name":"must be 1-100 characters","slug":"must match [a-z0-9-]{3,48}"}}}}
                """);
        ValidationException e = assertInstanceOf(ValidationException.class, call());
        assertEquals(Map.of("name", "must be 1-100 characters", "slug", "must match [a-z0-9-]{3,48}"), e.fieldErrors());
        assertEquals("validation_failed", e.code());
    }

    @Test
    void badRequestWithWrongTypeCarriesFieldErrors() {
        server.reply(400, """
                {"error":{"code":"bad_request","message":"Wrong JSON type for a field","details":{"fields":{"name":"must be a string"}}}}
                """);
        ValidationException e = assertInstanceOf(ValidationException.class, call());
        assertEquals(400, e.status());
        assertEquals(Map.of("name", "must be a string"), e.fieldErrors());
    }

    @Test
    void fieldErrorsAreEmptyWithoutDetails() {
        server.error(400, "bad_request", "Invalid cursor");
        ValidationException e = assertInstanceOf(ValidationException.class, call());
        assertTrue(e.fieldErrors().isEmpty());
        assertTrue(e.details().isEmpty());
    }

    @Test
    void internalTakesTheRequestIdFromDetailsWhenTheHeaderIsMissing() {
        server.reply(500, """
                {"error":{"code":"internal","message":"An unexpected error occurred","details":{"request_id":"abc-123"}}}
                """);
        InternalServerException e = assertInstanceOf(InternalServerException.class, call());
        assertEquals("abc-123", e.requestId());
    }

    @Test
    void theHeaderRequestIdWins() {
        server.reply(500, """
                {"error":{"code":"internal","message":"x","details":{"request_id":"from-details"}}}
                """, "X-Request-ID", "from-header");
        assertEquals("from-header", call().requestId());
    }

    @Test
    void unauthorizedExposesTheChallenge() {
        server.error(
                401,
                "unauthorized",
                "The credential is invalid, expired or revoked",
                "WWW-Authenticate",
                "Bearer realm=\"memax\", error=\"invalid_token\"");
        AuthenticationException e = assertInstanceOf(AuthenticationException.class, call());
        assertEquals(
                "Bearer realm=\"memax\", error=\"invalid_token\"",
                e.header("www-authenticate").orElseThrow());
    }

    @Test
    void conflictAndNotReadyAreTold() {
        server.error(409, "conflict", "A hub with this slug already exists");
        assertFalse(assertInstanceOf(ConflictException.class, call()).isNotReady());
    }

    @Test
    void anUnknownCodeKeepsItsValueAndGetsTheTypeOfItsStatus() {
        server.error(404, "hub_gone", "gone");
        ApiException e = call();
        assertInstanceOf(NotFoundException.class, e);
        assertEquals("hub_gone", e.code());

        server.error(403, "plan_required", "upgrade");
        assertInstanceOf(PermissionDeniedException.class, call());
        server.error(402, "payment_overdue", "pay");
        assertInstanceOf(QuotaExceededException.class, call());
        server.error(418, "teapot", "short and stout");
        ApiException teapot = call();
        assertSame(ValidationException.class, teapot.getClass());
        assertEquals("teapot", teapot.code());
    }

    @Test
    void aResponseWithoutAnEnvelopeIsMappedByStatus() {
        server.reply(404, "<html>not here</html>", "Content-Type", "text/html");
        ApiException e = call();
        assertInstanceOf(NotFoundException.class, e);
        assertEquals("not_found", e.code());
        assertEquals("HTTP 404", e.errorMessage());

        server.reply(502, "");
        ApiException gateway = call();
        assertInstanceOf(InternalServerException.class, gateway);
        assertEquals(502, gateway.status());
        assertNull(gateway.requestId());
    }

    @Test
    void aSuccessThatIsNotAnEnvelopeIsAMemaxException() {
        server.reply(200, "{\"hub\":{}}");
        MemaxException e =
                assertThrows(MemaxException.class, () -> client.auth().me());
        assertFalse(e instanceof ApiException);
        server.reply(200, "not json");
        assertThrows(MemaxException.class, () -> client.auth().me());
    }
}
