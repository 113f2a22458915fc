package dev.memax.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.memax.server.platform.Ids;
import dev.memax.server.platform.Now;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ES256 keys that sign access tokens, shared by every instance through PostgreSQL (private
 * halves encrypted with MEMAX_SECRET_KEY). The newest key signs; every unretired key verifies,
 * so rotating never invalidates a token already issued. Each instance reloads the set at most
 * every minute, and at once (rate-limited) when it meets an unknown kid.
 */
@Singleton
public class SigningKeys {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    private static final long RELOAD_EVERY_MS = 60_000;
    private static final long MIN_FORCED_RELOAD_MS = 5_000;
    private final SigningKeyRepository repository;
    private final SecretBox box;
    private volatile List<ECKey> keys = List.of();
    private volatile long loadedAt;

    public SigningKeys(SigningKeyRepository repository, SecretBox box) {
        this.repository = repository;
        this.box = box;
    }

    /** The key new tokens are signed with. */
    public ECKey current() {
        List<ECKey> loaded = fresh(false);
        if (loaded.isEmpty()) {
            createFirst();
            loaded = fresh(true);
        }
        return loaded.get(0);
    }

    /** The verification key for a kid, if it exists and is not retired. */
    public Optional<ECKey> forKid(String kid) {
        Optional<ECKey> found = find(fresh(false), kid);
        if (found.isEmpty() && System.currentTimeMillis() - loadedAt > MIN_FORCED_RELOAD_MS) {
            found = find(fresh(true), kid);
        }
        return found;
    }

    /** Signs claims with the current key: a compact ES256 JWS of type {@code typ}, with kid. */
    public String sign(JWTClaimsSet claims, JOSEObjectType type) {
        ECKey key = current();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(type)
                        .build(),
                claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /**
     * The claims of a JWS this service signed with one of its keys, of type {@code type}. ES256
     * only: {@code none}, HMAC and anything else are refused before any key is touched. Empty when
     * anything is wrong; the claims themselves (issuer, audience, times) are the caller's to check.
     */
    public Optional<JWTClaimsSet> verifiedClaims(String token, JOSEObjectType type) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())
                    || jwt.getHeader().getKeyID() == null
                    || !type.equals(jwt.getHeader().getType())) {
                return Optional.empty();
            }
            Optional<ECKey> key = forKid(jwt.getHeader().getKeyID());
            if (key.isEmpty() || !jwt.verify(new ECDSAVerifier(key.get().toECPublicKey()))) {
                return Optional.empty();
            }
            return Optional.of(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    /** Public keys for {@code /.well-known/jwks.json}. */
    public JWKSet publicSet() {
        current();
        return new JWKSet(keys.stream()
                .map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK())
                .toList());
    }

    /** Adds a new signing key; the previous ones keep verifying until retired. */
    @Transactional
    public String rotate() {
        String kid = insertNew();
        fresh(true);
        LOG.info("Signing key rotated: new kid {}", kid);
        return kid;
    }

    @Transactional
    void createFirst() {
        repository.lockForCreation();
        if (repository.active().isEmpty()) {
            insertNew();
        }
    }

    private String insertNew() {
        try {
            String kid = Ids.newId().toString();
            ECKey key = new ECKeyGenerator(Curve.P_256)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .issueTime(new java.util.Date())
                    .generate();
            repository.insert(
                    kid,
                    JWSAlgorithm.ES256.getName(),
                    key.toPublicJWK().toJSONString(),
                    box.seal(key.toJSONString().getBytes(StandardCharsets.UTF_8)),
                    Now.instant());
            return kid;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<ECKey> fresh(boolean force) {
        if (force || System.currentTimeMillis() - loadedAt > RELOAD_EVERY_MS) {
            keys = repository.active().stream().map(this::decode).toList();
            loadedAt = System.currentTimeMillis();
        }
        return keys;
    }

    private ECKey decode(SigningKeyRepository.StoredKey stored) {
        try {
            return ECKey.parse(new String(box.open(stored.privateKeyEncrypted()), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IllegalStateException("Corrupt signing key " + stored.kid(), e);
        }
    }

    private static Optional<ECKey> find(List<ECKey> keys, String kid) {
        return keys.stream().filter(k -> k.getKeyID().equals(kid)).findFirst();
    }
}
