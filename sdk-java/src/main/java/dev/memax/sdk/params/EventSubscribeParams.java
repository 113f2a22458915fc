package dev.memax.sdk.params;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What an event subscription listens to ({@code GET /v1/events/stream}) and how it behaves.
 *
 * @param hubId             only events of this hub ({@code hub_id}); every hub the caller may read when null
 * @param types             only these event types ({@code types=a,b}), e.g.
 *                          {@code ServerEvent.MEMORIES_CHANGED}; every type when empty
 * @param after             resume after this event id ({@code after=}, on the first connection; later
 *                          connections send {@code Last-Event-ID}); from the present when null
 * @param includeHeartbeats deliver {@code ping} heartbeats to {@code onEvent} too (default false: they only
 *                          keep the connection alive)
 * @param idleTimeout       reconnect when nothing, heartbeats included, arrived for this long (default
 *                          90 s; keep it a few times the server's heartbeat interval); null or zero never
 * @param maxReconnectDelay the longest backoff between reconnection attempts (default 30 s); a
 *                          {@code retry:} or {@code Retry-After} from the server is honoured even when longer
 */
public record EventSubscribeParams(
        UUID hubId,
        List<String> types,
        String after,
        boolean includeHeartbeats,
        Duration idleTimeout,
        Duration maxReconnectDelay) {
    /** Default idle timeout. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(90);
    /** Default cap of the reconnection backoff. */
    public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(30);
    /** Every event of every hub the caller may read, from the present. */
    public static final EventSubscribeParams DEFAULT = builder().build();

    public EventSubscribeParams {
        types = types == null ? List.of() : List.copyOf(types);
        maxReconnectDelay = maxReconnectDelay == null ? DEFAULT_MAX_RECONNECT_DELAY : maxReconnectDelay;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link EventSubscribeParams}. */
    public static final class Builder {
        private UUID hubId;
        private List<String> types;
        private String after;
        private boolean includeHeartbeats;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration maxReconnectDelay = DEFAULT_MAX_RECONNECT_DELAY;

        private Builder() {}

        /** Only events of this hub. */
        public Builder hubId(UUID hubId) {
            this.hubId = hubId;
            return this;
        }

        /** Only these event types, e.g. {@code ServerEvent.MEMORIES_CHANGED}. */
        public Builder types(String... types) {
            return types(Arrays.asList(types));
        }

        /** Only these event types. */
        public Builder types(List<String> types) {
            if (types != null) {
                for (String type : types) {
                    if (Objects.requireNonNull(type, "type").isBlank() || type.contains(",")) {
                        throw new IllegalArgumentException("not an event type: \"" + type + "\"");
                    }
                }
            }
            this.types = types == null ? null : List.copyOf(types);
            return this;
        }

        /** Resumes after this event id (a {@code ServerEvent.id()} you stored). */
        public Builder after(String eventId) {
            this.after = eventId;
            return this;
        }

        /** Resumes after this event id. */
        public Builder after(long eventId) {
            return after(Long.toString(eventId));
        }

        /** Delivers {@code ping} heartbeats to {@code onEvent} too. */
        public Builder includeHeartbeats(boolean include) {
            this.includeHeartbeats = include;
            return this;
        }

        /** Reconnects when nothing arrived for this long; null or zero never. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /** The longest backoff between reconnection attempts. */
        public Builder maxReconnectDelay(Duration delay) {
            this.maxReconnectDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        public EventSubscribeParams build() {
            return new EventSubscribeParams(hubId, types, after, includeHeartbeats, idleTimeout, maxReconnectDelay);
        }
    }
}
