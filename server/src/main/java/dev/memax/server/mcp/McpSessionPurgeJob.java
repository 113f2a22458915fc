package dev.memax.server.mcp;

import dev.memax.server.job.RecurringJob;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes MCP sessions idle past the timeout (they could only answer 404 any more). */
@Singleton
public class McpSessionPurgeJob implements RecurringJob {
    private static final Logger LOG = LoggerFactory.getLogger(McpSessionPurgeJob.class);
    private final McpSessions sessions;

    public McpSessionPurgeJob(McpSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public String name() {
        return "purge-mcp-sessions";
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        int purged = sessions.purgeIdle();
        if (purged > 0) {
            LOG.info("Purged {} idle MCP sessions", purged);
        }
    }
}
