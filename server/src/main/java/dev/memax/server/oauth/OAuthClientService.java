package dev.memax.server.oauth;

import dev.memax.server.identity.Caller;
import dev.memax.server.identity.Scope;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Cursors;
import dev.memax.server.platform.Names;
import dev.memax.server.platform.Page;
import dev.memax.server.platform.PageRequest;
import dev.memax.server.platform.SecretTokens;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The clients that may ask for authorization: registered by an admin ({@code POST
 * /v1/admin/oauth-clients}) or by themselves through RFC 7591 dynamic registration ({@code POST
 * /oauth/register}, what ChatGPT and older MCP clients do). Every client is public: it gets no
 * secret, PKCE binds its code to it.
 */
@Singleton
public class OAuthClientService {
    static final String CLIENT_ID_PREFIX = "mxc_";
    static final int MAX_NAME = 200;
    static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token");
    static final Set<String> SCOPES = Set.copyOf(Names.wire(Scope.values()));
    private final OAuthClientRepository repository;
    private final Cursors cursors;
    private final ClientMetadataFetcher documents;
    private final ClientMetadataCache documentCache;

    public OAuthClientService(
            OAuthClientRepository repository,
            Cursors cursors,
            ClientMetadataFetcher documents,
            ClientMetadataCache documentCache) {
        this.repository = repository;
        this.cursors = cursors;
        this.documents = documents;
        this.documentCache = documentCache;
    }

    /**
     * The client an authorization request names: a registered one ({@code mxc_…}), or, for an
     * {@code https://} URL, the client its Client ID Metadata Document describes (fetched and
     * cached by {@link ClientMetadataCache}; {@code registration} {@code metadata_document}). The
     * document's redirect URIs follow the same rules as registered ones. An unknown client, or a
     * document that cannot be used, is {@code invalid_client}: the authorization endpoint shows it
     * to the user and never redirects to an unverified URI.
     */
    public OAuthClient resolve(String clientId) {
        if (clientId == null || clientId.isBlank()) {
            throw OAuthError.invalidRequest("client_id is required");
        }
        if (!documents.isDocumentUrl(clientId)) {
            return repository
                    .find(clientId)
                    .orElseThrow(() -> OAuthError.invalidClient("no client " + clientId + " is registered here"));
        }
        ClientMetadataFetcher.ClientMetadata metadata;
        try {
            metadata = documentCache.get(clientId);
        } catch (ClientMetadataException e) {
            throw OAuthError.invalidClient("the client's metadata document cannot be used: " + e.getMessage());
        }
        List<String> redirectUris;
        try {
            redirectUris = RedirectUris.validate(metadata.redirectUris());
        } catch (OAuthError e) {
            documentCache.invalidate(clientId);
            throw OAuthError.invalidClient("the client's metadata document: " + e.getMessage());
        }
        String name = name(metadata.clientName(), redirectUris, OAuthError::invalidClient);
        String clientUri = optionalWebUri(metadata.clientUri());
        String logoUri = optionalWebUri(metadata.logoUri());
        return new OAuthClient(clientId, "metadata_document", name, redirectUris, clientUri, logoUri, null);
    }

