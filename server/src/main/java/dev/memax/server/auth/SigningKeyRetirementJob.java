package dev.memax.server.auth;

import dev.memax.server.job.RecurringJob;
import dev.memax.server.platform.Now;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retires signing keys superseded for longer than an access token lives (plus 5 minutes of
 * clock skew), so the JWKS stays short and an old key can no longer verify anything.
 */
@Singleton
public class SigningKeyRetirementJob implements RecurringJob {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyRetirementJob.class);
    private static final Duration SKEW = Duration.ofMinutes(5);
    private final SigningKeyRepository repository;
    private final AuthSettings settings;

    public SigningKeyRetirementJob(SigningKeyRepository repository, AuthSettings settings) {
        this.repository = repository;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "retire-signing-keys";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        int retired = repository.retireSuperseded(settings.accessTokenTtl().plus(SKEW), Now.instant());
        if (retired > 0) {
            LOG.info("Retired {} superseded signing key(s)", retired);
        }
    }
}
