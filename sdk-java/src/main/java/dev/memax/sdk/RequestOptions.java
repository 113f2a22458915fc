package dev.memax.sdk;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Per-call overrides, passed as the last argument of any SDK method:
 *
 * <pre>{@code
 * client.hubs().create(params, RequestOptions.builder().idempotencyKey("create-team-hub-42").build());
 * }</pre>
 *
 * <p>An {@linkplain Builder#idempotencyKey(String) idempotency key} names one logical
 * operation: reuse an options object that carries one only for retries of that same call.
 */
public final class RequestOptions {
    /** No overrides. */
    public static final RequestOptions NONE = builder().build();

    private final String idempotencyKey;
    private final UUID hubId;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final Integer maxRetries;
    private final Consumer<ResponseInfo> onResponse;

    private RequestOptions(Builder builder) {
        this.idempotencyKey = builder.idempotencyKey;
        this.hubId = builder.hubId;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
        this.timeout = builder.timeout;
        this.maxRetries = builder.maxRetries;
        this.onResponse = builder.onResponse;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Shorthand for options that only set {@code X-Hub-ID}. */
    public static RequestOptions ofHub(UUID hubId) {
        return builder().hubId(hubId).build();
    }

    /** Shorthand for options that only set the {@code Idempotency-Key}. */
    public static RequestOptions ofIdempotencyKey(String key) {
        return builder().idempotencyKey(key).build();
    }

    /** The {@code Idempotency-Key} to send (POST only), or null for the client's default. */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** The {@code X-Hub-ID} to send, or null for the client's default. */
    public UUID hubId() {
        return hubId;
    }

    /** Extra headers. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The timeout of each attempt, or null for the client's. */
    public Duration timeout() {
        return timeout;
    }

    /** Retries for this call, or null for the client's. */
    public Integer maxRetries() {
        return maxRetries;
    }

    /** Called with every HTTP response of this call (each attempt), or null. */
    public Consumer<ResponseInfo> onResponse() {
        return onResponse;
    }

    /** Builds {@link RequestOptions}. */
    public static final class Builder {
        private String idempotencyKey;
        private UUID hubId;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration timeout;
        private Integer maxRetries;
        private Consumer<ResponseInfo> onResponse;

        private Builder() {}

        /**
         * The {@code Idempotency-Key} of a POST (1-255 printable ASCII characters), instead of
         * the one the SDK generates. Sent on every retry of the call; the server replays the
         * first answer for it for 24 hours. Ignored for other methods.
         */
        public Builder idempotencyKey(String key) {
            this.idempotencyKey = key;
            return this;
        }

        /** The hub this call targets ({@code X-Hub-ID}), instead of the client's default. */
        public Builder hubId(UUID hubId) {
            this.hubId = hubId;
            return this;
        }

        /** An extra request header, e.g. {@code X-Request-ID} or {@code X-Timezone}. */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The timeout of each attempt of this call. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** How many times this call may be retried (0: never). */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be >= 0");
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** Observes every HTTP response of this call (status, headers, attempt). */
        public Builder onResponse(Consumer<ResponseInfo> listener) {
            this.onResponse = listener;
            return this;
        }

        public RequestOptions build() {
            return new RequestOptions(this);
        }
    }
}
