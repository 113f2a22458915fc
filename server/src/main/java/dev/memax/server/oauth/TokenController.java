package dev.memax.server.oauth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import java.util.Map;

/**
 * {@code POST /oauth/token} (authorization_code, refresh_token) and {@code POST /oauth/revoke}
 * (RFC 7009). Both take form bodies, as OAuth clients send them, and answer errors in OAuth's format.
 */
@Controller("/oauth")
public class TokenController {
    private final TokenService tokens;

    public TokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    @Post("/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<Map<String, Object>> token(@Nullable @Body Map<String, String> form) {
        Map<String, String> f = form == null ? Map.of() : form;
        return HttpResponse.ok(tokens.token(new TokenService.TokenRequest(
                        value(f, "grant_type"),
                        value(f, "client_id"),
                        value(f, "code"),
                        value(f, "redirect_uri"),
                        value(f, "code_verifier"),
                        value(f, "refresh_token"),
                        value(f, "scope"),
                        value(f, "resource"))))
                .header("Pragma", "no-cache");
    }

    @Post("/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> revoke(@Nullable @Body Map<String, String> form) {
        Map<String, String> f = form == null ? Map.of() : form;
        tokens.revoke(value(f, "token"), value(f, "client_id"));
        return HttpResponse.ok();
    }

    /** A parameter's value; an empty one counts as absent (RFC 6749 §3.1). */
    private static String value(Map<String, String> form, String name) {
        String value = form.get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
