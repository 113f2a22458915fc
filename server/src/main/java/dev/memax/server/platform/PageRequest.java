package dev.memax.server.platform;

/** {@code ?limit=} (1-100, default 20) and {@code ?cursor=} of a list endpoint. */
public record PageRequest(int limit, String cursor) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static PageRequest of(Integer limit, String cursor) {
        int effective = limit == null ? DEFAULT_LIMIT : limit;
        if (effective < 1 || effective > MAX_LIMIT) {
            throw ApiException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(effective, cursor == null || cursor.isEmpty() ? null : cursor);
    }
}
