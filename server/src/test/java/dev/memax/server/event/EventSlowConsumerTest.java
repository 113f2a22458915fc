package dev.memax.server.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.hub.HubApi;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that stops reading, over real HTTP: the server's window and buffer fill, the stream is
 * cut off, and resuming from the last event the client got loses nothing.
 */
class EventSlowConsumerTest {
    private static final int EVENTS = 20_000;
    private static final Pattern ID = Pattern.compile("\nid: (\\d+)\n");

    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private final HubApi hubs = new HubApi(SERVER);

    @Test
    void aClientThatStopsReadingIsCutOffAndResumesWithoutLoss() throws Exception {
        TestUser ada = hubs.user("ada");
        try (Socket socket = new Socket()) {
            // A small receive window, so the server's side fills instead of this socket's buffer.
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(
                    SERVER.server().uri().getHost(), SERVER.server().uri().getPort()));
            socket.getOutputStream()
                    .write(("GET /v1/events/stream HTTP/1.1\r\nHost: memax\r\nAccept: text/event-stream\r\n"
                                    + "Authorization: " + ada.bearer() + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            socket.setSoTimeout(10_000);
            while (!received.toString(StandardCharsets.UTF_8).contains("event: ready")) {
                received.write(in.read());
            }

            // Stop reading while many events for ada are published.
            SERVER.database()
                    .execute("INSERT INTO events (type, user_id) SELECT 'key.changed', '" + ada.id()
                            + "' FROM generate_series(1, " + EVENTS + ")");
            EventStreamTest.awaitPublished(SERVER, Duration.ofSeconds(60));
            // The stream ends: cut off once its buffer is full and it cannot take even its last frame.
            EventStreamTest.awaitOpenStreams(SERVER, 0, Duration.ofSeconds(40));

            // What the connection still held, up to where the server cut it off.
            socket.setSoTimeout(2_000);
            byte[] buffer = new byte[65536];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException ended) {
                // Closed by the server (reset) or nothing more: either way what arrived is in `received`.
            }
            List<Long> ids = new ArrayList<>();
            Matcher id = ID.matcher(received.toString(StandardCharsets.UTF_8));
            while (id.find()) {
                ids.add(Long.parseLong(id.group(1)));
            }
            // The positions the relay gave the burst (no entity, unlike the key created with ada), in order.
            List<Long> published = new ArrayList<>();
            for (String seq : SERVER.database()
                    .queryString("SELECT string_agg(seq::text, ',' ORDER BY seq) FROM events " + "WHERE user_id = '"
                            + ada.id() + "' AND type = 'key.changed' AND entity_id IS NULL")
                    .split(",")) {
                published.add(Long.parseLong(seq));
            }
            assertThat(published).hasSize(EVENTS);
            assertThat(ids).isNotEmpty().hasSizeLessThan(EVENTS);
            assertThat(ids).as("in order, none skipped").isEqualTo(published.subList(0, ids.size()));

            // Resuming from the last event received brings the rest, each once, in order.
            long last = ids.get(ids.size() - 1);
            try (SseClient resumed = SseClient.open(
                    SERVER.server().uri(),
                    "/v1/events/stream",
                    "Authorization",
                    ada.bearer(),
                    "Last-Event-ID",
                    Long.toString(last))) {
                assertThat(resumed.next().event()).isEqualTo("ready");
                for (long expected : published.subList(ids.size(), EVENTS)) {
                    assertThat(resumed.next().seq()).isEqualTo(expected);
                }
            }
        }
    }
}
