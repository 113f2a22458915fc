package dev.memax.server.llm;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/** {@link LlmSettings} for tests: application.yml's defaults, with short retry waits, changed one setting at a time. */
final class TestLlmSettings {
    String openaiBaseUrl = "https://api.openai.com/v1";
    String openaiApiKey;
    String openaiModels;
    String anthropicBaseUrl = "https://api.anthropic.com";
    String anthropicApiKey;
    String anthropicModels;
    String defaultModel;
    String fallback = "none";
    Duration connectTimeout = Duration.ofSeconds(5);
    Duration firstTokenTimeout = Duration.ofSeconds(30);
    Duration idleTimeout = Duration.ofSeconds(30);
    Duration timeout = Duration.ofSeconds(120);
    int maxRetries = 2;
    Duration retryBackoff = Duration.ofMillis(10);
    Duration retryMaxWait = Duration.ofSeconds(3);
    float breakerFailureRate = 50;
    int breakerMinimumCalls = 10;
    Duration breakerOpenDuration = Duration.ofSeconds(30);
    String prices;

    static TestLlmSettings openai(String baseUrl, String models) {
        TestLlmSettings settings = new TestLlmSettings();
        settings.openaiBaseUrl = baseUrl;
        settings.openaiApiKey = "sk-test-secret-key-123456";
        settings.openaiModels = models;
        return settings;
    }

    static TestLlmSettings anthropic(String baseUrl, String models) {
        TestLlmSettings settings = new TestLlmSettings();
        settings.anthropicBaseUrl = baseUrl;
        settings.anthropicApiKey = "sk-ant-test-secret-key-123456";
        settings.anthropicModels = models;
        return settings;
    }

    LlmSettings build() {
        return new LlmSettings(
                openaiBaseUrl,
                openaiApiKey,
                openaiModels,
                anthropicBaseUrl,
                anthropicApiKey,
                anthropicModels,
                defaultModel,
                fallback,
                connectTimeout,
                firstTokenTimeout,
                idleTimeout,
                timeout,
                maxRetries,
                retryBackoff,
                retryMaxWait,
                breakerFailureRate,
                breakerMinimumCalls,
                breakerOpenDuration,
                prices);
    }

    LlmGateway gateway() {
        return new LlmGateway(build(), new SimpleMeterRegistry());
    }
}
