package dev.memax.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteLimitsTest {

    @ParameterizedTest
    @CsvSource({
        "POST, /v1/memories, heavy",
        "POST, /v1/memories/batch, heavy",
        "POST, /v1/recall, heavy",
        "POST, /v1/ask, heavy",
        "GET, /v1/memories, regular",
        "POST, /v1/memories/0190f1a2-0000-7000-8000-000000000001/share, heavy",
        "POST, /v1/memories/0190f1a2-0000-7000-8000-000000000001/access, regular",
        "GET, /v1/memories/search, regular",
        "GET, /v1/agents, regular",
        "DELETE, /v1/agents/claude-code, regular",
        "POST, /v1/notifications/dismiss, regular",
        "POST, /v1/notifications/0190f1a2-0000-7000-8000-000000000001/items/a/complete, regular",
        "POST, /v1/memories/batch-delete, regular",
        "GET, /v1/memories/0190f1a2-0000-7000-8000-000000000001, regular",
        "GET, /v1/recall, regular",
        "GET, /v1/auth/me, light",
        "PATCH, /v1/auth/me, regular",
        "GET, /v1/plans, light",
        "GET, /v1/usage, regular",
        "GET, /health, light",
        "GET, /health/ready, light",
        "GET, /metrics, light",
        "GET, /docs, light",
        "GET, /docs/assets/swagger-ui.css, light",
        "GET, /v1/openapi.yaml, light",
        "GET, /.well-known/jwks.json, light",
        "POST, /v1/auth/login, regular",
        "GET, /v1/nothing/here, regular",
    })
    void everyRouteHasItsBucket(String method, String path, String bucket) {
        assertThat(RouteLimits.of(method, path))
                .hasValueSatisfying(
                        limit -> assertThat(limit.bucket().wireName()).isEqualTo(bucket));
    }

    @ParameterizedTest
    @CsvSource({"GET, /", "GET, /favicon.ico", "GET, /v1x/memories", "GET, /healthz", "POST, /mcp", "POST, /mcp/chatgpt"
    })
    void pathsOutsideTheApiAreNotLimited(String method, String path) {
        assertThat(RouteLimits.of(method, path)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"POST, /v1/ask", "POST, /v1/ask/"})
    void askHasItsOwnCapOnTopOfHeavy(String method, String path) {
        RouteLimits.RouteLimit limit = RouteLimits.of(method, path).orElseThrow();
        assertThat(limit.override()).isEqualTo(new RouteLimits.Override("ask", 30));
        assertThat(RouteLimits.of("POST", "/v1/recall").orElseThrow().override())
                .isNull();
    }

    @ParameterizedTest
    @CsvSource({"/health, true", "/health/live, true", "/health/ready, true", "/v1/auth/me, false", "/metrics, false"})
    void onlyHealthProbesIgnoreTheFailClosedPolicy(String path, boolean probe) {
        assertThat(RouteLimits.of("GET", path).orElseThrow().probe()).isEqualTo(probe);
    }
}
