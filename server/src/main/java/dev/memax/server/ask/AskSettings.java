package dev.memax.server.ask;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Knobs of {@code POST /v1/ask} ({@code memax.ask.*}).
 *
 * @param defaultLimit       memories recalled for an answer when the request names no {@code limit}
 * @param contextTokens      most tokens of memory text put before the model (the best sources first;
 *                           one that does not fit whole is cut, the rest left out)
 * @param maxAnswerTokens    most tokens a model may write
 * @param temperature        the model's temperature: low, so answers stick to the memories
 * @param extractiveTokens   most tokens of an extractive answer
 * @param planModels         which models each plan may ask for: {@code plan=model,model;plan=model}; a plan
 *                           not named may use every configured model ({@code MEMAX_ASK_PLAN_MODELS})
 */
@ConfigurationProperties("memax.ask")
public record AskSettings(
        @Bindable(defaultValue = "8") int defaultLimit,
        @Bindable(defaultValue = "3000") int contextTokens,
        @Bindable(defaultValue = "800") int maxAnswerTokens,
        @Bindable(defaultValue = "0.2") double temperature,
        @Bindable(defaultValue = "120") int extractiveTokens,
        @Bindable(defaultValue = "") String planModels) {}
