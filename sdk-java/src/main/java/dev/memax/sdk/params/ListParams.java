package dev.memax.sdk.params;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Paging of a list call: page size and where to start. Most callers never set the cursor:
 * {@code Page.autoPagingIterable()} follows the pages itself.
 *
 * @param limit  items per page (1-100; the server's default, 20, when null)
 * @param cursor the {@code nextCursor} of the previous page, or null for the first page
 */
public record ListParams(Integer limit, String cursor) {
    /** The first page, with the server's default size. */
    public static final ListParams DEFAULT = new ListParams(null, null);

    /** The first page with {@code limit} items per page. */
    public static ListParams limit(int limit) {
        return new ListParams(limit, null);
    }

    /** The query parameters these params send. */
    public Map<String, String> toQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        QueryParams.putPage(query, limit, cursor);
        return query;
    }

    /** The same page size, starting at {@code cursor}. */
    public ListParams withCursor(String cursor) {
        return new ListParams(limit, cursor);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ListParams}. */
    public static final class Builder {
        private Integer limit;
        private String cursor;

        private Builder() {}

        /** Items per page, 1-100. */
        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        /** Start after this cursor (a previous page's {@code nextCursor}). */
        public Builder cursor(String cursor) {
            this.cursor = cursor;
            return this;
        }

        public ListParams build() {
            return new ListParams(limit, cursor);
        }
    }
}
