package dev.memax.server;

import io.micronaut.runtime.Micronaut;

/** Entry point of the Memax API server. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(Application.class)
                .banner(false)
                .start();
    }
}
