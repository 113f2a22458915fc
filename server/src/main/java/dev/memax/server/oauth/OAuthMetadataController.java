package dev.memax.server.oauth;

import dev.memax.server.auth.TokenAudiences;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Map;

/**
 * The OAuth discovery documents ({@link OAuthMetadata}): standard JSON, not the API's envelope,
 * public (outside {@code /v1}: no credentials asked), cacheable for an hour, and readable by any
 * web page ({@link OAuthCorsFilter}). Any other path under the resource-metadata prefix is the
 * router's 404.
 */
@Controller
public class OAuthMetadataController {
    static final String CACHE = "public, max-age=3600";
    private final OAuthMetadata metadata;

    public OAuthMetadataController(OAuthMetadata metadata) {
        this.metadata = metadata;
    }

    @Get(TokenAudiences.RESOURCE_METADATA_PATH)
    public HttpResponse<Map<String, Object>> server() {
        return document(metadata.protectedResource("").orElseThrow());
    }

    @Get(TokenAudiences.RESOURCE_METADATA_PATH + "/mcp")
    public HttpResponse<Map<String, Object>> mcp() {
        return document(metadata.protectedResource("/mcp").orElseThrow());
    }

    @Get(TokenAudiences.RESOURCE_METADATA_PATH + "/mcp/chatgpt")
    public HttpResponse<Map<String, Object>> chatGpt() {
        return document(metadata.protectedResource("/mcp/chatgpt").orElseThrow());
    }

    @Get("/.well-known/oauth-authorization-server")
    public HttpResponse<Map<String, Object>> authorizationServer() {
        return document(metadata.authorizationServer());
    }

    @Get("/.well-known/openid-configuration")
    public HttpResponse<Map<String, Object>> openIdConfiguration() {
        return document(metadata.authorizationServer());
    }

    private static HttpResponse<Map<String, Object>> document(Map<String, Object> body) {
        return HttpResponse.ok(body)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, CACHE);
    }
}
