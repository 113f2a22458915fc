package dev.memax.server.job;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

@ConfigurationProperties("memax.jobs")
public record JobSettings(boolean enabled, Duration pollingInterval, int threads) {}
