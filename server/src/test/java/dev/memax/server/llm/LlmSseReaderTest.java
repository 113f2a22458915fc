package dev.memax.server.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlmSseReaderTest {

    private static SseReader reader(String... lines) {
        Iterator<String> it = List.of(lines).iterator();
        return new SseReader(() -> it.hasNext() ? it.next() : null);
    }

    @Test
    void readsNamedEventsDataLinesAndSkipsComments() throws IOException {
        SseReader reader = reader(
                ": keep-alive",
                "",
                "event: message_start",
                "data: {\"a\":1}",
                "",
                "data:first",
                "data: second",
                "id: 7",
                "retry: 100",
                "",
                "",
                "event: ping",
                "",
                "data: [DONE]",
                "");

        assertThat(reader.next()).isEqualTo(new SseReader.Event("message_start", "{\"a\":1}"));
        assertThat(reader.next()).isEqualTo(new SseReader.Event("message", "first\nsecond"));
        assertThat(reader.next()).isEqualTo(new SseReader.Event("message", "[DONE]"));
        assertThat(reader.next()).isNull();
    }

    @Test
    void keepsALastEventWithoutItsBlankLine() throws IOException {
        SseReader reader = reader("event: message_stop", "data: {\"type\":\"message_stop\"}");

        assertThat(reader.next()).isEqualTo(new SseReader.Event("message_stop", "{\"type\":\"message_stop\"}"));
        assertThat(reader.next()).isNull();
    }
}
