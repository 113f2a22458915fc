package dev.memax.server.oauth;

import dev.memax.server.identity.Scope;
import dev.memax.server.platform.Hashes;
import java.util.List;
import java.util.Set;

/**
 * A checked authorization request (RFC 6749 §4.1.1 with PKCE and RFC 8707): the client, where to
 * send the answer, the PKCE S256 challenge, the resource the tokens will be for (canonical) and
 * the scopes asked for. {@code state} is the client's, returned as it came (null when not sent).
 */
public record AuthorizationRequest(
        OAuthClient client,
        String redirectUri,
        String state,
        String codeChallenge,
        String resource,
        Set<Scope> scopes) {

    public List<String> scopeList() {
        return scopes.stream().sorted().map(Scope::toString).toList();
    }

    /** What a consent ticket is bound to: the same request, field for field. */
    public String digest() {
        return Hashes.sha256Hex(String.join(
                "\n",
                client.clientId(),
                redirectUri,
                state == null ? "" : state,
                codeChallenge,
                resource,
                Scope.wire(scopes)));
    }
}
