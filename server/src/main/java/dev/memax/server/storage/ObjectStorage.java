package dev.memax.server.storage;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 bucket behind uploads. Clients are built on first use: the AWS SDK costs about half a
 * second to initialise, which would otherwise sit on the startup path.
 */
@Singleton
public class ObjectStorage {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectStorage.class);
    private final S3Settings settings;
    private volatile S3Client client;
    private volatile S3Presigner presigner;

    public ObjectStorage(S3Settings settings) {
        this.settings = settings;
    }

    public boolean configured() {
        return settings.configured();
    }

    public String bucket() {
        return settings.bucket();
    }

    public synchronized S3Client client() {
        if (client == null) {
            client = S3Client.builder()
                    .endpointOverride(URI.create(settings.endpoint()))
                    .region(Region.of(settings.region()))
                    .credentialsProvider(credentials())
                    .serviceConfiguration(S3Configuration.builder()
                            .pathStyleAccessEnabled(settings.pathStyle())
                            .build())
                    .httpClientBuilder(UrlConnectionHttpClient.builder()
                            .connectionTimeout(Duration.ofSeconds(2))
                            .socketTimeout(Duration.ofSeconds(10)))
                    .overrideConfiguration(ClientOverrideConfiguration.builder()
                            .apiCallTimeout(Duration.ofSeconds(15))
                            .build())
                    .build();
        }
        return client;
    }

    public synchronized S3Presigner presigner() {
        if (presigner == null) {
            presigner = S3Presigner.builder()
                    .endpointOverride(URI.create(settings.endpoint()))
                    .region(Region.of(settings.region()))
                    .credentialsProvider(credentials())
                    .serviceConfiguration(S3Configuration.builder()
                            .pathStyleAccessEnabled(settings.pathStyle())
                            .build())
                    .build();
        }
        return presigner;
    }

    /** Verifies the bucket is reachable (HeadBucket); throws with the reason otherwise. */
    public void checkBucket() {
        client().headBucket(b -> b.bucket(settings.bucket()));
    }

    /** Creates the bucket when it is missing (local S3Proxy, docker-compose). */
    public void ensureBucket() {
        try {
            checkBucket();
        } catch (NoSuchBucketException e) {
            LOG.info("Creating missing bucket {}", settings.bucket());
            client().createBucket(b -> b.bucket(settings.bucket()));
        }
    }

    /** Creates the bucket in the background at startup, off the path to readiness. */
    @EventListener
    void onStartup(StartupEvent event) {
        if (configured()) {
            CompletableFuture.runAsync(() -> {
                try {
                    ensureBucket();
                } catch (RuntimeException e) {
                    LOG.warn("S3 bucket {} is not reachable yet: {}", settings.bucket(), e.getMessage());
                }
            });
        }
    }

    private AwsCredentialsProvider credentials() {
        if (settings.accessKeyId() == null || settings.accessKeyId().isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
        if (presigner != null) {
            presigner.close();
        }
    }
}
