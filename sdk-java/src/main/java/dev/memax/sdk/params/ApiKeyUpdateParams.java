package dev.memax.sdk.params;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code PATCH /v1/auth/api-keys/{id}}: only the fields set are changed.
 *
 * @param name      a new name (1-100 characters)
 * @param agentName a new agent name; the empty string clears it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyUpdateParams(String name, String agentName) {
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ApiKeyUpdateParams}. */
    public static final class Builder {
        private String name;
        private String agentName;

        private Builder() {}

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder agentName(String agentName) {
            this.agentName = agentName;
            return this;
        }

        /** Removes the agent name (sent as the empty string). */
        public Builder clearAgentName() {
            this.agentName = "";
            return this;
        }

        public ApiKeyUpdateParams build() {
            return new ApiKeyUpdateParams(name, agentName);
        }
    }
}
