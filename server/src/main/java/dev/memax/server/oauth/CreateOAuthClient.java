package dev.memax.server.oauth;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code POST /v1/admin/oauth-clients}: a client an admin registers in advance. */
@Introspected
public record CreateOAuthClient(
        @Nullable @Size(max = OAuthClientService.MAX_NAME) String clientName,
        @Nullable List<String> redirectUris,
        @Nullable String clientUri,
        @Nullable String logoUri) {}
