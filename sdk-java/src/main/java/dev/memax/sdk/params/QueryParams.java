package dev.memax.sdk.params;

import dev.memax.sdk.models.WireEnum;
import java.util.Map;

/** Query parameters of the list calls: only what is set is sent. */
final class QueryParams {
    private QueryParams() {}

    /** Sets {@code name} when {@code value} is not null: a {@link WireEnum} as its wire value, anything else as its string. */
    static void put(Map<String, String> query, String name, Object value) {
        if (value != null) {
            query.put(name, value instanceof WireEnum wire ? wire.wire() : value.toString());
        }
    }

    /** {@code limit} and {@code cursor}; an empty cursor (the last page's {@code next_cursor}) is the first page. */
    static void putPage(Map<String, String> query, Integer limit, String cursor) {
        put(query, "limit", limit);
        put(query, "cursor", cursor == null || cursor.isEmpty() ? null : cursor);
    }
}
