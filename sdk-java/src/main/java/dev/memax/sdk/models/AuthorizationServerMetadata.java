package dev.memax.sdk.models;

import java.util.List;

/**
 * OAuth 2.0 authorization-server metadata (RFC 8414): where and how an MCP client signs a user in.
 *
 * @param issuer                                    the server's public URL; authorization responses carry it as {@code iss}
 * @param authorizationEndpoint                     where the user is sent to log in and consent
 * @param tokenEndpoint                             where codes and refresh tokens are exchanged
 * @param registrationEndpoint                      RFC 7591 dynamic client registration
 * @param revocationEndpoint                        RFC 7009 token revocation
 * @param jwksUri                                   the keys that verify access tokens
 * @param scopesSupported                           {@code memax:read}, {@code memax:write}
 * @param responseTypesSupported                    {@code code}
 * @param responseModesSupported                    {@code query}
 * @param grantTypesSupported                       {@code authorization_code}, {@code refresh_token}
 * @param tokenEndpointAuthMethodsSupported         {@code none}: public clients, PKCE instead of a secret
 * @param revocationEndpointAuthMethodsSupported    {@code none}
 * @param codeChallengeMethodsSupported             {@code S256} only
 * @param authorizationResponseIssParameterSupported whether authorization responses carry {@code iss} (RFC 9207)
 * @param clientIdMetadataDocumentSupported         whether an {@code https} URL may be the {@code client_id}
 * @param serviceDocumentation                      the server's documentation
 */
public record AuthorizationServerMetadata(
        String issuer,
        String authorizationEndpoint,
        String tokenEndpoint,
        String registrationEndpoint,
        String revocationEndpoint,
        String jwksUri,
        List<String> scopesSupported,
        List<String> responseTypesSupported,
        List<String> responseModesSupported,
        List<String> grantTypesSupported,
        List<String> tokenEndpointAuthMethodsSupported,
        List<String> revocationEndpointAuthMethodsSupported,
        List<String> codeChallengeMethodsSupported,
        boolean authorizationResponseIssParameterSupported,
        boolean clientIdMetadataDocumentSupported,
        String serviceDocumentation) {
    public AuthorizationServerMetadata {
        scopesSupported = copy(scopesSupported);
        responseTypesSupported = copy(responseTypesSupported);
        responseModesSupported = copy(responseModesSupported);
        grantTypesSupported = copy(grantTypesSupported);
        tokenEndpointAuthMethodsSupported = copy(tokenEndpointAuthMethodsSupported);
        revocationEndpointAuthMethodsSupported = copy(revocationEndpointAuthMethodsSupported);
        codeChallengeMethodsSupported = copy(codeChallengeMethodsSupported);
    }

    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
