package dev.memax.server.dream;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code memax.dreams.*} (application.yml says what each does).
 *
 * @param nightlyHour the hour of a hub's local day (its {@code time_zone}) after which its nightly run is due
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
