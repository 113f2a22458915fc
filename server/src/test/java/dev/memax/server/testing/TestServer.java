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

    /** A user (with its personal hub) and a read-write API key, created through the services. */
    public TestUser createUser(String email) {
        return create(email, false);
    }

    /** An admin (whose credential gets /health/ready's details) and a read-write API key. */
    public TestUser createAdmin(String email) {
        return create(email, true);
    }

    private TestUser create(String email, boolean admin) {
        var created = bean(dev.memax.server.user.UserService.class).create(email, null, null, admin);
        var key = bean(dev.memax.server.auth.ApiKeyService.class)
                .create(
                        created.user().id(),
                        "test",
                        java.util.EnumSet.allOf(dev.memax.server.identity.Scope.class),
                        null,
                        null,
                        null);
        return new TestUser(created.user().id(), email, created.personalHub().id(), key.plaintext());
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
