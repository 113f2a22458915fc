package dev.memax.server.auth;

import static dev.memax.server.auth.AuthFlows.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The public JWKS, key rotation without breaking issued tokens, and retirement of superseded keys. */
class JwksTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension().property("memax.auth.signup-mode", "open");

    private static JWKSet jwks() throws Exception {
        Http.Result result = SERVER.http().get("/.well-known/jwks.json");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.header("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        return JWKSet.parse(result.body());
    }

    private static String kidOf(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    @Test
    void theJwksIsPublicRawAndHoldsOnlyPublicKeys() throws Exception {
        Http.Result result = SERVER.http().get("/.well-known/jwks.json", "Authorization", "Bearer garbage");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.header("Cache-Control"))
                .hasValueSatisfying(cc -> assertThat(cc).contains("max-age"));
        JsonNode body = result.json();
        assertThat(body.has("data")).as("not enveloped").isFalse();
        JsonNode key = body.path("keys").get(0);
        assertThat(key.path("kty").asText()).isEqualTo("EC");
        assertThat(key.path("crv").asText()).isEqualTo("P-256");
        assertThat(key.path("alg").asText()).isEqualTo("ES256");
        assertThat(key.path("use").asText()).isEqualTo("sig");
        assertThat(key.path("kid").asText()).isNotBlank();
        assertThat(key.has("x") && key.has("y")).isTrue();
        assertThat(key.has("d")).as("private part").isFalse();
    }

    @Test
    void accessTokensVerifyWithTheJwks() throws Exception {
        String token = AuthFlows.signedUp(SERVER.http(), "verify@example.com")
                .at("/tokens/access_token")
                .asText();
        SignedJWT jwt = SignedJWT.parse(token);
        ECKey key = (ECKey) jwks().getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(TokenAudiences.API);
        assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("memax:read memax:write");
    }

    @Test
    void rotationKeepsIssuedTokensValidAndRetirementDropsTheOldKey() throws Exception {
        String before = AuthFlows.signedUp(SERVER.http(), "rotate@example.com")
                .at("/tokens/access_token")
                .asText();
        String oldKid = kidOf(before);

        String newKid = SERVER.server().bean(SigningKeys.class).rotate();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(jwks().getKeys()).extracting(k -> k.getKeyID()).contains(oldKid, newKid);
        String after = AuthFlows.login(SERVER.http(), "rotate@example.com", AuthFlows.PASSWORD)
                .at("/tokens/access_token")
                .asText();
        assertThat(kidOf(after)).isEqualTo(newKid);
        assertThat(AuthFlows.me(SERVER.http(), before).status()).isEqualTo(200);
        assertThat(AuthFlows.me(SERVER.http(), after).status()).isEqualTo(200);

        // Too early: nothing is retired while a token of the old key may still be valid.
        SigningKeyRetirementJob job = SERVER.server().bean(SigningKeyRetirementJob.class);
        assertThat(job.name()).isEqualTo("retire-signing-keys");
        job.run();
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM signing_keys WHERE retired_at IS NOT NULL"))
                .isZero();

        // Superseded for longer than a token lives (1 h) plus skew: the old key goes.
        SERVER.database().execute("UPDATE signing_keys SET created_at = created_at - interval '2 hours'");
        job.run();
        assertThat(SERVER.database()
                        .queryLong("SELECT count(*) FROM signing_keys WHERE retired_at IS NOT NULL AND kid = '" + oldKid
                                + "'"))
                .isEqualTo(1);
        assertThat(SERVER.database().queryLong("SELECT count(*) FROM signing_keys WHERE retired_at IS NULL"))
                .isEqualTo(1);

        // Once instances reload (at most a minute; a rotation forces it), the old kid is unknown.
        String newest = SERVER.server().bean(SigningKeys.class).rotate();
        List<String> kids = jwks().getKeys().stream().map(k -> k.getKeyID()).toList();
        assertThat(kids).contains(newKid, newest).doesNotContain(oldKid);
        assertUnauthorized(AuthFlows.me(SERVER.http(), before));
        assertThat(AuthFlows.me(SERVER.http(), after).status()).isEqualTo(200);
    }
}
