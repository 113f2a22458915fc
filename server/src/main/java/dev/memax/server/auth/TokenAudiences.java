package dev.memax.server.auth;

import dev.memax.server.identity.Scope;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who an access token is for (its {@code aud}): the REST API ({@value #API}), or one OAuth
 * protected resource (RFC 8707), named by its URL under {@code MEMAX_PUBLIC_URL}: an MCP
 * endpoint ({@code …/mcp}, {@code …/mcp/chatgpt}) or the server's origin, which stands for both.
 * A token is accepted only where its audience is: an OAuth token never reaches {@code /v1}, and a
 * token for {@code /mcp} does not open {@code /mcp/chatgpt}.
 */
@Singleton
public class TokenAudiences {
    /** The audience of the tokens {@code /v1/auth/login} and {@code /v1/auth/refresh} issue. */
    public static final String API = "memax-api";
    /** The paths that are OAuth protected resources: the MCP endpoints. */
    public static final List<String> PROTECTED_RESOURCE_PATHS = List.of("/mcp", "/mcp/chatgpt");
    /** Where RFC 9728 metadata lives; a resource's own document is this plus its path. */
    public static final String RESOURCE_METADATA_PATH = "/.well-known/oauth-protected-resource";

    private final String origin;

    public TokenAudiences(@Value("${memax.public-url:`http://127.0.0.1:8080`}") String publicUrl) {
        this.origin = withoutTrailingSlash(
                publicUrl == null || publicUrl.isBlank() ? "http://127.0.0.1:8080" : publicUrl.trim());
    }

    /** {@code MEMAX_PUBLIC_URL} without a trailing slash: the OAuth issuer and the base of every resource. */
    public String origin() {
        return origin;
    }

    /** The resource a client asked for, in its canonical form, if it is one of this server's. */
    public Optional<String> resource(String requested) {
        if (requested == null) {
            return Optional.empty();
        }
        String candidate = withoutTrailingSlash(requested.trim());
        if (candidate.equals(origin)) {
            return Optional.of(origin);
        }
        return PROTECTED_RESOURCE_PATHS.stream()
                .map(path -> origin + path)
                .filter(candidate::equals)
                .findFirst();
    }

    /** The protected resource a request path belongs to ({@code /mcp} or {@code /mcp/chatgpt}), if any. */
    public Optional<String> protectedResourcePath(String requestPath) {
        String path = withoutTrailingSlash(requestPath);
        return PROTECTED_RESOURCE_PATHS.stream().filter(path::equals).findFirst();
    }

    /** The audiences a token presented on this request path may carry. */
    public Set<String> acceptedOn(String requestPath) {
        return protectedResourcePath(requestPath)
                .map(path -> Set.of(API, origin, origin + path))
                .orElse(Set.of(API));
    }

    /** The URL of a protected resource's RFC 9728 metadata (its path-suffixed form). */
    public String resourceMetadataUrl(String resourcePath) {
        return origin + RESOURCE_METADATA_PATH + resourcePath;
    }

    /**
     * The {@code WWW-Authenticate} challenge of a protected resource (RFC 6750 §3, RFC 9728 §5.1): the 401 of
     * a missing or bad token and the 403 of a missing scope both name the scopes to ask for and where the
     * resource's metadata is.
     *
     * @param error       RFC 6750 error code, or null when no credential was sent
     * @param description error_description, or null
     */
    public String challenge(String resourcePath, String error, Set<Scope> scopes, String description) {
        StringBuilder challenge = new StringBuilder("Bearer realm=\"memax\"");
        if (error != null) {
            challenge.append(", error=\"").append(error).append('"');
        }
        challenge.append(", scope=\"").append(Scope.wire(scopes)).append('"');
        challenge
                .append(", resource_metadata=\"")
                .append(resourceMetadataUrl(resourcePath))
                .append('"');
        if (description != null) {
            challenge.append(", error_description=\"").append(description).append('"');
        }
        return challenge.toString();
    }

    private static String withoutTrailingSlash(String url) {
        String result = url;
        while (result.length() > 1 && result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
