package dev.memax.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event-stream parsing rules of the WHATWG HTML spec, one by one. */
class SseReaderTest {
    private static List<SseFrame> parse(String stream) throws IOException {
        return SseReader.parseAll(stream);
    }

    /** Reads everything, handing the reader one byte per read (every line ending split across reads). */
    private static List<SseFrame> trickle(byte[] stream) throws IOException {
        InputStream oneByteAtATime = new ByteArrayInputStream(stream) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        List<SseFrame> frames = new ArrayList<>();
        try (SseReader reader = new SseReader(oneByteAtATime, null)) {
            for (SseFrame f = reader.next(); f != null; f = reader.next()) {
                frames.add(f);
            }
        }
        return frames;
    }

    @Test
    void theFrameOurServerWrites() throws IOException {
        List<SseFrame> frames = parse("id: 12\nevent: hub.memories.changed\n"
                + "data: {\"id\":\"e1\",\"type\":\"hub.memories.changed\",\"action\":\"created\"}\n\n");
        assertEquals(
                List.of(new SseFrame(
                        "12",
                        "hub.memories.changed",
                        "{\"id\":\"e1\",\"type\":\"hub.memories.changed\",\"action\":\"created\"}",
                        "12")),
                frames);
    }

    @Test
    void crlfCrAndLfLineEndingsAreAllLineEndings() throws IOException {
        String body =
                "event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\revent: c\ndata: 3\n\n" + "event: d\r\ndata: 4\r\r";
        List<SseFrame> expected = List.of(
                new SseFrame(null, "a", "1", ""),
                new SseFrame(null, "b", "2", ""),
                new SseFrame(null, "c", "3", ""),
                new SseFrame(null, "d", "4", ""));
        assertEquals(expected, parse(body));
        assertEquals(expected, trickle(body.getBytes(StandardCharsets.UTF_8)), "CRLF split across two reads");
    }

    @Test
    void aCrlfIsOneLineEndingNotTwo() throws IOException {
        // Were the LF counted as a second (blank) line, "1" would be dispatched before "data: 2".
        assertEquals(
                List.of(new SseFrame(null, "message", "1\n2", "")),
                trickle("data: 1\r\ndata: 2\r\n\r\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void dataLinesAccumulateJoinedByNewlines() throws IOException {
        assertEquals(
                "first\nsecond\n\nfourth",
                parse("data: first\ndata: second\ndata\ndata: fourth\n\n")
                        .get(0)
                        .data());
        assertEquals("", parse("data\n\n").get(0).data(), "a field name alone is a field with an empty value");
        assertEquals("\n", parse("data:\ndata:\n\n").get(0).data());
    }

    @Test
    void onlyOneSpaceAfterTheColonIsRemoved() throws IOException {
        assertEquals(" two spaces", parse("data:  two spaces\n\n").get(0).data());
        assertEquals("none", parse("data:none\n\n").get(0).data());
        assertEquals("a: b:c", parse("data: a: b:c\n\n").get(0).data(), "only the first colon separates");
        assertEquals("\ttab", parse("data:\ttab\n\n").get(0).data(), "only a space, not a tab");
    }

    @Test
    void commentsAreIgnoredEvenInsideABlock() throws IOException {
        assertEquals(
                List.of(new SseFrame("1", "x", "a\nb", "1")),
                parse(": hello\n:\n: another\n\nid: 1\n: inside\nevent: x\ndata: a\n:more\ndata: b\n\n"));
        assertEquals(List.of(), parse(": just a heartbeat\n\n: and another\n\n"));
    }

    @Test
    void theEventTypeDefaultsToMessageAndResetsAfterEachDispatch() throws IOException {
        List<SseFrame> frames = parse("event: first\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\n");
        assertEquals(
                List.of("first", "message", "message"),
                frames.stream().map(SseFrame::event).toList());
    }

    @Test
    void aBlockWithoutDataIsNotDispatched() throws IOException {
        List<SseFrame> frames = parse("event: lonely\n\nevent: x\ndata: 1\n\n\n\n\n");
        assertEquals(1, frames.size());
        assertEquals("x", frames.get(0).event());
    }

    @Test
    void retryIsTakenOnlyWhenAllDigits() throws IOException {
        assertEquals(3000L, retryOf("retry: 3000\n\n"));
        assertEquals(0L, retryOf("retry: 0\n\n"));
        assertNull(retryOf("retry: 3s\n\n"));
        assertNull(retryOf("retry: -1\n\n"));
        assertNull(retryOf("retry: \n\n"));
        assertNull(retryOf("retry:  3000\n\n"), "a second space is part of the value");
        assertNull(retryOf("retry: 99999999999999999999999\n\n"), "absurdly long: ignored");
        assertEquals(1000L, retryOf("retry: 1000\nretry: oops\n\n"), "an invalid value keeps the previous one");
    }

    private static Long retryOf(String stream) throws IOException {
        try (SseReader reader =
                new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), null)) {
            while (reader.next() != null) {
                // drain
            }
            return reader.retry();
        }
    }