    /**
     * RFC 7591 §3.1: registers the client the metadata describes and answers its registration
     * (§3.2.1: the metadata as registered, with {@code client_id} and {@code client_id_issued_at}).
     */
    public Map<String, Object> registerDynamic(Map<String, Object> metadata) {
        List<String> redirectUris = RedirectUris.validate(
                metadata.get("redirect_uris") instanceof List<?> list
                        ? list
                        : metadata.get("redirect_uris") == null ? null : List.of(metadata.get("redirect_uris")));
        String method = optionalString(metadata, "token_endpoint_auth_method");
        if (method != null && !method.equals("none")) {
            throw OAuthError.invalidClientMetadata(
                    "token_endpoint_auth_method must be none: clients are public and " + "prove themselves with PKCE");
        }
        List<String> grantTypes = strings(metadata, "grant_types", List.of("authorization_code", "refresh_token"));
        for (String grant : grantTypes) {
            if (!GRANT_TYPES.contains(grant)) {
                throw OAuthError.invalidClientMetadata(
                        "grant_types may hold only authorization_code and refresh_token");
            }
        }
        List<String> responseTypes = strings(metadata, "response_types", List.of("code"));
        if (!responseTypes.equals(List.of("code"))) {
            throw OAuthError.invalidClientMetadata("response_types must be [\"code\"]");
        }
        String scope = optionalString(metadata, "scope");
        if (scope != null) {
            for (String s : scope.trim().split("\\s+")) {
                if (!SCOPES.contains(s)) {
                    throw OAuthError.invalidClientMetadata("scope may hold only memax:read and memax:write");
                }
            }
        }
        String name = name(optionalString(metadata, "client_name"), redirectUris, OAuthError::invalidClientMetadata);
        String clientUri =
                webUri(optionalString(metadata, "client_uri"), "client_uri", OAuthError::invalidClientMetadata);
        String logoUri = webUri(optionalString(metadata, "logo_uri"), "logo_uri", OAuthError::invalidClientMetadata);
        OAuthClient client = repository.insert(
                new OAuthClient(newClientId(), "dynamic", name, redirectUris, clientUri, logoUri, null), null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("client_id", client.clientId());
        out.put("client_id_issued_at", client.createdAt().getEpochSecond());
        out.put("client_name", client.clientName());
        out.put("redirect_uris", client.redirectUris());
        out.put("grant_types", grantTypes);
        out.put("response_types", responseTypes);
        out.put("token_endpoint_auth_method", "none");
        if (scope != null) {
            out.put("scope", scope.trim());
        }
        if (clientUri != null) {
            out.put("client_uri", clientUri);
        }
        if (logoUri != null) {
            out.put("logo_uri", logoUri);
        }
        return out;
    }

    /** An admin's registration of a client (its redirect URIs under the same rules as dynamic registration). */
    public OAuthClient registerByAdmin(Caller caller, CreateOAuthClient registration) {
        requireAdmin(caller);
        List<String> redirectUris;
        try {
            redirectUris = RedirectUris.validate(registration.redirectUris());
        } catch (OAuthError e) {
            throw ApiException.invalidField("redirect_uris", e.getMessage());
        }
        if (registration.clientName() == null || registration.clientName().isBlank()) {
            throw ApiException.invalidField("client_name", "must be 1-" + MAX_NAME + " characters");
        }
        String name = name(registration.clientName(), redirectUris, m -> ApiException.invalidField("client_name", m));
        String clientUri =
                webUri(registration.clientUri(), "client_uri", m -> ApiException.invalidField("client_uri", m));
        String logoUri = webUri(registration.logoUri(), "logo_uri", m -> ApiException.invalidField("logo_uri", m));
        return repository.insert(
                new OAuthClient(newClientId(), "admin", name, redirectUris, clientUri, logoUri, null), caller.userId());
    }

    /** Registered clients of one kind ({@code admin} or {@code dynamic}), newest first. */
    public Page<OAuthClient> list(Caller caller, String registration, PageRequest page) {
        requireAdmin(caller);
        String kind = registration == null ? "admin" : registration;
        if (!kind.equals("admin") && !kind.equals("dynamic")) {
            throw ApiException.invalidField("registration", "must be admin or dynamic");
        }
        return cursors.page(
                "clients",
                "oauth-clients:" + kind,
                page,
                (after, limit) -> repository.page(
                        kind,
                        after == null ? null : Instant.parse(after.get(0)),
                        after == null ? null : after.get(1),
                        limit),
                client -> List.of(client.createdAt().toString(), client.clientId()));
    }

    public record Deleted(String clientId, boolean deleted) {}

    public Deleted delete(Caller caller, String clientId) {
        requireAdmin(caller);
        if (!repository.delete(clientId)) {
            throw ApiException.notFound("OAuth client");
        }
        return new Deleted(clientId, true);
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw ApiException.forbidden("Only an admin can manage OAuth clients");
        }
    }

    private static String newClientId() {
        return SecretTokens.newToken(CLIENT_ID_PREFIX, 16);
    }

    /** The name shown on the consent page: the given one (control characters removed), else the first redirect URI's host. */
    private static String name(String given, List<String> redirectUris, Function<String, RuntimeException> failure) {
        String name = given == null ? "" : given.replaceAll("\\p{Cntrl}", "").strip();
        if (name.length() > MAX_NAME) {
            throw failure.apply("client_name must be at most " + MAX_NAME + " characters");
        }
        return name.isEmpty() ? URI.create(redirectUris.get(0)).getHost() : name;
    }

    private static String webUri(String value, String field, Function<String, RuntimeException> failure) {
        if (value == null) {
            return null;
        }
        if (!isHttpsUrl(value)) {
            throw failure.apply(field + " must be an https URL");
        }
        return value;
    }

    /** A document's optional URL: kept when it is an https URL, else left out (it is only shown). */
    private static String optionalWebUri(String value) {
        return value != null && isHttpsUrl(value) ? value : null;
    }

    /** A URL a client may name as its home page or logo: absolute https, no fragment, no user information. */
    private static boolean isHttpsUrl(String value) {
        return value.startsWith("https://") && RedirectUris.problem(value) == null;
    }

    private static String optionalString(Map<String, Object> metadata, String field) {
        Object value = metadata.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw OAuthError.invalidClientMetadata(field + " must be a string");
        }
        return s;
    }

    private static List<String> strings(Map<String, Object> metadata, String field, List<String> absent) {
        Object value = metadata.get(field);
        if (value == null) {
            return absent;
        }
        if (!(value instanceof List<?> list) || list.isEmpty() || !list.stream().allMatch(String.class::isInstance)) {
            throw OAuthError.invalidClientMetadata(field + " must be a non-empty array of strings");
        }
        return list.stream().map(String.class::cast).distinct().toList();
    }
}
