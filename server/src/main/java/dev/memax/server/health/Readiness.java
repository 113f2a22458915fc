package dev.memax.server.health;

import java.util.Map;

/** Whether every configured dependency answers, and each one's check. */
public record Readiness(boolean ready, Map<String, DependencyCheck> checks) {
}
