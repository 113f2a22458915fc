package dev.memax.sdk.params;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code POST /v1/hubs}. The caller becomes its owner.
 *
 * @param name        1-100 characters (required)
 * @param slug        3-48 of {@code [a-z0-9-]}, unique; derived from the name when null
 * @param description at most 1000 characters; empty when null
 * @param timeZone    an IANA time zone id, the zone of the hub's nightly dream; UTC when null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HubCreateParams(String name, String slug, String description, String timeZone) {
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link HubCreateParams}; the setters are {@link HubParamsBuilder}'s. */
    public static final class Builder extends HubParamsBuilder<Builder> {
        private Builder() {}

        /** @throws IllegalStateException when the name is missing */
        public HubCreateParams build() {
            return new HubCreateParams(Checks.required(name, "name"), slug, description, timeZone);
        }
    }
}
