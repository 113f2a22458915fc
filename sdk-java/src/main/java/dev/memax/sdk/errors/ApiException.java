package dev.memax.sdk.errors;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The API answered with an error: {@code {"error": {"code", "message", "details"?}}}.
 *
 * <p>Branch on the subclass (or on {@link #code()}), never on the message. Each stable error
 * code maps to one subclass:
 *
 * <table>
 *   <caption>Error codes and exception types</caption>
 *   <tr><th>code</th><th>status</th><th>exception</th></tr>
 *   <tr><td>{@code bad_request}, {@code invalid_time_zone}, {@code validation_failed}</td><td>400, 422</td>
 *       <td>{@link ValidationException}</td></tr>
 *   <tr><td>{@code unauthorized}</td><td>401</td><td>{@link AuthenticationException}</td></tr>
 *   <tr><td>{@code quota_exceeded}</td><td>402</td><td>{@link QuotaExceededException}</td></tr>
 *   <tr><td>{@code forbidden}</td><td>403</td><td>{@link PermissionDeniedException}</td></tr>
 *   <tr><td>{@code not_found}</td><td>404</td><td>{@link NotFoundException}</td></tr>
 *   <tr><td>{@code conflict}, {@code not_ready}</td><td>409</td><td>{@link ConflictException}</td></tr>
 *   <tr><td>{@code rate_limited}</td><td>429</td><td>{@link RateLimitException}</td></tr>
 *   <tr><td>{@code internal}</td><td>500</td><td>{@link InternalServerException}</td></tr>
 *   <tr><td>{@code service_unavailable}</td><td>503</td><td>{@link ServiceUnavailableException}</td></tr>
 *   <tr><td>anything else ({@code payload_too_large}, {@code uri_too_long} (414),
 *       {@code headers_too_large} (431), {@code unsupported_media_type},
 *       {@code method_not_allowed}, {@code not_acceptable}, codes added later)</td><td></td>
 *       <td>{@code ApiException}</td></tr>
 * </table>
 *
 * <p>An unknown code is mapped by its HTTP status (e.g. any other 404 is still a
 * {@link NotFoundException}); a response without a readable error envelope (a proxy's HTML
 * page) gets the code of its status.
 */
public class ApiException extends MemaxException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final String errorMessage;
    private final transient Map<String, Object> details;
    private final String requestId;
    private final transient HttpHeaders headers;

    public ApiException(
            int status,
            String code,
            String errorMessage,
            Map<String, Object> details,
            String requestId,
            HttpHeaders headers) {
        super(describe(status, code, errorMessage, requestId));
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.errorMessage = errorMessage == null ? "" : errorMessage;
        this.details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.requestId = requestId;
        this.headers = headers == null ? HttpHeaders.of(Map.of(), (a, b) -> true) : headers;
    }

    private static String describe(int status, String code, String message, String requestId) {
        return status + " " + code + ": " + (message == null ? "" : message)
                + (requestId == null ? "" : " (request id " + requestId + ")");
    }

    /** The HTTP status, e.g. {@code 404}. */
    public int status() {
        return status;
    }

    /** The stable error code, e.g. {@code not_found}. */
    public String code() {
        return code;
    }

    /**
     * The server's human-readable message, without the status, code and request id that
     * {@link #getMessage()} adds. For people, not for branching.
     */
    public String errorMessage() {
        return errorMessage;
    }

    /** {@code error.details} (empty when absent); its shape depends on the code. */
    public Map<String, Object> details() {
        return details;
    }

    /**
     * The response's {@code X-Request-ID} (for an {@code internal} error without that header,
     * {@code details.request_id}); null when neither is present. Quote it when reporting a
     * problem.
     */
    public String requestId() {
        return requestId;
    }

    /** Every response header. */
    public HttpHeaders headers() {
        return headers;
    }

    /** The first value of a response header (case-insensitive name). */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /**
     * Builds the exception for an error response: the subclass of {@code code}, or of
     * {@code status} when the code is unknown.
     *
     * @param retryAfter the parsed {@code Retry-After} header, or null
     */
    public static ApiException of(
            int status,
            String code,
            String message,
            Map<String, Object> details,
            String requestId,
            HttpHeaders headers,
            Duration retryAfter) {
        String wireCode = code == null || code.isBlank() ? codeForStatus(status) : code;
        String id = requestId;
        if (id == null && details != null && details.get("request_id") instanceof String fromDetails) {
            id = fromDetails;
        }
        // A code this SDK does not know yet keeps its value but gets the type of its status.
        String kind = KNOWN_CODES.contains(wireCode) ? wireCode : codeForStatus(status);
        return switch (kind) {
            case "bad_request", "invalid_time_zone", "validation_failed" ->
                new ValidationException(status, wireCode, message, details, id, headers);
            case "unauthorized" -> new AuthenticationException(status, wireCode, message, details, id, headers);
            case "forbidden" -> new PermissionDeniedException(status, wireCode, message, details, id, headers);
            case "not_found" -> new NotFoundException(status, wireCode, message, details, id, headers);
            case "conflict", "not_ready" -> new ConflictException(status, wireCode, message, details, id, headers);
            case "rate_limited" -> new RateLimitException(status, wireCode, message, details, id, headers, retryAfter);
            case "quota_exceeded" -> new QuotaExceededException(status, wireCode, message, details, id, headers);
            case "internal" -> new InternalServerException(status, wireCode, message, details, id, headers);
            case "service_unavailable" ->
                new ServiceUnavailableException(status, wireCode, message, details, id, headers, retryAfter);
            default -> new ApiException(status, wireCode, message, details, id, headers);
        };
    }

    private static final Set<String> KNOWN_CODES = Set.of(
            "bad_request",
            "invalid_time_zone",
            "validation_failed",
            "unauthorized",
            "forbidden",
            "not_found",
            "method_not_allowed",
            "conflict",
            "not_ready",
            "payload_too_large",
            "uri_too_long",
            "headers_too_large",
            "unsupported_media_type",
            "not_acceptable",
            "rate_limited",
            "quota_exceeded",
            "internal",
            "service_unavailable");

    /**
     * The HTTP status that goes with an error code, for errors reported without one (an
     * {@code error} event inside a streamed answer, which was sent with status 200); 500 for a
     * code this SDK does not know.
     */
    public static int statusForCode(String code) {
        if (code == null) {
            return 500;
        }
        return switch (code) {
            case "bad_request", "invalid_time_zone" -> 400;
            case "unauthorized" -> 401;
            case "quota_exceeded" -> 402;
            case "forbidden" -> 403;
            case "not_found" -> 404;
            case "method_not_allowed" -> 405;
            case "not_acceptable" -> 406;
            case "conflict", "not_ready" -> 409;
            case "payload_too_large" -> 413;
            case "uri_too_long" -> 414;
            case "unsupported_media_type" -> 415;
            case "validation_failed" -> 422;
            case "rate_limited" -> 429;
            case "headers_too_large" -> 431;
            case "service_unavailable" -> 503;
            default -> 500;
        };
    }

    /** The code the API uses for a status, for responses without a readable error envelope. */
    public static String codeForStatus(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 402 -> "quota_exceeded";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 422 -> "validation_failed";
            case 429 -> "rate_limited";
            case 431 -> "headers_too_large";
            case 503 -> "service_unavailable";
            default -> status >= 500 ? "internal" : "bad_request";
        };
    }
}
