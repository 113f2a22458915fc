package dev.memax.server.docs;

import dev.memax.server.identity.PublicRoute;
import dev.memax.server.platform.ApiException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import java.util.Map;

/**
 * The contract and its rendered reference (public routes): {@code GET /v1/openapi.yaml},
 * {@code GET /docs} (Swagger UI, fully offline) and {@code GET /docs/assets/{name}}.
 */
@PublicRoute
@Controller
public class ApiDocsController {
    static final String YAML = "application/yaml";
    private static final MediaType YAML_UTF_8 = new MediaType(YAML, Map.of(MediaType.CHARSET_PARAMETER, "utf-8"));
    private static final MediaType HTML_UTF_8 =
            new MediaType(MediaType.TEXT_HTML, Map.of(MediaType.CHARSET_PARAMETER, "utf-8"));
    private static final String ASSET_CACHE_CONTROL = "public, max-age=86400";

    private final DocsResources resources;

    public ApiDocsController(DocsResources resources) {
        this.resources = resources;
    }

    /** The contract. Clients asking for the older YAML media type names get it too. */
    @Get("/v1/openapi.yaml")
    @Produces({YAML, MediaType.APPLICATION_YAML, "text/yaml"})
    public HttpResponse<byte[]> openApi() {
        return HttpResponse.ok(resources.contract()).contentType(YAML_UTF_8);
    }

    @Get("/docs")
    @Produces(MediaType.TEXT_HTML)
    public HttpResponse<byte[]> page() {
        return HttpResponse.ok(resources.page())
                .contentType(HTML_UTF_8)
                .header("Content-Security-Policy", resources.pageContentSecurityPolicy());
    }

    @Get("/docs/assets/{name}")
    @Produces({MediaType.TEXT_CSS, MediaType.TEXT_JAVASCRIPT, MediaType.IMAGE_PNG})
    public HttpResponse<byte[]> asset(@PathVariable String name) {
        DocsResources.Asset asset = resources.asset(name).orElseThrow(() -> ApiException.notFound("asset"));
        return HttpResponse.ok(asset.bytes())
                .contentType(asset.contentType())
                .header(HttpHeaders.CACHE_CONTROL, ASSET_CACHE_CONTROL);
    }
}
