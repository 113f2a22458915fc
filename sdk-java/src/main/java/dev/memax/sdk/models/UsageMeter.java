package dev.memax.sdk.models;

/**
 * One limit's use.
 *
 * @param limit null when unlimited
 */
public record UsageMeter(long used, Long limit) {

    /** What is left before the limit (null when unlimited). */
    public Long remaining() {
        return limit == null ? null : Math.max(0, limit - used);
    }
}
