package dev.memax.server;

import dev.memax.server.auth.AdminCommands;
import io.micronaut.runtime.Micronaut;
import java.util.Map;

/**
 * Entry point: the Memax API server, or an operator command when the first argument names one
 * ({@code create-key}, {@code rotate-signing-key}, {@code help}; see {@link AdminCommands}).
 */
public final class Application {
    private Application() {}

    public static void main(String[] args) {
        if (AdminCommands.handles(args)) {
            AdminCommands.logToStderr();
            System.exit(AdminCommands.run(args, Map.of(), System.out, System.err));
        }
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
