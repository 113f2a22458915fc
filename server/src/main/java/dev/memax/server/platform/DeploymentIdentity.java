package dev.memax.server.platform;

import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Who "we" are in anything shared beyond this deployment's database: created once with the
 * server secrets, so every instance on one database has the same identity and a deployment on
 * another database (a benchmark, staging beside production, the test suite beside a developer's
 * server) has another. Everything kept in Redis is scoped by it: the event channel and every
 * event message, the rate-limit bucket keys.
 */
@Singleton
public class DeploymentIdentity {
    private final ServerSecrets secrets;
    private volatile String id;

    public DeploymentIdentity(ServerSecrets secrets) {
        this.secrets = secrets;
    }

    /** 16 hex digits; read from the database on first use. */
    public String id() {
        String current = id;
        if (current == null) {
            current = HexFormat.of().formatHex(Arrays.copyOf(secrets.get("deployment_id"), 8));
            id = current;
        }
        return current;
    }
}
