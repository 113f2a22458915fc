package dev.memax.server.testing;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/** A redis-server child process that a test may stop and start again on the same port. */
public final class RedisProcess implements AutoCloseable {
    private final int port;
    private Process process;

    public RedisProcess() {
        this.port = FreePorts.next();
        start();
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public synchronized void start() {
        try {
            process = new ProcessBuilder(
                            "redis-server",
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server not found: run infra/dev/provision.sh", e);
        }
        awaitListening(true);
    }

    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        awaitListening(false);
    }

    private void awaitListening(boolean listening) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                if (listening) {
                    return;
                }
            } catch (IOException e) {
                if (!listening) {
                    return;
                }
            }
            sleep();
        }
        throw new IllegalStateException("redis-server on port " + port + " did not " + (listening ? "start" : "stop"));
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
