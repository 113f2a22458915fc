package dev.memax.server.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * Server-Sent Event frames as every Memax stream writes them: {@code event: NAME}, then
 * {@code data: JSON} on one line, then {@code id:} (STACK-NOTES: some clients parse only that form).
 */
public final class SseFrames {
    private SseFrames() {}

    /**
     * @param id          the frame's {@code id:}, or null
     * @param retryMillis a {@code retry:} hint, or null
     */
    public static byte[] frame(ObjectMapper json, String event, String id, Object data, Long retryMillis) {
        StringBuilder frame = new StringBuilder(256);
        if (retryMillis != null) {
            frame.append("retry: ").append(retryMillis).append('\n');
        }
        frame.append("event: ").append(event).append('\n');
        try {
            frame.append("data: ").append(json.writeValueAsString(data)).append('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data is not serialisable", e);
        }
        if (id != null) {
            frame.append("id: ").append(id).append('\n');
        }
        frame.append('\n');
        return frame.toString().getBytes(StandardCharsets.UTF_8);
    }
}
