package dev.memax.server.embedding;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

/**
 * Starts loading an in-process model as soon as the HTTP server listens: startup does not wait
 * for it (nor share the cores with it), and the first request that embeds waits for the rest.
 * Operator commands start no server, so their model loads on first use.
 */
@Singleton
public class EmbeddingStartup {
    private final EmbeddingProvider provider;

    public EmbeddingStartup(EmbeddingProvider provider) {
        this.provider = provider;
    }

    @EventListener
    void onServerStartup(ServerStartupEvent event) {
        provider.startLoading();
    }
}
