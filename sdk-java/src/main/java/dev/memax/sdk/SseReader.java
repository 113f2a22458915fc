package dev.memax.sdk;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code text/event-stream} per the WHATWG HTML spec ("Parsing an event stream", §9.2.6).
 *
 * <ul>
 *   <li>the stream is UTF-8 (invalid bytes become U+FFFD); one leading byte order mark is skipped;</li>
 *   <li>lines end with CRLF, LF or CR, also when a CRLF is split across two reads;</li>
 *   <li>a blank line ends a block; a line starting with {@code :} is a comment; {@code name: value}
 *       drops one space after the colon, a line without a colon is a field with an empty value;</li>
 *   <li>{@code data} lines accumulate (joined with {@code \n}), {@code event} sets the type,
 *       {@code id} sets the last event ID unless it contains U+0000, {@code retry} is taken only
 *       when it is all ASCII digits; unknown fields are ignored;</li>
 *   <li>a block cut off by the end of the stream is discarded.</li>
 * </ul>
 *
 * <p>Our server writes each frame as {@code event: NAME} and one {@code data: JSON} line, but
 * this reader accepts anything the spec does. One reader per connection; not thread-safe,
 * except {@link #close()}.
 */
final class SseReader implements Closeable {
    /** The longest line accepted; a longer one fails the connection instead of exhausting memory. */
    static final int DEFAULT_MAX_LINE = 8 * 1024 * 1024;

    private final InputStream in;
    private final int maxLine;
    private final Runnable onActivity;
    private final byte[] buffer = new byte[8192];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean skipLf;
    private boolean first = true;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String eventType = "";
    private String blockId;
    private String lastEventId = "";
    private Long retry;

    /**
     * @param in         the response body
     * @param onActivity called whenever bytes arrive (heartbeats and comments included), or null
     */
    SseReader(InputStream in, Runnable onActivity) {
        this(in, DEFAULT_MAX_LINE, onActivity);
    }

    SseReader(InputStream in, int maxLine, Runnable onActivity) {
        this.in = in;
        this.maxLine = maxLine;
        this.onActivity = onActivity;
    }

    /** Every frame of a complete stream; for tests. */
    static List<SseFrame> parseAll(String stream) throws IOException {
        return parseAll(stream.getBytes(StandardCharsets.UTF_8));
    }

    /** Every frame of a complete stream; for tests. */
    static List<SseFrame> parseAll(byte[] stream) throws IOException {
        List<SseFrame> frames = new ArrayList<>();
        try (SseReader reader = new SseReader(new ByteArrayInputStream(stream), null)) {
            for (SseFrame frame = reader.next(); frame != null; frame = reader.next()) {
                frames.add(frame);
            }
        }
        return frames;
    }

    /**
     * The next block that carries data or an id, or null at the end of the stream. Blocks
     * holding only comments, {@code retry} or {@code event} fields are consumed silently.
     */
    SseFrame next() throws IOException {
        String text;
        while ((text = readLine()) != null) {
            SseFrame frame = processLine(text);
            if (frame != null) {
                return frame;
            }
        }
        return null;
    }

    /** The last {@code retry:} value in milliseconds, or null when the server sent none. */
    Long retry() {
        return retry;
    }

    /** The stream's last event ID (empty when none was set). */
    String lastEventId() {
        return lastEventId;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Applies one line; returns the frame a blank line completes, if any. */
    SseFrame processLine(String text) {
        if (text.isEmpty()) {
            return dispatch();
        }
        if (text.charAt(0) == ':') {
            return null;
        }
        int colon = text.indexOf(':');
        String field;
        String value;
        if (colon < 0) {
            field = text;
            value = "";
        } else {
            field = text.substring(0, colon);
            int start = colon + 1;
            if (start < text.length() && text.charAt(start) == ' ') {
                start++;
            }
            value = text.substring(start);
        }
        switch (field) {
            case "event" -> eventType = value;
            case "data" -> {
                data.append(value).append('\n');
                hasData = true;
            }
            case "id" -> {
                if (value.indexOf('\u0000') < 0) {
                    blockId = value;
                    lastEventId = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    try {
                        retry = Long.parseLong(value);
                    } catch (NumberFormatException tooLong) {
                        // More digits than a long: ignore it, as a browser would an absurd value.
                    }
                }
            }
            default -> {
                // Unknown fields are ignored.
            }
        }
        return null;
    }

    private SseFrame dispatch() {
        SseFrame frame = null;
        if (hasData) {
            String payload = data.substring(0, data.length() - 1);
            frame = new SseFrame(blockId, eventType.isEmpty() ? "message" : eventType, payload, lastEventId);
        } else if (blockId != null) {
            frame = new SseFrame(blockId, eventType.isEmpty() ? "message" : eventType, null, lastEventId);
        }
        data.setLength(0);
        hasData = false;
        eventType = "";
        blockId = null;
        return frame;
    }

    /** The next line without its terminator, or null at the end of the stream (a last unterminated line is dropped). */
    private String readLine() throws IOException {
        line.reset();
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    // An unterminated last line cannot complete a block: it is discarded with it.
                    return null;
                }
            }
            int start = pos;
            while (pos < limit) {
                byte b = buffer[pos];
                if (b == '\n' || b == '\r') {
                    if (b == '\n' && skipLf && pos == start && line.size() == 0) {
                        // The LF of a CRLF whose CR ended the previous line.
                        skipLf = false;
                        pos++;
                        start = pos;
                        continue;
                    }
                    append(start, pos);
                    skipLf = b == '\r';
                    pos++;
                    return decode();
                }
                skipLf = false;
                pos++;
            }
            append(start, pos);
        }
    }

    private void append(int from, int to) throws IOException {
        if (to > from) {
            if (line.size() + (to - from) > maxLine) {
                throw new IOException("event stream line longer than " + maxLine + " bytes");
            }
            line.write(buffer, from, to - from);
        }
    }

    private String decode() {
        byte[] bytes = line.toByteArray();
        int offset = 0;
        if (first) {
            first = false;
            if (bytes.length >= 3
                    && (bytes[0] & 0xFF) == 0xEF
                    && (bytes[1] & 0xFF) == 0xBB
                    && (bytes[2] & 0xFF) == 0xBF) {
                offset = 3;
            }
        }
        return new String(bytes, offset, bytes.length - offset, StandardCharsets.UTF_8);
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        if (n > 0 && onActivity != null) {
            onActivity.run();
        }
        return true;
    }
}
