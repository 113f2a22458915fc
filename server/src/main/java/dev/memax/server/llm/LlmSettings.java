package dev.memax.server.llm;

import dev.memax.server.platform.CommaList;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.List;

/**
 * {@code MEMAX_LLM_*} environment variables (application.yml, README "Configuration"). A provider
 * is enabled when its model list is not empty.
 *
 * @param openaiBaseUrl       base of an OpenAI-compatible API ({@code /chat/completions} is appended)
 * @param openaiApiKey        sent as {@code Authorization: Bearer}; blank for servers without auth (Ollama)
 * @param openaiModels        comma-separated models served through it
 * @param anthropicBaseUrl    base of the Anthropic API ({@code /v1/messages} is appended)
 * @param anthropicApiKey     sent as {@code x-api-key}
 * @param anthropicModels     comma-separated models served through it
 * @param defaultModel        the model of requests naming none; blank: the first configured model
 * @param fallback            {@code none} or {@code extractive}: what ask does when the model fails before writing anything (open breaker included)
 * @param connectTimeout      to open the connection
 * @param firstTokenTimeout   from the request to the first piece of text
 * @param idleTimeout         longest silence once text flows
 * @param timeout             longest attempt, start to end
 * @param maxRetries          retries before any text arrived (429, 5xx, 529, connection failures)
 * @param retryBackoff        first retry delay, doubled each time
 * @param retryMaxWait        longest delay between attempts; a longer {@code Retry-After} is not waited for
 * @param breakerFailureRate  percent of failed calls that opens a provider's breaker
 * @param breakerMinimumCalls calls a breaker needs before it judges the failure rate
 * @param breakerOpenDuration how long an open breaker refuses calls before one probe call is let through
 * @param prices              {@code model=input/output,…} in USD per million tokens
 */
@ConfigurationProperties("memax.llm")
public record LlmSettings(
        String openaiBaseUrl,
        @Nullable String openaiApiKey,
        @Nullable String openaiModels,
        String anthropicBaseUrl,
        @Nullable String anthropicApiKey,
        @Nullable String anthropicModels,
        @Nullable String defaultModel,
        String fallback,
        Duration connectTimeout,
        Duration firstTokenTimeout,
        Duration idleTimeout,
        Duration timeout,
        int maxRetries,
        Duration retryBackoff,
        Duration retryMaxWait,
        float breakerFailureRate,
        int breakerMinimumCalls,
        Duration breakerOpenDuration,
        @Nullable String prices) {

    static List<String> commaList(@Nullable String commaSeparated) {
        return CommaList.items(commaSeparated).stream().distinct().toList();
    }

    static String secret(@Nullable String key) {
        return key == null || key.isBlank() ? null : key.trim();
    }
}
