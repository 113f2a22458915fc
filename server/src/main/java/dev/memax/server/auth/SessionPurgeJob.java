package dev.memax.server.auth;

import dev.memax.server.job.RecurringJob;
import dev.memax.server.platform.Now;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every refresh adds a row, so ended sessions and expired refresh tokens are deleted after a
 * day (they can only ever answer 401, which an unknown token answers too); so are login
 * failure counters quiet for a day.
 */
@Singleton
public class SessionPurgeJob implements RecurringJob {
    private static final Logger LOG = LoggerFactory.getLogger(SessionPurgeJob.class);
    private static final Duration KEEP = Duration.ofDays(1);
    private final SessionRepository sessions;
    private final RefreshTokenRepository refreshTokens;
    private final LoginThrottle loginThrottle;

    public SessionPurgeJob(
            SessionRepository sessions, RefreshTokenRepository refreshTokens, LoginThrottle loginThrottle) {
        this.loginThrottle = loginThrottle;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
    }

    @Override
    public String name() {
        return "purge-auth-sessions";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        Instant cutoff = Now.instant().minus(KEEP);
        int tokens = refreshTokens.deleteExpiredBefore(cutoff);
        int ended = sessions.deleteEndedBefore(cutoff);
        if (tokens + ended > 0) {
            LOG.info("Purged {} expired refresh tokens and {} ended sessions", tokens, ended);
        }
        // Login failure counters quiet for a day are forgotten (the backoff starts over).
        loginThrottle.purge();
    }
}
