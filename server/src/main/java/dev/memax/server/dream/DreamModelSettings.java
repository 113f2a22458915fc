package dev.memax.server.dream;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code memax.dreams.model.*} (application.yml, README "Dreams"): how the contradiction, organize
 * and synthesize phases use the language model ask uses ({@code MEMAX_LLM_*}).
 *
 * @param name          the model to ask; blank: {@code MEMAX_LLM_DEFAULT_MODEL}
 * @param callsPerRun   most model calls one run makes, all phases together; 0 turns the model off
 * @param maxInputChars most characters of memory text sent in one call
 */
@ConfigurationProperties("memax.dreams.model")
public record DreamModelSettings(@Nullable String name, int callsPerRun, int maxInputChars) {}
