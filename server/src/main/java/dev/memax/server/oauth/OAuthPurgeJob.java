package dev.memax.server.oauth;

import dev.memax.server.job.RecurringJob;
import dev.memax.server.platform.Now;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes authorization codes a day after they expired (until then a replayed code is still
 * recognised and revokes what it issued), and dynamic client registrations nobody consented to
 * within {@link #UNUSED_CLIENT_TTL}.
 */
@Singleton
public class OAuthPurgeJob implements RecurringJob {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthPurgeJob.class);
    private static final Duration KEEP_CODES = Duration.ofDays(1);
    static final Duration UNUSED_CLIENT_TTL = Duration.ofDays(30);
    private final AuthorizationCodeRepository codes;
    private final OAuthClientRepository clients;

    public OAuthPurgeJob(AuthorizationCodeRepository codes, OAuthClientRepository clients) {
        this.codes = codes;
        this.clients = clients;
    }

    @Override
    public String name() {
        return "purge-oauth";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        Instant now = Now.instant();
        int purgedCodes = codes.deleteExpiredBefore(now.minus(KEEP_CODES));
        int purgedClients = clients.deleteUnusedDynamicBefore(now.minus(UNUSED_CLIENT_TTL));
        if (purgedCodes + purgedClients > 0) {
            LOG.info(
                    "Purged {} expired OAuth codes and {} unused dynamic client registrations",
                    purgedCodes,
                    purgedClients);
        }
    }
}
