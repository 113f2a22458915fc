package dev.memax.server.platform;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a list: the items under a named key (e.g. {@code memories}), then
 * {@code next_cursor} (empty at the end), {@code has_more} and, where counted, {@code total}.
 */
public record Page<T>(String key, List<T> items, String nextCursor, boolean hasMore, Long total) {

    public Page<T> withTotal(long count) {
        return new Page<>(key, items, nextCursor, hasMore, count);
    }

    @JsonValue
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(key, items);
        json.put("next_cursor", nextCursor);
        json.put("has_more", hasMore);
        if (total != null) {
            json.put("total", total);
        }
        return json;
    }
}
