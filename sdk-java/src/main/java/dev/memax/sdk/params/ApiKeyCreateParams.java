package dev.memax.sdk.params;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.memax.sdk.models.Scopes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /v1/auth/api-keys}.
 *
 * @param name          1-100 characters (required)
 * @param scopes        {@link Scopes#READ} and/or {@link Scopes#WRITE} (the short forms
 *                      {@code read}, {@code write} are accepted); both when null
 * @param hubId         restrict the key to this hub
 * @param hubIds        restrict the key to these hubs
 * @param agentName     the agent the key is meant for
 * @param expiresInDays 1-3650; never expires when null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyCreateParams(
        String name, List<String> scopes, UUID hubId, List<UUID> hubIds, String agentName, Integer expiresInDays) {
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ApiKeyCreateParams}. */
    public static final class Builder {
        private String name;
        private List<String> scopes;
        private UUID hubId;
        private List<UUID> hubIds;
        private String agentName;
        private Integer expiresInDays;

        private Builder() {}

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The scopes, e.g. {@code scopes(Scopes.READ)} for a read-only key. */
        public Builder scopes(String... scopes) {
            return scopes(Arrays.asList(scopes));
        }

        public Builder scopes(List<String> scopes) {
            this.scopes = scopes == null ? null : List.copyOf(scopes);
            return this;
        }

        /** Restricts the key to one hub. */
        public Builder hubId(UUID hubId) {
            this.hubId = hubId;
            return this;
        }

        /** Restricts the key to these hubs. */
        public Builder hubIds(List<UUID> hubIds) {
            this.hubIds = hubIds == null ? null : List.copyOf(hubIds);
            return this;
        }

        /** Adds one hub to the restriction. */
        public Builder addHubId(UUID hubId) {
            List<UUID> ids = hubIds == null ? new ArrayList<>() : new ArrayList<>(hubIds);
            ids.add(hubId);
            this.hubIds = List.copyOf(ids);
            return this;
        }

        public Builder agentName(String agentName) {
            this.agentName = agentName;
            return this;
        }

        public Builder expiresInDays(int days) {
            this.expiresInDays = days;
            return this;
        }

        /** @throws IllegalStateException when the name is missing */
        public ApiKeyCreateParams build() {
            return new ApiKeyCreateParams(
                    Checks.required(name, "name"), scopes, hubId, hubIds, agentName, expiresInDays);
        }
    }
}
