package dev.memax.server.oauth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import java.util.Map;

/**
 * {@code POST /oauth/register}: RFC 7591 dynamic client registration, open to anyone (a client
 * registers before any user signs in). The body is read as text and parsed here so that every
 * failure, a malformed body included, answers in OAuth's format.
 */
@Controller("/oauth")
public class OAuthRegistrationController {
    private final OAuthClientService clients;
    private final ObjectMapper json;

    public OAuthRegistrationController(OAuthClientService clients, ObjectMapper json) {
        this.clients = clients;
        this.json = json;
    }

    @Post("/register")
    @Consumes(MediaType.ALL)
    public HttpResponse<Map<String, Object>> register(@Nullable @Body String body) {
        Map<String, Object> metadata;
        try {
            metadata = body == null || body.isBlank()
                    ? null
                    : json.readValue(body, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            metadata = null;
        }
        if (metadata == null) {
            throw OAuthError.invalidClientMetadata("the body must be a JSON object of client metadata (RFC 7591)");
        }
        return HttpResponse.<Map<String, Object>>created(clients.registerDynamic(metadata))
                .header("Cache-Control", "no-store");
    }
}
