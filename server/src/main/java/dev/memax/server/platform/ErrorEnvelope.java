package dev.memax.server.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** The error envelope: {@code {"error": {"code", "message", "details"?}}}. */
public record ErrorEnvelope(Body error) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Body(String code, String message, Map<String, Object> details) {}

    public static ErrorEnvelope of(ErrorCode code, String message, Map<String, Object> details) {
        return new ErrorEnvelope(new Body(code.code(), message, details));
    }
}
