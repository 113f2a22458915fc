package dev.memax.server.auth;

import static dev.memax.server.auth.AuthFlows.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Forged and doctored access tokens are all 401 with a Bearer challenge. Tokens with a valid
 * signature but bad claims are signed with the server's real private key, read from its beans.
 */
class TokenAttackTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static TestUser user;
    private static UUID sessionId;

    @BeforeAll
    static void session() {
        user = SERVER.server().createUser("victim@example.com");
        // A live session, so a token is refused only for what is wrong with the token itself.
        sessionId = UUID.randomUUID();
        SERVER.database()
                .execute("INSERT INTO auth_sessions (id, user_id, expires_at) VALUES ('" + sessionId + "', '"
                        + user.id() + "', now() + interval '1 day')");
    }

    private static Http.Result me(String token) {
        return AuthFlows.me(SERVER.http(), token);
    }

    private static ECKey serverKey() {
        return SERVER.server().bean(SigningKeys.class).current();
    }

    /** Claims as the server issues them; the customiser spoils one thing. */
    private static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> spoil) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer("memax")
                .audience(TokenAudiences.API)
                .subject(user.id().toString())
                .claim("sid", sessionId.toString())
                .claim("scope", "memax:read memax:write")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .jwtID(UUID.randomUUID().toString());
        spoil.accept(claims);
        return claims.build();
    }

    private static String sign(ECKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aTokenSignedLikeTheServerWorks() throws Exception {
        // The control case: everything below differs from this in one respect only.
        Http.Result result = me(sign(serverKey(), claims(c -> {})));
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
    }

    @Test
    void algNoneIsRefused() {
        String unsigned = new PlainJWT(claims(c -> {})).serialize();
        assertUnauthorized(me(unsigned));
        // The same with the real kid in the header and an empty signature part.
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\""
                        + serverKey().getKeyID() + "\"}")
                .toString();
        String payload = Base64URL.encode(claims(c -> {}).toString()).toString();
        assertUnauthorized(me(header + "." + payload + "."));
    }

    @Test
    void hs256SignedWithThePublicKeyIsRefused() throws Exception {
        Http.Result jwks = SERVER.http().get("/.well-known/jwks.json");
        String publicJwk = JWKSet.parse(jwks.body()).getKeys().get(0).toJSONString();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(serverKey().getKeyID())
                        .build(),
                claims(c -> {}));
        jwt.sign(new MACSigner(publicJwk.getBytes(StandardCharsets.UTF_8)));
        assertUnauthorized(me(jwt.serialize()));
        // And with the raw public point bytes.
        byte[] point = serverKey().toECPublicKey().getEncoded();
        SignedJWT raw = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(serverKey().getKeyID())
                        .build(),
                claims(c -> {}));
        raw.sign(new MACSigner(point));
        assertUnauthorized(me(raw.serialize()));
    }

    @Test
    void expiredTokensAreRefused() throws Exception {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        assertUnauthorized(me(sign(
                serverKey(),
                claims(c -> c.issueTime(Date.from(past))
                        .notBeforeTime(Date.from(past))
                        .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5))))))));
    }

    @Test
    void notYetValidTokensAreRefused() throws Exception {
        Instant future = Instant.now().plus(Duration.ofMinutes(10));
        assertUnauthorized(me(sign(serverKey(), claims(c -> c.notBeforeTime(Date.from(future))))));
    }

    @Test
    void anUnknownKidIsRefused() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256)
                .keyID(UUID.randomUUID().toString())
                .generate();
        assertUnauthorized(me(sign(stranger, claims(c -> {}))));
        // A foreign key claiming the server's kid fails the signature check.
        ECKey impostor =
                new ECKeyGenerator(Curve.P_256).keyID(serverKey().getKeyID()).generate();
        assertUnauthorized(me(sign(impostor, claims(c -> {}))));
    }

    @Test
    void aTamperedPayloadIsRefused() throws Exception {
        TestUser other = SERVER.server().createUser("target@example.com");
        String token = sign(serverKey(), claims(c -> {}));
        assertThat(me(token).status()).isEqualTo(200);
        String[] parts = token.split("\\.");
        String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8)
                .replace(user.id().toString(), other.id().toString());
        assertThat(payload).contains(other.id().toString());
        assertUnauthorized(me(parts[0] + "." + Base64URL.encode(payload) + "." + parts[2]));
    }

    @Test
    void wrongAudienceOrIssuerIsRefused() throws Exception {
        assertUnauthorized(me(sign(serverKey(), claims(c -> c.audience("another-api")))));
        assertUnauthorized(me(sign(serverKey(), claims(c -> c.issuer("https://evil.example")))));
    }

    @Test
    void missingClaimsAreRefused() throws Exception {
        assertUnauthorized(me(sign(serverKey(), claims(c -> c.claim("sid", null)))));
        assertUnauthorized(me(sign(serverKey(), claims(c -> c.expirationTime(null)))));
        assertUnauthorized(me(sign(serverKey(), claims(c -> c.subject("not-a-uuid")))));
    }

    @Test
    void aTokenOfAnUnknownOrRevokedSessionIsRefused() throws Exception {
        assertUnauthorized(me(
                sign(serverKey(), claims(c -> c.claim("sid", UUID.randomUUID().toString())))));
        UUID revoked = UUID.randomUUID();
        SERVER.database()
                .execute("INSERT INTO auth_sessions (id, user_id, expires_at, revoked_at) VALUES ('" + revoked + "', '"
                        + user.id() + "', now() + interval '1 day', now())");
        assertUnauthorized(me(sign(serverKey(), claims(c -> c.claim("sid", revoked.toString())))));
    }

    @Test
    void garbageIsRefused() {
        assertUnauthorized(me("not.a.jwt"));
        assertUnauthorized(me("eyJhbGciOiJFUzI1NiJ9"));
        assertUnauthorized(SERVER.http().get("/v1/auth/me", "Authorization", "Bearer "));
    }
}
