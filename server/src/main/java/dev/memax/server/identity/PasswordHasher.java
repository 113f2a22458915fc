package dev.memax.server.identity;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import jakarta.inject.Singleton;

/** Argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane) in PHC string form. */
@Singleton
public class PasswordHasher {
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID);
    /** Verified against when the user does not exist, so timing does not reveal registered emails. */
    private static final String DUMMY =
            Password.hash("memax-dummy-password").addRandomSalt(16).with(ARGON2).getResult();

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    public boolean matches(String password, String hash) {
        return Password.check(password, hash == null ? DUMMY : hash).with(ARGON2) && hash != null;
    }
}
