package dev.memax.server.dream;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code memax.dreams.*} (application.yml says what each does).
 *
 * @param nightlyHour the UTC hour after which a hub's nightly run is due
 */
@ConfigurationProperties("memax.dreams")
public record DreamSettings(
        Duration cooldown,
        Duration lease,
        Duration resumeInterval,
        Duration scheduleInterval,
        int nightlyHour,
        double mergeMinSimilarity,
        double mergeMinOverlap,
        double mergeMaxChanged) {}
