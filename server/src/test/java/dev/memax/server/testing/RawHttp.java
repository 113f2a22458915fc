package dev.memax.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, byte for byte as given: for what {@code java.net.http} refuses to
 * send (a NUL in a header, an over-long request line, {@code Expect: 100-continue} without a
 * body). One request per connection ({@code Connection: close}); a stream
 * ({@code text/event-stream}) is read up to its headers only.
 */
public final class RawHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String host;
    private final int port;
    private final int timeoutMillis;

    public RawHttp(URI base, int timeoutMillis) {
        this.host = base.getHost();
        this.port = base.getPort();
        this.timeoutMillis = timeoutMillis;
    }

    /** {@code target} is sent as is (already percent-encoded); headers as name, value pairs. */
    public Result send(String method, String target, byte[] body, List<String[]> headers) {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host).append(':').append(port).append("\r\n");
        head.append("Connection: close\r\n");
        for (String[] header : headers) {
            head.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            return Result.TIMEOUT;
        } catch (IOException e) {
            // The server may close while we still write (an over-long request it has refused):
            // whatever it answered before closing is the result.
            throw new IllegalStateException(method + " " + abbreviate(target) + ": " + e, e);
        }
    }

    /**
     * Sends only the head of a request announcing {@code contentLength} bytes with
     * {@code Expect: 100-continue}, then reads: the first status line the server sends
     * (a {@code 100 Continue} would be one) and, if final, the response.
     */
    public Result sendExpectContinue(String method, String target, long contentLength, List<String[]> headers) {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host).append(':').append(port).append("\r\n");
        head.append("Connection: close\r\nExpect: 100-continue\r\n");
        head.append("Content-Length: ").append(contentLength).append("\r\n");
        for (String[] header : headers) {
            head.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            return Result.TIMEOUT;
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + target + ": " + e, e);
        }
    }

    private static Result read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            return new Result(-1, List.of(), "", "connection closed without a response");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        List<String[]> headers = new ArrayList<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.add(new String[] {
                line.substring(0, colon).trim(), line.substring(colon + 1).trim()
            });
        }
        Result head = new Result(status, headers, "", statusLine);
        if (status == 100
                || head.header("Content-Type")
                        .map(ct -> ct.startsWith("text/event-stream"))
                        .orElse(false)) {
            return head;
        }
        byte[] body;
        Optional<String> length = head.header("Content-Length");
        if (length.isPresent()) {
            body = in.readNBytes(Integer.parseInt(length.get()));
        } else if (head.header("Transfer-Encoding")
                .map(te -> te.toLowerCase(Locale.ROOT).contains("chunked"))
                .orElse(false)) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (String size = line(in); size != null; size = line(in)) {
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    break;
                }
                chunks.write(in.readNBytes(n));
                line(in);
            }
            body = chunks.toByteArray();
        } else {
            body = in.readAllBytes();
        }
        return new Result(status, headers, new String(body, StandardCharsets.UTF_8), statusLine);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…(" + text.length() + " chars)" : text;
    }

    /** Status -2: no answer within the timeout. */
    public record Result(int status, List<String[]> headers, String body, String statusLine) {
        static final Result TIMEOUT = new Result(-2, List.of(), "", "timeout");

        public Optional<String> header(String name) {
            return headers.stream()
                    .filter(h -> h[0].equalsIgnoreCase(name))
                    .map(h -> h[1])
                    .findFirst();
        }

        public boolean timedOut() {
            return status == -2;
        }

        /** The parsed body, or null when it is not JSON. */
        public JsonNode json() {
            try {
                return body.isEmpty() ? null : JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        /** {@code {"error": {"code": "...", "message": "...", "details"?: {...}}}} and nothing else. */
        public boolean isErrorEnvelope() {
            JsonNode json = json();
            if (json == null
                    || !json.isObject()
                    || json.size() != 1
                    || !json.path("error").isObject()) {
                return false;
            }
            JsonNode error = json.get("error");
            return error.path("code").isTextual()
                    && !error.path("code").asText().isEmpty()
                    && error.path("message").isTextual()
                    && (!error.has("details") || error.get("details").isObject());
        }

        public String errorCode() {
            JsonNode json = json();
            return json == null ? "" : json.path("error").path("code").asText();
        }

        @Override
        public String toString() {
            return statusLine + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }
}
