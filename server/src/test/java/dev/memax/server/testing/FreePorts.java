package dev.memax.server.testing;

import java.io.IOException;
import java.net.ServerSocket;

/** A TCP port nothing listens on right now, for a server a test must name in advance. */
public final class FreePorts {
    private FreePorts() {}

    public static int next() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
