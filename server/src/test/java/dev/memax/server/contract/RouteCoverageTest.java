package dev.memax.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.testing.MemaxServerExtension;
import io.micronaut.web.router.Router;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every route the server registers is in openapi.yaml, and every operation there exists. */
class RouteCoverageTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static Set<String> serverOperations() {
        Set<String> operations = new TreeSet<>();
        SERVER.server()
                .bean(Router.class)
                .uriRoutes()
                .filter(route -> !route.getHttpMethodName().equals("HEAD")
                        && !route.getHttpMethodName().equals("OPTIONS"))
                .forEach(route -> {
                    String template = route.getUriMatchTemplate().toPathString().replaceAll("\\{\\?[^}]*}", "");
                    if (!template.startsWith("/v1/test-fixtures")) {
                        operations.add(OpenApiContract.operation(route.getHttpMethodName(), template));
                    }
                });
        return operations;
    }

    @Test
    void everyServerRouteIsInTheContract() {
        Set<String> missing = new TreeSet<>(serverOperations());
        missing.removeAll(OpenApiContract.get().operations());
        assertThat(missing).as("routes missing from openapi.yaml").isEmpty();
    }

    @Test
    void everyContractOperationIsServed() {
        Set<String> unserved = new TreeSet<>(OpenApiContract.get().operations());
        unserved.removeAll(serverOperations());
        assertThat(unserved)
                .as("operations in openapi.yaml the server does not route")
                .isEmpty();
    }
}