    @Test
    void theLastEventIdPersistsAcrossBlocksButEachFrameKnowsItsOwn() throws IOException {
        List<SseFrame> frames = parse("id: 7\ndata: a\n\ndata: b\n\nid\ndata: c\n\n");
        assertEquals(new SseFrame("7", "message", "a", "7"), frames.get(0));
        assertEquals(
                new SseFrame(null, "message", "b", "7"), frames.get(1), "no id of its own; the stream's is still 7");
        assertEquals(new SseFrame("", "message", "c", ""), frames.get(2), "an empty id resets the last event id");
    }

    @Test
    void anIdContainingNullIsIgnored() throws IOException {
        List<SseFrame> frames = parse("id: 5\ndata: a\n\nid: 6\u00007\ndata: b\n\n");
        assertEquals(new SseFrame(null, "message", "b", "5"), frames.get(1));
    }

    @Test
    void anIdOnlyBlockMovesThePositionWithoutAnEvent() throws IOException {
        List<SseFrame> frames = parse("id: 40\n\ndata: x\n\n");
        assertEquals(new SseFrame("40", "message", null, "40"), frames.get(0));
        assertFalse(frames.get(0).dispatched());
        assertTrue(frames.get(1).dispatched());
        assertEquals("40", frames.get(1).lastEventId());
    }

    @Test
    void aLeadingByteOrderMarkIsSkippedOnceAndOnlyAtTheStart() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(bom);
        stream.write("data: 1\n\n".getBytes(StandardCharsets.UTF_8));
        stream.write(bom);
        stream.write("data: 2\n\n".getBytes(StandardCharsets.UTF_8));
        // The second BOM makes the field name "\uFEFFdata", an unknown field: that block has no data.
        List<SseFrame> frames = SseReader.parseAll(stream.toByteArray());
        assertEquals(List.of(new SseFrame(null, "message", "1", "")), frames);
        assertEquals(frames, trickle(stream.toByteArray()), "a BOM split across reads");
    }

    @Test
    void unknownFieldsAreIgnored() throws IOException {
        assertEquals(
                List.of(new SseFrame(null, "message", "x", "")), parse("foo: bar\nDATA: no\ndata: x\nEvent: y\n\n"));
    }

    @Test
    void aBlockCutOffByTheEndOfTheStreamIsDiscarded() throws IOException {
        assertEquals(1, parse("data: complete\n\ndata: cut off\n").size());
        assertEquals(1, parse("data: complete\n\ndata: no newline at all").size());
        assertEquals(1, parse("data: complete\n\nid: 9\n").size());
    }

    @Test
    void multiByteUtf8SplitAcrossReadsDecodesIntact() throws IOException {
        String json = "{\"text\":\"héllo ✓ 𝄞 日本\"}";
        List<SseFrame> frames = trickle(("event: delta\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(json, frames.get(0).data());
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() throws IOException {
        byte[] stream = {'d', 'a', 't', 'a', ':', ' ', (byte) 0xC3, '\n', '\n'};
        assertEquals("\uFFFD", SseReader.parseAll(stream).get(0).data());
    }

    @Test
    void aLineOverTheLimitFailsTheStream() {
        byte[] huge = ("data: " + "x".repeat(5000) + "\n\n").getBytes(StandardCharsets.UTF_8);
        SseReader reader = new SseReader(new ByteArrayInputStream(huge), 1024, null);
        assertThrows(IOException.class, reader::next);
    }

    @Test
    void activityIsReportedForEveryRead() throws IOException {
        int[] reads = {0};
        try (SseReader reader = new SseReader(
                new ByteArrayInputStream(": ping\n\n".getBytes(StandardCharsets.UTF_8)), () -> reads[0]++)) {
            assertNull(reader.next());
        }
        assertTrue(reads[0] > 0, "comments count as activity (they keep a connection alive)");
    }
}
