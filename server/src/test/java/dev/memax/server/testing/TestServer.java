package dev.memax.server.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** One real server instance on a random port, wired to the given services. */
public final class TestServer implements AutoCloseable {
    private final EmbeddedServer server;

    private TestServer(EmbeddedServer server) {
        this.server = server;
    }

    public static TestServer start(Map<String, Object> properties) {
        return new TestServer(ApplicationContext.run(EmbeddedServer.class, new HashMap<>(properties), "test"));
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public <T> T bean(Class<T> type) {
        return server.getApplicationContext().getBean(type);
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
