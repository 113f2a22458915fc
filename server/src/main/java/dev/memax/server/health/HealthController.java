package dev.memax.server.health;

import dev.memax.server.auth.Authenticator;
import dev.memax.server.auth.TokenAudiences;
import dev.memax.server.identity.Caller;
import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Envelope;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Public health endpoints for load balancers and orchestrators. */
@Controller("/health")
public class HealthController {
    private final ReadinessService readiness;
    private final BuildInfo build;
    private final Authenticator authenticator;

    public HealthController(ReadinessService readiness, BuildInfo build, Authenticator authenticator) {
        this.readiness = readiness;
        this.build = build;
        this.authenticator = authenticator;
    }

    @Get
    public Envelope<HealthStatus> health() {
        return Envelope.of(new HealthStatus(
                "ok", "memax", build.version(), readiness.check().ready()));
    }

    /** The process is alive; says nothing about dependencies, so orchestrators never restart for their outages. */
    @Get("/live")
    public Envelope<Map<String, String>> live() {
        return Envelope.of(Map.of("status", "ok"));
    }

    /**
     * 503 only while PostgreSQL is down; anything else down is {@code status: degraded} (200).
     * Anonymous callers get each check's status only; an admin's credential adds the errors,
     * latencies and modes (they name hosts and failures a stranger should not see).
     */
    @Get("/ready")
    public Envelope<Readiness> ready(HttpRequest<?> request) {
        Readiness result = readiness.check();
        if (!isAdmin(request)) {
            result = result.statusesOnly();
        }
        if (!result.ready()) {
            throw ApiException.unavailable("The database is unavailable", 5, Map.of("checks", result.checks()));
        }
        return Envelope.of(result);
    }

    /** Whether the request carries an admin's API key or access token (anything else: anonymous, never a 401 here). */
    private boolean isAdmin(HttpRequest<?> request) {
        Optional<String> header = request.getHeaders().getAuthorization();
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        try {
            return authenticator
                    .authenticate(header.get().substring(7).trim(), Set.of(TokenAudiences.API))
                    .map(Caller::admin)
                    .orElse(false);
        } catch (RuntimeException e) {
            // PostgreSQL down: credentials cannot be checked, so the caller is anonymous.
            return false;
        }
    }

    public record HealthStatus(String status, String service, String version, boolean ready) {}
}
