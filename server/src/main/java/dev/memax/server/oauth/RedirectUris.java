package dev.memax.server.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The redirect URIs a client may register (OAuth 2.1 §2.3.1, RFC 8252 §7.3): absolute {@code https}
 * URIs, or {@code http} on a loopback address ({@code 127.0.0.1}, {@code [::1]}, {@code localhost})
 * with any port, for native apps that listen locally; never a fragment. An authorization request
 * must then name one of them exactly (compared as strings).
 */
public final class RedirectUris {
    public static final int MAX_URIS = 10;
    public static final int MAX_LENGTH = 2000;

    private RedirectUris() {}

    /** The list, checked: each entry acceptable, 1 to {@link #MAX_URIS} of them (else {@code invalid_redirect_uri}). */
    public static List<String> validate(List<?> uris) {
        if (uris == null || uris.isEmpty()) {
            throw OAuthError.invalidRedirectUri("redirect_uris must name at least one redirect URI");
        }
        if (uris.size() > MAX_URIS) {
            throw OAuthError.invalidRedirectUri("redirect_uris may name at most " + MAX_URIS + " URIs");
        }
        List<String> out = new ArrayList<>();
        for (Object value : uris) {
            if (!(value instanceof String uri)) {
                throw OAuthError.invalidRedirectUri("each redirect URI must be a string");
            }
            String problem = problem(uri);
            if (problem != null) {
                throw OAuthError.invalidRedirectUri("redirect URI " + uri + " " + problem);
            }
            if (!out.contains(uri)) {
                out.add(uri);
            }
        }
        return out;
    }

    /**
     * Whether an authorization request's redirect URI is one of the client's: character for
     * character, except that a loopback http URI may name any port (RFC 8252 §7.3: a native app
     * listens on whichever port it got).
     */
    public static boolean registered(List<String> registered, String requested) {
        if (requested == null) {
            return false;
        }
        if (registered.contains(requested)) {
            return true;
        }
        URI asked = loopbackHttp(requested);
        return asked != null
                && registered.stream()
                        .map(RedirectUris::loopbackHttp)
                        .anyMatch(known -> known != null
                                && known.getHost().equalsIgnoreCase(asked.getHost())
                                && Objects.equals(known.getRawPath(), asked.getRawPath())
                                && Objects.equals(known.getRawQuery(), asked.getRawQuery()));
    }

    private static URI loopbackHttp(String value) {
        try {
            URI uri = new URI(value);
            return "http".equalsIgnoreCase(uri.getScheme())
                            && uri.getHost() != null
                            && loopback(uri.getHost())
                            && uri.getRawUserInfo() == null
                            && uri.getRawFragment() == null
                    ? uri
                    : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Why the URI cannot be registered, or null when it can. */
    static String problem(String value) {
        if (value.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return "is not a URI";
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            return "must be an absolute URI with a host";
        }
        if (uri.getRawFragment() != null) {
            return "must not have a fragment";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry user information";
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return null;
        }
        if (scheme.equals("http") && loopback(uri.getHost())) {
            return null;
        }
        return "must use https (http only on a loopback address: 127.0.0.1, [::1] or localhost)";
    }

    private static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]");
    }
}
