package dev.memax.server.oauth;

import dev.memax.server.auth.TokenAudiences;
import dev.memax.server.identity.Scope;
import dev.memax.server.platform.Names;
import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents an MCP client reads before it signs in: the protected-resource metadata
 * of the server and of each MCP endpoint (RFC 9728), and this server's authorization-server
 * metadata (RFC 8414). Every URL is under {@code MEMAX_PUBLIC_URL} ({@link TokenAudiences#origin()},
 * which is also the issuer). They change only with the configuration, so they are built once.
 */
@Singleton
public class OAuthMetadata {
    /** What clients are told to ask for; the 401 and 403 challenges name the same scopes. */
    static final List<String> SCOPES = Names.wire(Scope.values());

    private final Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
    private final Map<String, Object> authorizationServer;

    public OAuthMetadata(TokenAudiences audiences) {
        String origin = audiences.origin();
        resources.put("", resource(origin, origin, "Memax"));
        for (String path : TokenAudiences.PROTECTED_RESOURCE_PATHS) {
            String name = path.equals("/mcp") ? "Memax MCP" : "Memax MCP for ChatGPT";
            resources.put(path, resource(audiences.resource(origin + path).orElseThrow(), origin, name));
        }
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("issuer", origin);
        server.put("authorization_endpoint", origin + "/oauth/authorize");
        server.put("token_endpoint", origin + "/oauth/token");
        server.put("registration_endpoint", origin + "/oauth/register");
        server.put("revocation_endpoint", origin + "/oauth/revoke");
        server.put("jwks_uri", origin + "/.well-known/jwks.json");
        server.put("scopes_supported", SCOPES);
        server.put("response_types_supported", List.of("code"));
        server.put("response_modes_supported", List.of("query"));
        server.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        // Public clients only: PKCE, not a secret, binds a code to its client.
        server.put("token_endpoint_auth_methods_supported", List.of("none"));
        server.put("revocation_endpoint_auth_methods_supported", List.of("none"));
        server.put("code_challenge_methods_supported", List.of("S256"));
        // RFC 9207: authorization responses carry iss, so a client can tell which server answered.
        server.put("authorization_response_iss_parameter_supported", true);
        server.put("client_id_metadata_document_supported", true);
        server.put("service_documentation", origin + "/docs");
        this.authorizationServer = Collections.unmodifiableMap(server);
    }

    /**
     * The RFC 9728 document of the resource at {@code resourcePath} ("" for the server as a whole,
     * {@code /mcp}, {@code /mcp/chatgpt}); empty for any other path.
     */
    public Optional<Map<String, Object>> protectedResource(String resourcePath) {
        return Optional.ofNullable(resources.get(resourcePath));
    }

    /** The RFC 8414 document, also served as OpenID discovery's (clients probe both). */
    public Map<String, Object> authorizationServer() {
        return authorizationServer;
    }

    private static Map<String, Object> resource(String resource, String origin, String name) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("resource", resource);
        document.put("authorization_servers", List.of(origin));
        document.put("scopes_supported", SCOPES);
        // Tokens travel in the Authorization header only: never in a query string or a form body.
        document.put("bearer_methods_supported", List.of("header"));
        document.put("resource_name", name);
        document.put("resource_documentation", origin + "/docs");
        return Collections.unmodifiableMap(document);
    }
}
