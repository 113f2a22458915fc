package dev.memax.server.oauth;

import dev.memax.server.auth.TokenAudiences;
import dev.memax.server.identity.User;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.SecretTokens;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /oauth/authorize}: the page where a person lets an MCP client use their memories. GET
 * checks the request and shows the sign-in form; posting it signs in and shows the consent form
 * (or, when this client already has consent for these scopes, goes straight back to it); posting
 * that sends the browser back to the client with a code or {@code access_denied}.
 * <p>
 * Both forms are CSRF-protected by a double submit: a random value in a {@code SameSite=Strict},
 * HttpOnly cookie set with the page, repeated in a hidden field. The consent form also carries a
 * signed ticket ({@link ConsentTickets}) proving the sign-in. Pages may not be framed, and post
 * only to this server or the client's redirect URI.
 */
@Controller("/oauth")
public class AuthorizationController {
    static final String CSRF_COOKIE = "memax_oauth_csrf";
    private static final Duration CSRF_TTL = Duration.ofMinutes(30);
    private final AuthorizationService service;
    private final AuthorizationPages pages;
    private final ConsentTickets tickets;
    private final boolean https;
    private final byte[] stylesheet;

    public AuthorizationController(
            AuthorizationService service,
            AuthorizationPages pages,
            ConsentTickets tickets,
            TokenAudiences audiences,
            ResourceResolver resources) {
        this.service = service;
        this.pages = pages;
        this.tickets = tickets;
        this.https = audiences.origin().startsWith("https://");
        try (InputStream css =
                resources.getResourceAsStream("classpath:oauth/authorize.css").orElseThrow()) {
            this.stylesheet = css.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(value = "/authorize", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> start(HttpRequest<?> request) {
        Map<String, List<String>> params = new HashMap<>();
        request.getParameters().forEach(params::put);
        AuthorizationService.Checked checked = service.check(params);
        if (!(checked instanceof AuthorizationService.Valid valid)) {
            return answer(checked);
        }
        String csrf = SecretTokens.newToken("", 32);
        return page(HttpStatus.OK, valid.request(), pages.signIn(valid.request(), csrf, null, null))
                .cookie(Cookie.of(CSRF_COOKIE, csrf)
                        .path("/oauth")
                        .httpOnly(true)
                        .secure(https)
                        .sameSite(SameSite.Strict)
                        .maxAge(CSRF_TTL));
    }

    @Post(value = "/authorize", produces = MediaType.TEXT_HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> signIn(HttpRequest<?> request, @Body Map<String, String> form) {
        Optional<String> csrf = csrf(request, form);
        if (csrf.isEmpty()) {
            return forgedForm();
        }
        AuthorizationService.Checked checked = service.check(requestFields(form));
        if (!(checked instanceof AuthorizationService.Valid valid)) {
            return answer(checked);
        }
        AuthorizationRequest authorization = valid.request();
        User user;
        try {
            user = service.signIn(form.get("email"), form.get("password"));
        } catch (ApiException e) {
            HttpStatus status = e.code().status();
            MutableHttpResponse<String> page = page(
                    status, authorization, pages.signIn(authorization, csrf.get(), form.get("email"), e.getMessage()));
            e.headers().forEach(page::header);
            page.getHeaders().remove("WWW-Authenticate");
            return page;
        }
        if (service.consentRemembered(user.id(), authorization)) {
            return HttpResponse.seeOther(URI.create(service.approve(user.id(), authorization)));
        }
        return page(
                HttpStatus.OK,
                authorization,
                pages.consent(authorization, csrf.get(), user.email(), tickets.issue(user.id(), authorization)));
    }

    @Post(value = "/authorize/consent", produces = MediaType.TEXT_HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> decide(HttpRequest<?> request, @Body Map<String, String> form) {
        if (csrf(request, form).isEmpty()) {
            return forgedForm();
        }
        AuthorizationService.Checked checked = service.check(requestFields(form));
        if (!(checked instanceof AuthorizationService.Valid valid)) {
            return answer(checked);
        }
        AuthorizationRequest authorization = valid.request();
        Optional<UUID> user = tickets.userOf(form.get("ticket"), authorization);
        if (user.isEmpty()) {
            return refused(
                    HttpStatus.FORBIDDEN,
                    "Your sign-in for this request has expired or does not match it. " + "Start again from the app.");
        }
        String decision = form.get("decision");
        if ("allow".equals(decision)) {
            return HttpResponse.seeOther(URI.create(service.approve(user.get(), authorization)));
        }
        if ("deny".equals(decision)) {
            return HttpResponse.seeOther(URI.create(service.deny(authorization)));
        }
        return refused(HttpStatus.BAD_REQUEST, "Choose Allow or Deny.");
    }

    @Get(value = "/authorize.css", produces = "text/css")
    public HttpResponse<byte[]> stylesheet() {
        return HttpResponse.ok(stylesheet)
                .contentType("text/css; charset=utf-8")
                .header("Cache-Control", "public, max-age=86400");
    }

    private HttpResponse<?> answer(AuthorizationService.Checked checked) {
        if (checked instanceof AuthorizationService.SentBack back) {
            return HttpResponse.seeOther(URI.create(back.location()));
        }
        return refused(HttpStatus.BAD_REQUEST, ((AuthorizationService.Refused) checked).reason());
    }

    private HttpResponse<String> forgedForm() {
        return refused(
                HttpStatus.FORBIDDEN,
                "This form expired or was not sent from this page (its security check "
                        + "failed). Start the sign-in again from the app.");
    }

    private MutableHttpResponse<String> refused(HttpStatus status, String reason) {
        return html(status, pages.refused(reason), null);
    }

    private MutableHttpResponse<String> page(HttpStatus status, AuthorizationRequest request, String html) {
        return html(status, html, request.redirectUri());
    }

    /**
     * A page with its policy. {@code Referrer-Policy: same-origin} rather than the API's
     * {@code no-referrer}: under {@code no-referrer} a browser posts the forms with
     * {@code Origin: null}, which the CORS filter refuses on a server at localhost; with
     * {@code same-origin} nothing is sent to other sites either.
     */
    private static MutableHttpResponse<String> html(HttpStatus status, String html, String redirectUri) {
        return HttpResponse.<String>status(status)
                .body(html)
                .contentType(MediaType.TEXT_HTML_TYPE)
                .header("Content-Security-Policy", policy(redirectUri))
                .header("Referrer-Policy", "same-origin");
    }

    /**
     * Nothing loads but the stylesheet; no framing; forms post here, and the redirect that follows
     * a post may go only to the client's redirect URI (browsers apply form-action to it).
     */
    private static String policy(String redirectUri) {
        String target = "";
        if (redirectUri != null) {
            URI uri = URI.create(redirectUri);
            target = " " + uri.getScheme() + "://" + uri.getRawAuthority();
        }
        return "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'" + target
                + "; frame-ancestors 'none'; base-uri 'none'";
    }

    /** The CSRF value when the form repeats the cookie's, compared in constant time. */
    private static Optional<String> csrf(HttpRequest<?> request, Map<String, String> form) {
        String field = form.get("csrf");
        return request.getCookies()
                .findCookie(CSRF_COOKIE)
                .map(Cookie::getValue)
                .filter(cookie -> field != null
                        && !cookie.isEmpty()
                        && MessageDigest.isEqual(
                                cookie.getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, List<String>> requestFields(Map<String, String> form) {
        Map<String, List<String>> params = new HashMap<>();
        for (String name : AuthorizationPages.REQUEST_FIELDS) {
            String value = form.get(name);
            if (value != null) {
                params.put(name, List.of(value));
            }
        }
        return params;
    }
}
