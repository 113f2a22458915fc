package dev.memax.server.oauth;

import dev.memax.server.identity.Scope;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The sign-in, consent and refusal pages of {@code /oauth/authorize}, from the Thymeleaf
 * templates in {@code resources/oauth/}: every value is escaped by the engine. The pages load
 * nothing but their own stylesheet and need no JavaScript.
 */
@Singleton
public class AuthorizationPages {
    /** Hidden fields the forms carry: the authorization request, to be checked again on each post. */
    static final String[] REQUEST_FIELDS = {
        "response_type",
        "client_id",
        "redirect_uri",
        "state",
        "code_challenge",
        "code_challenge_method",
        "resource",
        "scope"
    };

    private static final Map<String, String> SCOPE_DESCRIPTIONS = Map.of(
            Scope.READ.toString(), "read and search your memories, hubs and their members",
            Scope.WRITE.toString(), "add, change and delete memories");
    private final TemplateEngine engine;

    public AuthorizationPages() {
        ClassLoaderTemplateResolver resolver =
                new ClassLoaderTemplateResolver(AuthorizationPages.class.getClassLoader());
        resolver.setPrefix("oauth/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
    }

    public String signIn(AuthorizationRequest request, String csrf, String email, String error) {
        Context context = request(request, csrf);
        context.setVariable("email", email);
        context.setVariable("error", error);
        return engine.process("sign-in", context);
    }

    public String consent(AuthorizationRequest request, String csrf, String userEmail, String ticket) {
        Context context = request(request, csrf);
        context.setVariable("userEmail", userEmail);
        context.setVariable("ticket", ticket);
        context.setVariable("resource", request.resource());
        Map<String, String> scopes = new LinkedHashMap<>();
        request.scopeList().forEach(scope -> scopes.put(scope, SCOPE_DESCRIPTIONS.get(scope)));
        context.setVariable("scopes", scopes);
        return engine.process("consent", context);
    }

    public String refused(String reason) {
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("reason", reason);
        return engine.process("refused", context);
    }

    private Context request(AuthorizationRequest request, String csrf) {
        Context context = new Context(Locale.ENGLISH);
        OAuthClient client = request.client();
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("name", client.clientName());
        shown.put("identity", identity(client));
        shown.put("redirectHost", host(request.redirectUri()));
        shown.put(
                "warning",
                client.registration().equals("dynamic")
                        ? "This app registered itself with Memax; its name is its own claim. Continue only if you started "
                                + "this sign-in from it."
                        : null);
        context.setVariable("client", shown);
        context.setVariable("csrf", csrf);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("response_type", "code");
        fields.put("client_id", client.clientId());
        fields.put("redirect_uri", request.redirectUri());
        if (request.state() != null) {
            fields.put("state", request.state());
        }
        fields.put("code_challenge", request.codeChallenge());
        fields.put("code_challenge_method", "S256");
        fields.put("resource", request.resource());
        fields.put("scope", Scope.wire(request.scopes()));
        context.setVariable("fields", fields);
        return context;
    }

    /** How the page names the client: the host its metadata document lives on, else its client_uri's, else its id. */
    private static String identity(OAuthClient client) {
        if (client.registration().equals("metadata_document")) {
            return host(client.clientId());
        }
        return client.clientUri() != null
                ? host(client.clientUri()) + " (" + client.clientId() + ")"
                : client.clientId();
    }

    private static String host(String url) {
        try {
            URI uri = new URI(url);
            return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } catch (URISyntaxException e) {
            return url;
        }
    }
}
