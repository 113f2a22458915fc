package dev.memax.server.oauth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.server.oauth.ClientMetadataException.Reason;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fetches and checks a Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-document;
 * MCP authorization 2026-07-28, "Client Registration"): a {@code client_id} that is an
 * {@code https://} URL with a path names a JSON document describing the client.
 *
 * <p>The URL is attacker-chosen, so the fetch is guarded against SSRF: the host is resolved once,
 * every address it resolves to must be public (unless {@code allow-private-addresses}), and the
 * connection goes to one of those checked addresses, never through a second lookup that a
 * rebinding DNS server could answer differently. TLS still verifies the certificate against the
 * URL's host name (and sends it as SNI). No redirect is followed, at most {@code max-bytes} of body
 * are read and the whole fetch is bounded by {@code timeout}.
 *
 * <p>{@link java.net.http.HttpClient} cannot connect to a pre-resolved address on JDK 17 (no resolver
 * hook; putting the IP in the URL breaks SNI and certificate checks, and {@code Host} is a
 * restricted header), so this sends one HTTP/1.0 GET over a socket of its own: HTTP/1.0 answers
 * have no chunked encoding, so the body is simply the bytes up to {@code Content-Length} or the
 * connection's end. The caller caches: {@link ClientMetadataCache}.
 */
@Singleton
public class ClientMetadataFetcher {

    /** The document's fields this server uses. */
    public record ClientMetadata(String clientId, String clientName, List<String> redirectUris, String clientUri,
                                 String logoUri) {
        public ClientMetadata {
            redirectUris = List.copyOf(redirectUris);
        }
    }

    /**
     * A checked document and how long it may be reused: {@code Cache-Control: max-age} bounded by
     * {@code max-cache-ttl}, {@code default-cache-ttl} without one, zero for {@code no-store}/{@code no-cache}.
     */
    public record Fetched(ClientMetadata metadata, Duration cacheFor) {
    }

    /** Host name to addresses; the JDK's resolver in production. Package-private so tests can name hosts. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    static final int MAX_URL_LENGTH = 2048;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final String USER_AGENT = "Memax (OAuth client metadata fetcher)";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ClientMetadataSettings settings;
    private final Resolver resolver;
    private final SSLSocketFactory tls;

    @Inject
    public ClientMetadataFetcher(ClientMetadataSettings settings) {
        this(settings, InetAddress::getAllByName, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    ClientMetadataFetcher(ClientMetadataSettings settings, Resolver resolver, SSLSocketFactory tls) {
        this.settings = settings;
        this.resolver = resolver;
        this.tls = tls;
    }

    /**
     * Whether {@code clientId} is meant as a metadata document URL (it starts with {@code https://},
     * or {@code http://} where allowed); such an id is then fetched, and refused if unusable,
     * never looked up as a registered client.
     */
    public boolean isDocumentUrl(String clientId) {
        if (clientId == null) {
            return false;
        }
        String lower = clientId.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || (settings.allowHttp() && lower.startsWith("http://"));
    }

    /** Fetches and checks the document {@code clientId} names; throws {@link ClientMetadataException} when unusable. */
    public Fetched fetch(String clientId) {
        URI url = checkUrl(clientId);
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        String host = url.getHost();
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses = resolve(bareHost);
        Response response = get(url, bareHost, addresses, deadline);
        if (response.status != 200) {
            throw new ClientMetadataException(Reason.HTTP_STATUS, "the client metadata document at " + clientId
                    + " answered HTTP " + response.status
                    + (response.status / 100 == 3 ? " (redirects are not followed)" : "") + ", not 200");
        }
        ClientMetadata metadata = parse(clientId, response.body);
        return new Fetched(metadata, cacheFor(response.headers.get("cache-control")));
    }

    // --- the URL ---------------------------------------------------------------------------------

    private URI checkUrl(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            throw new ClientMetadataException(Reason.BAD_URL, "the client_id is empty");
        }
        if (clientId.length() > MAX_URL_LENGTH) {
            throw new ClientMetadataException(Reason.BAD_URL,
                    "the client_id URL is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI url;
        try {
            url = new URI(clientId);
        } catch (URISyntaxException e) {
            throw new ClientMetadataException(Reason.BAD_URL, "the client_id is not a valid URL: " + e.getReason());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(settings.allowHttp() && scheme.equals("http"))) {
            throw new ClientMetadataException(Reason.NOT_HTTPS,
                    "a client_id URL must use https, not " + (scheme.isEmpty() ? "no scheme" : scheme));
        }
        if (clientId.indexOf('#') >= 0) {
            throw new ClientMetadataException(Reason.BAD_URL, "a client_id URL must not have a fragment (#)");
        }
        if (url.getRawUserInfo() != null) {
            throw new ClientMetadataException(Reason.BAD_URL, "a client_id URL must not contain a user name or password");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new ClientMetadataException(Reason.BAD_URL, "the client_id URL has no valid host");
        }
        String path = url.getRawPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            throw new ClientMetadataException(Reason.BAD_URL,
                    "a client_id URL must have a path naming the document, e.g. https://example.com/client.json");
        }
        for (String segment : path.split("/", -1)) {
            String s = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
            if (s.equals(".") || s.equals("..")) {
                throw new ClientMetadataException(Reason.BAD_URL, "a client_id URL must not contain . or .. path segments");
            }
        }
        return url;
    }

    // --- addresses -------------------------------------------------------------------------------

    private List<InetAddress> resolve(String host) {
        InetAddress[] resolved;
        try {
            resolved = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new ClientMetadataException(Reason.UNREACHABLE, "the client metadata host " + host + " does not resolve");
        }
        if (resolved == null || resolved.length == 0) {
            throw new ClientMetadataException(Reason.UNREACHABLE, "the client metadata host " + host + " does not resolve");
        }
        if (!settings.allowPrivateAddresses()) {
            for (InetAddress address : resolved) {
                if (!isPublic(address)) {
                    throw new ClientMetadataException(Reason.PRIVATE_ADDRESS, "the client metadata host " + host
                            + " resolves to " + address.getHostAddress()
                            + ", a loopback, private or otherwise non-public address");
                }
            }
        }
        return Arrays.asList(resolved);
    }

    /**
     * False for every address a server should not be made to call: loopback, unspecified,
     * private (RFC 1918, IPv6 unique-local and the old site-local), link-local (cloud metadata
     * at 169.254.169.254 included), carrier-grade NAT, multicast, reserved and benchmark ranges,
     * and IPv6 forms that embed such an IPv4 address (mapped, compatible, NAT64, 6to4).
     */
    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b, 0);
        }
        if (!(address instanceof Inet6Address) || b.length != 16) {
            return false;
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return false; // fc00::/7 unique local
        }
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        if (firstTenZero && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
            return isPublicV4(b, 12); // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible)
        }
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
            return isPublicV4(b, 12); // 64:ff9b::/96 NAT64
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return isPublicV4(b, 2); // 2002::/16 6to4
        }
        return true;
    }

    private static boolean isPublicV4(byte[] b, int at) {
        int a0 = b[at] & 0xff;
        int a1 = b[at + 1] & 0xff;
        int a2 = b[at + 2] & 0xff;
        return !(a0 == 0                                  // 0.0.0.0/8 "this network"
                || a0 == 10                               // 10/8
                || a0 == 127                              // 127/8 loopback
                || (a0 == 100 && (a1 & 0xc0) == 64)       // 100.64/10 carrier-grade NAT
                || (a0 == 169 && a1 == 254)               // 169.254/16 link-local, cloud metadata
                || (a0 == 172 && (a1 & 0xf0) == 16)       // 172.16/12
                || (a0 == 192 && a1 == 168)               // 192.168/16
                || (a0 == 192 && a1 == 0 && a2 == 0)      // 192.0.0/24 IETF protocol assignments
                || (a0 == 198 && (a1 & 0xfe) == 18)       // 198.18/15 benchmarking
                || a0 >= 224);                            // multicast, reserved, broadcast
    }

    // --- HTTP ------------------------------------------------------------------------------------

    private record Response(int status, Map<String, String> headers, byte[] body) {
    }

    private Response get(URI url, String host, List<InetAddress> addresses, long deadline) {
        boolean https = url.getScheme().equalsIgnoreCase("https");
        int port = url.getPort() == -1 ? (https ? 443 : 80) : url.getPort();
        Socket socket = connect(addresses, port, host, deadline);
        try (Socket s = socket) {
            Socket channel = s;
            if (https) {
                SSLSocket ssl = (SSLSocket) tls.createSocket(s, host, port, true);
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // certificate must match the URL's host
                ssl.setSSLParameters(parameters);
                ssl.setSoTimeout(remainingMillis(deadline));
                ssl.startHandshake();
                channel = ssl;
            }
            String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            String hostHeader = url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
            String request = "GET " + target + " HTTP/1.0\r\n"
                    + "Host: " + hostHeader + "\r\n"
                    + "Accept: application/json\r\n"
                    + "User-Agent: " + USER_AGENT + "\r\n"
                    + "Connection: close\r\n\r\n";
            OutputStream out = channel.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readResponse(channel, deadline, url.toString());
        } catch (ClientMetadataException e) {
            throw e;
        } catch (SocketTimeoutException e) {
            throw timedOut(url.toString());
        } catch (IOException e) {
            throw new ClientMetadataException(Reason.UNREACHABLE, "could not fetch the client metadata document at "
                    + url + ": " + e.getMessage(), e);
        }
    }

    private Socket connect(List<InetAddress> addresses, int port, String host, long deadline) {
        IOException last = null;
        for (InetAddress address : addresses) {
            int remaining = remainingMillis(deadline);
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), remaining);
                socket.setSoTimeout(remainingMillis(deadline));
                return socket;
            } catch (SocketTimeoutException e) {
                closeQuietly(socket);
                throw timedOut(host);
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
            }
        }
        throw new ClientMetadataException(Reason.UNREACHABLE, "could not connect to the client metadata host " + host
                + (last == null ? "" : ": " + last.getMessage()), last);
    }

    private Response readResponse(Socket channel, long deadline, String url) throws IOException {
        InputStream in = new BufferedInputStream(channel.getInputStream());
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        // Status line and headers, byte by byte up to the blank line (they are small and bounded).
        int matched = 0;
        while (matched < 4) {
            channel.setSoTimeout(remainingMillis(deadline));
            int c = in.read();
            if (c < 0) {
                throw new ClientMetadataException(Reason.UNREACHABLE,
                        "the client metadata host closed the connection before answering (" + url + ")");
            }
            head.write(c);
            if (head.size() > MAX_HEADER_BYTES) {
                throw new ClientMetadataException(Reason.TOO_LARGE,
                        "the client metadata response headers exceed " + MAX_HEADER_BYTES + " bytes (" + url + ")");
            }
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status;
        try {
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
                throw new NumberFormatException();
            }
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new ClientMetadataException(Reason.UNREACHABLE,
                    "the client metadata host did not answer in HTTP/1.x (" + url + ")");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim();
                headers.merge(name, value, (a, b) -> a + ", " + b);
            }
        }
        if (status != 200) {
            return new Response(status, headers, new byte[0]); // the body is never read
        }
        String transferEncoding = headers.get("transfer-encoding");
        if (transferEncoding != null && !transferEncoding.equalsIgnoreCase("identity")) {
            throw new ClientMetadataException(Reason.NOT_JSON, "the client metadata response uses Transfer-Encoding "
                    + transferEncoding + " in answer to an HTTP/1.0 request (" + url + ")");
        }
        String contentEncoding = headers.get("content-encoding");
        if (contentEncoding != null && !contentEncoding.equalsIgnoreCase("identity")) {
            throw new ClientMetadataException(Reason.NOT_JSON,
                    "the client metadata document is " + contentEncoding + "-encoded, not plain JSON (" + url + ")");
        }
        long contentLength = -1;
        if (headers.containsKey("content-length")) {
            try {
                contentLength = Long.parseLong(headers.get("content-length"));
            } catch (NumberFormatException e) {
                throw new ClientMetadataException(Reason.UNREACHABLE,
                        "the client metadata response has an invalid Content-Length (" + url + ")");
            }
            if (contentLength > settings.maxBytes()) {
                throw tooLarge(url);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        while (contentLength < 0 || body.size() < contentLength) {
            channel.setSoTimeout(remainingMillis(deadline));
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, settings.maxBytes() + 1L - body.size()));
            if (n < 0) {
                break;
            }
            body.write(buffer, 0, n);
            if (body.size() > settings.maxBytes()) {
                throw tooLarge(url);
            }
        }
        if (contentLength >= 0 && body.size() < contentLength) {
            throw new ClientMetadataException(Reason.UNREACHABLE,
                    "the client metadata response ended before its Content-Length (" + url + ")");
        }
        return new Response(status, headers, body.toByteArray());
    }

    /** Milliseconds left before the deadline (at least 1: 0 would mean "no timeout" to a socket). */
    private static int remainingMillis(long deadline) {
        long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        if (left <= 0) {
            throw new ClientMetadataException(Reason.TIMEOUT, "fetching the client metadata document timed out");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private ClientMetadataException timedOut(String what) {
        return new ClientMetadataException(Reason.TIMEOUT, "fetching the client metadata document (" + what
                + ") took longer than " + settings.timeout().toMillis() + " ms");
    }

    private ClientMetadataException tooLarge(String url) {
        return new ClientMetadataException(Reason.TOO_LARGE,
                "the client metadata document at " + url + " is larger than " + settings.maxBytes() + " bytes");
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do: the connection failed anyway
        }
    }

    // --- the document ----------------------------------------------------------------------------

    private static ClientMetadata parse(String clientId, byte[] body) {
        JsonNode document;
        try {
            document = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ClientMetadataException(Reason.NOT_JSON, "the client metadata document at " + clientId
                    + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ClientMetadataException(Reason.NOT_JSON,
                    "the client metadata document at " + clientId + " is not valid JSON");
        }
        if (document == null || !document.isObject()) {
            throw new ClientMetadataException(Reason.NOT_JSON,
                    "the client metadata document at " + clientId + " is not a JSON object");
        }
        String documentId = requiredText(document, "client_id", clientId);
        if (!documentId.equals(clientId)) {
            throw new ClientMetadataException(Reason.CLIENT_ID_MISMATCH, "the client metadata document's client_id ("
                    + documentId + ") is not exactly the URL it was fetched from (" + clientId + ")");
        }
        String clientName = requiredText(document, "client_name", clientId);
        JsonNode uris = document.get("redirect_uris");
        if (uris == null || uris.isNull() || (uris.isArray() && uris.isEmpty())) {
            throw missing("redirect_uris", clientId);
        }
        if (!uris.isArray()) {
            throw invalid("redirect_uris must be an array of strings", clientId);
        }
        List<String> redirectUris = new ArrayList<>();
        for (JsonNode uri : uris) {
            if (!uri.isTextual() || uri.asText().isBlank()) {
                throw invalid("redirect_uris must be an array of non-empty strings", clientId);
            }
            redirectUris.add(uri.asText());
        }
        // The draft forbids shared secrets: anyone can read the document.
        if (document.has("client_secret") || document.has("client_secret_expires_at")) {
            throw invalid("a client metadata document must not contain client_secret", clientId);
        }
        JsonNode authMethod = document.get("token_endpoint_auth_method");
        if (authMethod != null && !authMethod.isNull()
                && (!authMethod.isTextual() || authMethod.asText().startsWith("client_secret"))) {
            throw invalid("token_endpoint_auth_method must not be a shared-secret method ("
                    + authMethod.asText() + ")", clientId);
        }
        return new ClientMetadata(documentId, clientName, redirectUris, optionalText(document, "client_uri", clientId),
                optionalText(document, "logo_uri", clientId));
    }

    private static String requiredText(JsonNode document, String field, String clientId) {
        JsonNode value = document.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            throw missing(field, clientId);
        }
        if (!value.isTextual()) {
            throw invalid(field + " must be a string", clientId);
        }
        return value.asText();
    }

    private static String optionalText(JsonNode document, String field, String clientId) {
        JsonNode value = document.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field + " must be a string", clientId);
        }
        return value.asText();
    }

    private static ClientMetadataException missing(String field, String clientId) {
        return new ClientMetadataException(Reason.MISSING_FIELD,
                "the client metadata document at " + clientId + " has no " + field);
    }

    private static ClientMetadataException invalid(String problem, String clientId) {
        return new ClientMetadataException(Reason.INVALID_FIELD,
                "the client metadata document at " + clientId + ": " + problem);
    }

    // --- caching ---------------------------------------------------------------------------------

    /** How long a document may be reused, from its {@code Cache-Control} (several headers already joined by ", "). */
    Duration cacheFor(String cacheControl) {
        Duration ttl = settings.defaultCacheTtl();
        if (cacheControl != null) {
            for (String directive : cacheControl.split(",")) {
                String d = directive.trim().toLowerCase(Locale.ROOT);
                if (d.equals("no-store") || d.equals("no-cache")) {
                    return Duration.ZERO;
                }
                if (d.startsWith("max-age=")) {
                    String seconds = d.substring("max-age=".length()).replace("\"", "");
                    try {
                        ttl = Duration.ofSeconds(Math.max(0, Long.parseLong(seconds)));
                    } catch (NumberFormatException e) {
                        // digits too many for a long: "for ever", capped below; anything else counts as no max-age
                        ttl = seconds.matches("[0-9]+") ? settings.maxCacheTtl() : ttl;
                    }
                }
            }
        }
        return ttl.compareTo(settings.maxCacheTtl()) > 0 ? settings.maxCacheTtl() : ttl;
    }
}
