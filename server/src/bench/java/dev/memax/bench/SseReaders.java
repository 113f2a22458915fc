package dev.memax.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Many SSE streams read with as little work per frame as a client can do: plain non-blocking
 * sockets, a few selector threads, HTTP/1.1 chunked decoding and line splitting by hand. Used by
 * {@link EventsBench} instead of {@code java.net.http}, whose per-frame cost (~46 µs a frame read,
 * more than the server's cost to send it) made the benchmark measure its own clients when both
 * share the machine's cores.
 */
final class SseReaders implements AutoCloseable {
    private final List<Reader> readers = new ArrayList<>();
    private final List<SocketChannel> channels = new ArrayList<>();
    private int next;

    /** @param threads selector threads; each reads its share of the streams */
    SseReaders(int threads) throws IOException {
        for (int i = 0; i < threads; i++) {
            Reader reader = new Reader(Selector.open());
            Thread thread = new Thread(reader, "sse-reader-" + i);
            thread.setDaemon(true);
            thread.start();
            readers.add(reader);
        }
    }

    /**
     * Opens one stream: {@code onLine} gets each line of its body (without the newline), on its
     * reader's thread; {@code onFailure} gets a status other than 200, or the connection's end.
     */
    void open(URI uri, String apiKey, Consumer<String> onLine, Consumer<String> onFailure) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
        channel.write(
                ByteBuffer.wrap(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                                + "\r\nAuthorization: Bearer " + apiKey + "\r\nAccept: text/event-stream\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII)));
        channel.configureBlocking(false);
        channels.add(channel);
        Reader reader = readers.get(next++ % readers.size());
        channel.register(reader.selector.wakeup(), SelectionKey.OP_READ, new Stream(onLine, onFailure));
    }

    @Override
    public void close() throws IOException {
        for (Reader reader : readers) {
            reader.selector.close();
        }
        for (SocketChannel channel : channels) {
            channel.close();
        }
    }

    private static final class Reader implements Runnable {
        private final Selector selector;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);

        Reader(Selector selector) {
            this.selector = selector;
        }

        @Override
        public void run() {
            try {
                while (selector.isOpen()) {
                    selector.select(key -> read(key));
                }
            } catch (java.nio.channels.ClosedSelectorException ignored) {
                // close()
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void read(SelectionKey key) {
            Stream stream = (Stream) key.attachment();
            try {
                int read;
                while ((read = ((SocketChannel) key.channel()).read(buffer.clear())) > 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        stream.accept(buffer.get());
                    }
                }
                if (read < 0) {
                    key.cancel();
                    stream.onFailure.accept("connection closed");
                }
            } catch (IOException e) {
                key.cancel();
                stream.onFailure.accept(e.toString());
            }
        }
    }

    /** One response: status line and headers, then chunk sizes and chunk data, whose lines are SSE lines. */
    private static final class Stream {
        private enum State {
            HEADERS,
            CHUNK_SIZE,
            CHUNK_DATA,
            CHUNK_END
        }

        private final Consumer<String> onLine;
        private final Consumer<String> onFailure;
        private final StringBuilder line = new StringBuilder(512);
        private State state = State.HEADERS;
        private boolean statusRead;
        private int chunkLeft;

        Stream(Consumer<String> onLine, Consumer<String> onFailure) {
            this.onLine = onLine;
            this.onFailure = onFailure;
        }

        void accept(byte b) {
            switch (state) {
                case CHUNK_DATA -> {
                    if (--chunkLeft == 0) {
                        state = State.CHUNK_END;
                    }
                    if (b == '\n') {
                        onLine.accept(line.toString());
                        line.setLength(0);
                    } else {
                        line.append((char) b);
                    }
                }
                case CHUNK_END -> {
                    // The CRLF after a chunk's data.
                    if (b == '\n') {
                        state = State.CHUNK_SIZE;
                    }
                }
                default -> {
                    if (b != '\n') {
                        if (b != '\r') {
                            line.append((char) b);
                        }
                        return;
                    }
                    String header = line.toString();
                    line.setLength(0);
                    if (state == State.HEADERS) {
                        header(header);
                    } else {
                        int size = Integer.parseInt(header.split(";", 2)[0].trim(), 16);
                        if (size > 0) {
                            chunkLeft = size;
                            state = State.CHUNK_DATA;
                        }
                    }
                }
            }
        }

        private void header(String header) {
            if (!statusRead) {
                statusRead = true;
                if (!header.startsWith("HTTP/1.1 200")) {
                    onFailure.accept(header);
                }
            } else if (header.isEmpty()) {
                state = State.CHUNK_SIZE;
            }
        }
    }
}
