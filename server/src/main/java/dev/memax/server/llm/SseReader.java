package dev.memax.server.llm;

import java.io.IOException;

/**
 * Server-sent events from a stream of lines (the WHATWG "event stream" format): {@code event:}
 * and {@code data:} fields (several data lines joined by newlines), {@code :} comments skipped,
 * a blank line ends an event. Both LLM wire protocols are read with it.
 */
final class SseReader {
    private final Lines lines;

    /** The event's name ({@code message} when the stream gave none) and its data. */
    record Event(String name, String data) {}

    @FunctionalInterface
    interface Lines {
        /** The next line without its line end; null at the end of the stream. */
        String next() throws IOException;
    }

    SseReader(Lines lines) {
        this.lines = lines;
    }

    /** The next event; null at the end of the stream. A last event without its blank line still counts. */
    Event next() throws IOException {
        String name = null;
        StringBuilder data = null;
        for (String line = lines.next(); line != null; line = lines.next()) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(name == null ? "message" : name, data.toString());
                }
                name = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(line.startsWith(" ", colon + 1) ? colon + 2 : colon + 1);
            if (field.equals("event")) {
                name = value;
            } else if (field.equals("data")) {
                data = data == null
                        ? new StringBuilder(value)
                        : data.append('\n').append(value);
            }
        }
        return data == null ? null : new Event(name == null ? "message" : name, data.toString());
    }
}
