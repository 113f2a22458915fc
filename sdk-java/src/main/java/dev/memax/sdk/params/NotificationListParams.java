package dev.memax.sdk.params;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Filters and paging of {@code GET /v1/notifications}; every filter is optional and they combine.
 *
 * @param hubId      only notifications about this hub
 * @param status     only this status: {@code open} (or Memax's name, {@code pending}), {@code dismissed},
 *                   {@code resolved}; null: every status (sent as {@code all}: the server's own
 *                   default is only the open ones)
 * @param unseenOnly only notifications not yet marked seen
 * @param since      only notifications created at or after this time
 * @param limit      items per page (1-100; the server's default, 20, when null)
 * @param cursor     the {@code nextCursor} of the previous page, or null for the first
 * @param kinds      only these kinds; null or empty: every kind
 */
public record NotificationListParams(
        UUID hubId,
        String status,
        Boolean unseenOnly,
        Instant since,
        Integer limit,
        String cursor,
        List<String> kinds) {
    public NotificationListParams {
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
    }

    /** Without a kind filter (the constructor before 0.2). */
    public NotificationListParams(
            UUID hubId, String status, Boolean unseenOnly, Instant since, Integer limit, String cursor) {
        this(hubId, status, unseenOnly, since, limit, cursor, List.of());
    }

    /** Every notification, newest first, first page. */
    public static final NotificationListParams DEFAULT = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    /** The same filters, starting at {@code cursor}. */
    public NotificationListParams withCursor(String cursor) {
        return new NotificationListParams(hubId, status, unseenOnly, since, limit, cursor, kinds);
    }

    /** The query parameters these params send. */
    public Map<String, String> toQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        QueryParams.put(query, "hub_id", hubId);
        QueryParams.put(query, "status", status == null ? "all" : status);
        QueryParams.put(query, "kind", kinds.isEmpty() ? null : String.join(",", kinds));
        QueryParams.put(query, "unseen_only", unseenOnly);
        QueryParams.put(query, "since", since);
        QueryParams.putPage(query, limit, cursor);
        return query;
    }

    /** Builds {@link NotificationListParams}. */
    public static final class Builder {
        private UUID hubId;
        private String status;
        private Boolean unseenOnly;
        private Instant since;
        private Integer limit;
        private String cursor;
        private List<String> kinds;

        private Builder() {}

        public Builder hubId(UUID hubId) {
            this.hubId = hubId;
            return this;
        }

        /** {@code open} (or {@code pending}), {@code dismissed} or {@code resolved}; unset: every status. */
        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder unseenOnly(boolean unseenOnly) {
            this.unseenOnly = unseenOnly;
            return this;
        }

        public Builder since(Instant since) {
            this.since = since;
            return this;
        }

        /** Items per page, 1-100. */
        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        /** Only these kinds. */
        public Builder kinds(List<String> kinds) {
            this.kinds = kinds;
            return this;
        }

        public Builder cursor(String cursor) {
            this.cursor = cursor;
            return this;
        }

        public NotificationListParams build() {
            return new NotificationListParams(hubId, status, unseenOnly, since, limit, cursor, kinds);
        }
    }
}
