package dev.memax.server.upload;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code memax.uploads}: presigned uploads and the ingestion of files into memories (README
 * "Uploads", docs/architecture.md §5.16).
 *
 * @param urlTtl            how long a presigned PUT stays valid
 * @param downloadTtl       how long a presigned GET of an attachment stays valid
 * @param unreferencedAfter an upload no memory references is deleted after this long
 * @param sweepInterval     how often one instance deletes unreferenced and orphaned objects
 * @param maxTextBytes      most UTF-8 bytes of text one file may yield
 * @param maxAttempts       ingestion attempts before a file's memory is marked failed
 * @param retryDelay        the wait after a first failed attempt; doubled after each one
 * @param lease             an ingestion's lease, extended while it works; expired, it is resumed elsewhere
 * @param resumeInterval    how often one instance queues due retries and ingestions whose lease expired
 */
@ConfigurationProperties("memax.uploads")
public record UploadSettings(
        Duration urlTtl,
        Duration downloadTtl,
        Duration unreferencedAfter,
        Duration sweepInterval,
        long maxTextBytes,
        int maxAttempts,
        Duration retryDelay,
        Duration lease,
        Duration resumeInterval) {}
