package dev.memax.server.auth;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.memax.server.identity.Caller;
import dev.memax.server.identity.PublicRoute;
import dev.memax.server.platform.Envelope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import jakarta.validation.Valid;

/** {@code /v1/auth}: signup, login, refresh, logout. Answers carrying tokens are never cached. */
@Controller("/v1/auth")
public class AuthController {
    private final AuthService auth;

    public AuthController(AuthService auth) {
        this.auth = auth;
    }

    @PublicRoute
    @Post("/signup")
    public HttpResponse<Envelope<AuthService.SignupAccepted>> signup(@Valid @Body AuthRequests.Signup request) {
        return noStore(HttpResponse.accepted().body(Envelope.of(auth.signup(request))));
    }

    @PublicRoute
    @Post("/login")
    public HttpResponse<Envelope<AuthService.Session>> login(@Valid @Body AuthRequests.Login request) {
        return noStore(HttpResponse.ok(Envelope.of(auth.login(request))));
    }

    @PublicRoute
    @Post("/refresh")
    public HttpResponse<Envelope<Refreshed>> refresh(@Valid @Body AuthRequests.Refresh request) {
        Tokens tokens = auth.refresh(request);
        return noStore(HttpResponse.ok(Envelope.of(new Refreshed(tokens, tokens))));
    }

    /** The new pair under {@code tokens} (as signup and login answer) and, for Memax's SDK, at the top level too. */
    public record Refreshed(@JsonUnwrapped Tokens pair, Tokens tokens) {}

    @Post("/logout")
    public Envelope<AuthService.Revoked> logout(Caller caller, @Nullable @Valid @Body AuthRequests.Logout request) {
        return Envelope.of(auth.logout(caller, request));
    }

    /** RFC 6749 §5.1: responses with tokens must not be stored by caches. */
    static <T> MutableHttpResponse<T> noStore(MutableHttpResponse<T> response) {
        return response.header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }
}
