package dev.memax.server.llm;

import dev.memax.server.platform.DependencyCheck;
import dev.memax.server.platform.ReadinessCheck;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The LLM providers' entry in {@code /health/ready}: {@code up} while every breaker is closed,
 * {@code degraded} while one is open or probing (ask then answers 503 or extractively, the rest
 * of the API is unaffected, so readiness stays true), {@code not_configured} without providers.
 * {@code details} maps each provider to its breaker's state.
 */
@Singleton
public class LlmReadiness implements ReadinessCheck {
    private final LlmGateway gateway;

    public LlmReadiness(LlmGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public String name() {
        return "llm";
    }

    @Override
    public DependencyCheck check() {
        if (!gateway.enabled()) {
            return DependencyCheck.notConfigured();
        }
        Map<String, String> breakers = gateway.breakerStates();
        boolean allClosed = breakers.values().stream().allMatch("closed"::equals);
        return new DependencyCheck(
                allClosed ? DependencyCheck.UP : DependencyCheck.DEGRADED, null, null, null, breakers);
    }
}
