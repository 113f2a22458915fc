package dev.memax.server.platform;

/**
 * A part of the server that reports its own state in {@code /health/ready} beside the
 * dependencies the readiness service pings itself. It must answer at once, from state it
 * already has (it is asked on every readiness poll).
 */
public interface ReadinessCheck {
    /** The key under {@code checks}. */
    String name();

    DependencyCheck check();
}
