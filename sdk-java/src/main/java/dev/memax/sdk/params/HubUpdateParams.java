package dev.memax.sdk.params;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code PATCH /v1/hubs/{id}}. Only the fields set are changed.
 *
 * @param name        1-100 characters
 * @param slug        3-48 of {@code [a-z0-9-]}, unique
 * @param description at most 1000 characters
 * @param timeZone    an IANA time zone id, the zone of the hub's nightly dream
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HubUpdateParams(String name, String slug, String description, String timeZone) {
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link HubUpdateParams}; the setters are {@link HubParamsBuilder}'s. */
    public static final class Builder extends HubParamsBuilder<Builder> {
        private Builder() {}

        public HubUpdateParams build() {
            return new HubUpdateParams(name, slug, description, timeZone);
        }
    }
}
