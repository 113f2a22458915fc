package dev.memax.server.platform;

import io.micronaut.http.HttpStatus;

/** The stable error codes of the API (docs/architecture.md §5.1; openapi.yaml ErrorCode); each maps to exactly one HTTP status. */
public enum ErrorCode {
    BAD_REQUEST("bad_request", HttpStatus.BAD_REQUEST),
    VALIDATION_FAILED("validation_failed", HttpStatus.UNPROCESSABLE_ENTITY),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN),
    NOT_FOUND("not_found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method_not_allowed", HttpStatus.METHOD_NOT_ALLOWED),
    CONFLICT("conflict", HttpStatus.CONFLICT),
    NOT_READY("not_ready", HttpStatus.CONFLICT),
    /** Topics (docs/architecture.md §5.13): the parent is no topic of this hub. */
    INVALID_PARENT("invalid_parent", HttpStatus.UNPROCESSABLE_ENTITY),
    /** The new parent is the topic itself or one of its descendants. */
    CYCLE_DETECTED("cycle_detected", HttpStatus.UNPROCESSABLE_ENTITY),
    /** A new topic would sit deeper than the 5 levels a tree may have. */
    MAX_DEPTH("max_depth", HttpStatus.UNPROCESSABLE_ENTITY),
    /** A moved topic's subtree would reach deeper than 5 levels. */
    MAX_DEPTH_SUBTREE("max_depth_subtree", HttpStatus.UNPROCESSABLE_ENTITY),
    /** An active sibling already has this name. */
    DUPLICATE_NAME("duplicate_name", HttpStatus.CONFLICT),
    /** The topic is archived, so read-only until restored. */
    TOPIC_ARCHIVED("topic_archived", HttpStatus.CONFLICT),
    /** The parent is archived: nothing is created or moved under it. */
    PARENT_ARCHIVED("parent_archived", HttpStatus.CONFLICT),
    /** A hub's {@code time_zone} is no IANA zone id (details: {@code {fields: {time_zone: reason}}}). */
    INVALID_TIME_ZONE("invalid_time_zone", HttpStatus.BAD_REQUEST),
    PAYLOAD_TOO_LARGE("payload_too_large", HttpStatus.REQUEST_ENTITY_TOO_LARGE),
    URI_TOO_LONG("uri_too_long", HttpStatus.REQUEST_URI_TOO_LONG),
    HEADERS_TOO_LARGE("headers_too_large", HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    NOT_ACCEPTABLE("not_acceptable", HttpStatus.NOT_ACCEPTABLE),
    RATE_LIMITED("rate_limited", HttpStatus.TOO_MANY_REQUESTS),
    /** The plan of the hub's owner does not include the feature (details: {@code feature}, {@code plan}). */
    FEATURE_NOT_IN_PLAN("feature_not_in_plan", HttpStatus.FORBIDDEN),
    /** The hub already has a dream run running (details: {@code run_id}). */
    DREAM_RUNNING("dream_running", HttpStatus.CONFLICT),
    /** The hub dreamt too recently (details: {@code retry_at}; {@code Retry-After}). */
    DREAM_COOLDOWN("dream_cooldown", HttpStatus.TOO_MANY_REQUESTS),
    /** A memory changed since the dream action, or the action never changed anything (details: {@code memory_id}). */
    DREAM_UNDO_CONFLICT("dream_undo_conflict", HttpStatus.CONFLICT),
    QUOTA_EXCEEDED("quota_exceeded", HttpStatus.PAYMENT_REQUIRED),
    INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR),
    SERVICE_UNAVAILABLE("service_unavailable", HttpStatus.SERVICE_UNAVAILABLE);

    private final String code;
    private final HttpStatus status;

    ErrorCode(String code, HttpStatus status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public HttpStatus status() {
        return status;
    }

    /** The code the API uses for a status produced outside our own code (router, codecs). */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 402 -> QUOTA_EXCEEDED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> VALIDATION_FAILED;
            case 429 -> RATE_LIMITED;
            case 431 -> HEADERS_TOO_LARGE;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : BAD_REQUEST;
        };
    }
}
