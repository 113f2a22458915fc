package dev.memax.server.health;

import dev.memax.server.platform.ApiException;
import dev.memax.server.platform.Envelope;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.Map;

/** Public health endpoints for load balancers and orchestrators. */
@Controller("/health")
public class HealthController {
    private final ReadinessService readiness;
    private final BuildInfo build;

    public HealthController(ReadinessService readiness, BuildInfo build) {
        this.readiness = readiness;
        this.build = build;
    }

    @Get
    public Envelope<HealthStatus> health() {
        return Envelope.of(new HealthStatus("ok", "memax", build.version(), readiness.check().ready()));
    }

    /** The process is alive; says nothing about dependencies, so orchestrators never restart for their outages. */
    @Get("/live")
    public Envelope<Map<String, String>> live() {
        return Envelope.of(Map.of("status", "ok"));
    }

    @Get("/ready")
    public Envelope<Readiness> ready() {
        Readiness result = readiness.check();
        if (!result.ready()) {
            throw ApiException.unavailable("A dependency is unavailable", 5, Map.of("checks", result.checks()));
        }
        return Envelope.of(result);
    }

    public record HealthStatus(String status, String service, String version, boolean ready) {
    }
}
