package dev.memax.server.storage;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code S3_*} environment variables; S3 is optional until uploads are used. */
@ConfigurationProperties("memax.s3")
public record S3Settings(
        String endpoint, String region, String bucket, String accessKeyId, String secretAccessKey, boolean pathStyle) {

    public boolean configured() {
        return endpoint != null && !endpoint.isBlank();
    }
}
