package dev.memax.sdk.params;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.List;

/**
 * Body of {@code POST /v1/admin/oauth-clients}.
 *
 * @param clientName   1-200 characters (required): what the consent page shows
 * @param redirectUris 1-10 URIs, {@code https} or {@code http} on a loopback address (required)
 * @param clientUri    the client's home page (https), optional
 * @param logoUri      the client's logo (https), optional
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OAuthClientCreateParams(String clientName, List<String> redirectUris, String clientUri, String logoUri) {
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link OAuthClientCreateParams}. */
    public static final class Builder {
        private String clientName;
        private List<String> redirectUris;
        private String clientUri;
        private String logoUri;

        private Builder() {}

        public Builder clientName(String clientName) {
            this.clientName = clientName;
            return this;
        }

        public Builder redirectUris(String... redirectUris) {
            return redirectUris(Arrays.asList(redirectUris));
        }

        public Builder redirectUris(List<String> redirectUris) {
            this.redirectUris = redirectUris == null ? null : List.copyOf(redirectUris);
            return this;
        }

        public Builder clientUri(String clientUri) {
            this.clientUri = clientUri;
            return this;
        }

        public Builder logoUri(String logoUri) {
            this.logoUri = logoUri;
            return this;
        }

        public OAuthClientCreateParams build() {
            return new OAuthClientCreateParams(clientName, redirectUris, clientUri, logoUri);
        }
    }
}
