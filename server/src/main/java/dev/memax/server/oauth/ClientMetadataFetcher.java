package dev.memax.server.oauth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.server.oauth.ClientMetadataException.Reason;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.Closer;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches and checks a Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-document;
 * MCP authorization 2026-07-28, "Client Registration"): a {@code client_id} that is an
 * {@code https://} URL with a path names a JSON document describing the client.
 *
 * <p>The URL is attacker-chosen, so the fetch is guarded against SSRF: Apache HttpClient's connection
 * manager gets the host's addresses only from {@link CheckedAddresses}, which looks the host up once,
 * refuses it if any address is not public (unless {@code allow-private-addresses}) and hands back the
 * addresses it checked; the connection goes to one of those, never through a second lookup that a
 * rebinding DNS server could answer differently. TLS still sends the URL's host as SNI and verifies
 * the certificate against it. ({@link java.net.http.HttpClient} has no resolver hook on JDK 17.)
 * No redirect is followed, no proxy is used, at most {@code max-bytes} of body are read and the
 * whole fetch is bounded by {@code timeout}. The caller caches: {@link ClientMetadataCache}.
 */
@Singleton
public class ClientMetadataFetcher implements AutoCloseable {

    /** The document's fields this server uses. */
    public record ClientMetadata(
            String clientId, String clientName, List<String> redirectUris, String clientUri, String logoUri) {
        public ClientMetadata {
            redirectUris = List.copyOf(redirectUris);
        }
    }

    /**
     * A checked document and how long it may be reused: {@code Cache-Control: max-age} bounded by
     * {@code max-cache-ttl}, {@code default-cache-ttl} without one, zero for {@code no-store}/{@code no-cache}.
     */
    public record Fetched(ClientMetadata metadata, Duration cacheFor) {}

    /** Host name to addresses; the JDK's resolver in production. Package-private so tests can name hosts. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    static final int MAX_URL_LENGTH = 2048;
    /** Response header limits: a line (status or header) and how many header lines. */
    private static final int MAX_HEADER_LINE = 4096;

    private static final int MAX_HEADER_COUNT = 64;
    /** Fetches at once, in all and to one host; more wait for a connection (within the timeout). */
    private static final int MAX_CONNECTIONS = 32;

    private static final int MAX_CONNECTIONS_PER_HOST = 4;
    private static final String USER_AGENT = "Memax (OAuth client metadata fetcher)";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ClientMetadataSettings settings;
    private final Resolver resolver;
    private final CloseableHttpClient http;

    @Inject
    public ClientMetadataFetcher(ClientMetadataSettings settings) {
        this(settings, InetAddress::getAllByName);
    }

    /** With the JDK's default trust (the {@code javax.net.ssl.*} system properties honoured). */
    ClientMetadataFetcher(ClientMetadataSettings settings, Resolver resolver) {
        this(settings, resolver, SSLContexts.createSystemDefault());
    }

    ClientMetadataFetcher(ClientMetadataSettings settings, Resolver resolver, SSLContext tls) {
        this.settings = settings;
        this.resolver = resolver;
        Timeout timeout = Timeout.of(settings.timeout());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedAddresses())
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
                        .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                                .http1Config(Http1Config.custom()
                                        .setMaxLineLength(MAX_HEADER_LINE)
                                        .setMaxHeaderCount(MAX_HEADER_COUNT)
                                        .build())
                                .build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout)
                                .setSocketTimeout(timeout)
                                .build())
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS_PER_HOST)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .build())
                // Every fetch opens its own connection (through the checked lookup) and closes it:
                // nothing stays in the pool between fetches.
                .setConnectionReuseStrategy((request, response, context) -> false)
                .disableRedirectHandling()
                .disableAutomaticRetries() // no second attempt (and no second lookup), no Retry-After waits
                .disableContentCompression() // sends no Accept-Encoding and decodes nothing: see read()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState()
                .setUserAgent(USER_AGENT)
                .build(); // no proxy: system properties are not read
    }

    /** Closes the client and its (idle) connection pool when the application stops. */
    @PreDestroy
    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
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
        Response response = get(url);
        if (response.status != 200) {
            throw new ClientMetadataException(
                    Reason.HTTP_STATUS,
                    "the client metadata document at " + clientId
                            + " answered HTTP " + response.status
                            + (response.status / 100 == 3 ? " (redirects are not followed)" : "") + ", not 200");
        }
        ClientMetadata metadata = parse(clientId, response.body);
        return new Fetched(metadata, cacheFor(response.cacheControl));
    }

    // --- the URL ---------------------------------------------------------------------------------

    private URI checkUrl(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            throw new ClientMetadataException(Reason.BAD_URL, "the client_id is empty");
        }
        if (clientId.length() > MAX_URL_LENGTH) {
            throw new ClientMetadataException(
                    Reason.BAD_URL, "the client_id URL is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI url;
        try {
            url = new URI(clientId);
        } catch (URISyntaxException e) {
            throw new ClientMetadataException(Reason.BAD_URL, "the client_id is not a valid URL: " + e.getReason());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(settings.allowHttp() && scheme.equals("http"))) {
            throw new ClientMetadataException(
                    Reason.NOT_HTTPS,
                    "a client_id URL must use https, not " + (scheme.isEmpty() ? "no scheme" : scheme));
        }
        if (clientId.indexOf('#') >= 0) {
            throw new ClientMetadataException(Reason.BAD_URL, "a client_id URL must not have a fragment (#)");
        }
        if (url.getRawUserInfo() != null) {
            throw new ClientMetadataException(
                    Reason.BAD_URL, "a client_id URL must not contain a user name or password");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new ClientMetadataException(Reason.BAD_URL, "the client_id URL has no valid host");
        }
        String path = url.getRawPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            throw new ClientMetadataException(
                    Reason.BAD_URL,
                    "a client_id URL must have a path naming the document, e.g. https://example.com/client.json");
        }
        for (String segment : path.split("/", -1)) {
            String s = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
            if (s.equals(".") || s.equals("..")) {
                throw new ClientMetadataException(
                        Reason.BAD_URL, "a client_id URL must not contain . or .. path segments");
            }
        }
        return url;
    }

    // --- addresses -------------------------------------------------------------------------------

    /**
     * The connection manager's only source of addresses (HttpClient asks it for IP literals too):
     * one lookup per connection through {@link #resolver}, refused when any address is not public,
     * the checked addresses returned to be connected to. A refusal travels through HttpClient as an
     * {@link UnknownHostException} (the hook's contract) and comes out of {@link #get} as itself.
     */
    private final class CheckedAddresses implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            InetAddress[] resolved;
            try {
                resolved = resolver.resolve(bare);
            } catch (UnknownHostException e) {
                throw new Refused(Reason.UNREACHABLE, "the client metadata host " + bare + " does not resolve");
            }
            if (resolved == null || resolved.length == 0) {
                throw new Refused(Reason.UNREACHABLE, "the client metadata host " + bare + " does not resolve");
            }
            if (!settings.allowPrivateAddresses()) {
                for (InetAddress address : resolved) {
                    if (!isPublic(address)) {
                        throw new Refused(
                                Reason.PRIVATE_ADDRESS,
                                "the client metadata host " + bare
                                        + " resolves to " + address.getHostAddress()
                                        + ", a loopback, private or otherwise non-public address");
                    }
                }
            }
            return Arrays.copyOf(resolved, resolved.length);
        }

        /** Only asked for by SPNEGO/Kerberos authentication, which is not used: no lookup. */
        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }

    /** A host refused by {@link CheckedAddresses}, carried through HttpClient. */
    private static final class Refused extends UnknownHostException {
        private final ClientMetadataException refusal;

        Refused(Reason reason, String message) {
            super(message);
            this.refusal = new ClientMetadataException(reason, message);
        }
    }

    /**
     * False for every address a server should not be made to call: loopback, unspecified,
     * private (RFC 1918, IPv6 unique-local and the old site-local), link-local (cloud metadata
     * at 169.254.169.254 included), carrier-grade NAT, multicast, reserved and benchmark ranges,
     * and IPv6 forms that embed such an IPv4 address (mapped, compatible, NAT64, 6to4).
     */
    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
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
        return !(a0 == 0 // 0.0.0.0/8 "this network"
                || a0 == 10 // 10/8
                || a0 == 127 // 127/8 loopback
                || (a0 == 100 && (a1 & 0xc0) == 64) // 100.64/10 carrier-grade NAT
                || (a0 == 169 && a1 == 254) // 169.254/16 link-local, cloud metadata
                || (a0 == 172 && (a1 & 0xf0) == 16) // 172.16/12
                || (a0 == 192 && a1 == 168) // 192.168/16
                || (a0 == 192 && a1 == 0 && a2 == 0) // 192.0.0/24 IETF protocol assignments
                || (a0 == 198 && (a1 & 0xfe) == 18) // 198.18/15 benchmarking
                || a0 >= 224); // multicast, reserved, broadcast
    }

    // --- HTTP ------------------------------------------------------------------------------------

    private record Response(int status, String cacheControl, byte[] body) {}

    /**
     * One GET, bounded as a whole by {@code timeout}: the client's connect and read timeouts bound
     * each step, and the request is cancelled (its connection closed) when the time is up, so a
     * server dripping bytes cannot stretch the fetch.
     */
    private Response get(URI url) {
        HttpGet request = new HttpGet(url);
        request.setHeader(HttpHeaders.ACCEPT, "application/json");
        AtomicBoolean late = new AtomicBoolean();
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(
                () -> {
                    late.set(true);
                    request.cancel();
                },
                CompletableFuture.delayedExecutor(settings.timeout().toNanos(), TimeUnit.NANOSECONDS, Runnable::run));
        ClassicHttpResponse response = null;
        try {
            response = http.executeOpen(null, request, null);
            return read(response, url);
        } catch (Refused e) {
            throw e.refusal;
        } catch (IOException e) {
            if (late.get() || e instanceof InterruptedIOException) {
                throw new ClientMetadataException(
                        Reason.TIMEOUT,
                        "fetching the client metadata document at " + url + " took longer than "
                                + settings.timeout().toMillis() + " ms",
                        e);
            }
            if (e instanceof MessageConstraintException) {
                throw new ClientMetadataException(
                        Reason.TOO_LARGE,
                        "the client metadata response headers at " + url + " are too large: " + e.getMessage(),
                        e);
            }
            throw new ClientMetadataException(
                    Reason.UNREACHABLE,
                    "could not fetch the client metadata document at " + url + ": " + e.getMessage(),
                    e);
        } finally {
            deadline.cancel(false);
            // Drop the connection before closing the response: closing alone would read an unread
            // (perhaps endless) body to its end; the connection is never reused anyway.
            request.cancel();
            Closer.closeQuietly(response);
        }
    }

    /**
     * Status, {@code Cache-Control} and, for a 200, the body: at most {@code max-bytes}, read as
     * sent. No {@code Accept-Encoding} is sent and nothing is decoded, so the limit counts the
     * bytes parsed (a few kilobytes of JSON gain nothing from compression); a body encoded anyway
     * is refused.
     */
    private Response read(ClassicHttpResponse response, URI url) throws IOException {
        int status = response.getCode();
        String cacheControl = response.containsHeader(HttpHeaders.CACHE_CONTROL)
                ? Arrays.stream(response.getHeaders(HttpHeaders.CACHE_CONTROL))
                        .map(Header::getValue)
                        .collect(Collectors.joining(", "))
                : null;
        if (status != 200) {
            return new Response(status, cacheControl, new byte[0]); // the body is never read
        }
        Header contentEncoding = response.getFirstHeader(HttpHeaders.CONTENT_ENCODING);
        if (contentEncoding != null && !contentEncoding.getValue().trim().equalsIgnoreCase("identity")) {
            throw new ClientMetadataException(
                    Reason.NOT_JSON,
                    "the client metadata document at " + url + " is " + contentEncoding.getValue()
                            + "-encoded, not plain JSON");
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new Response(status, cacheControl, new byte[0]);
        }
        if (entity.getContentLength() > settings.maxBytes()) {
            throw tooLarge(url);
        }
        InputStream in = entity.getContent(); // not closed here: closing would drain it (see get)
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxBytes() + 1L));
        if (body.length > settings.maxBytes()) {
            throw tooLarge(url);
        }
        return new Response(status, cacheControl, body);
    }

    private ClientMetadataException tooLarge(URI url) {
        return new ClientMetadataException(
                Reason.TOO_LARGE,
                "the client metadata document at " + url + " is larger than " + settings.maxBytes() + " bytes");
    }

    // --- the document ----------------------------------------------------------------------------

    private static ClientMetadata parse(String clientId, byte[] body) {
        JsonNode document;
        try {
            document = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ClientMetadataException(
                    Reason.NOT_JSON,
                    "the client metadata document at " + clientId + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ClientMetadataException(
                    Reason.NOT_JSON, "the client metadata document at " + clientId + " is not valid JSON");
        }
        if (document == null || !document.isObject()) {
            throw new ClientMetadataException(
                    Reason.NOT_JSON, "the client metadata document at " + clientId + " is not a JSON object");
        }
        String documentId = requiredText(document, "client_id", clientId);
        if (!documentId.equals(clientId)) {
            throw new ClientMetadataException(
                    Reason.CLIENT_ID_MISMATCH,
                    "the client metadata document's client_id (" + documentId
                            + ") is not exactly the URL it was fetched from (" + clientId + ")");
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
        if (authMethod != null
                && !authMethod.isNull()
                && (!authMethod.isTextual() || authMethod.asText().startsWith("client_secret"))) {
            throw invalid(
                    "token_endpoint_auth_method must not be a shared-secret method (" + authMethod.asText() + ")",
                    clientId);
        }
        return new ClientMetadata(
                documentId,
                clientName,
                redirectUris,
                optionalText(document, "client_uri", clientId),
                optionalText(document, "logo_uri", clientId));
    }

    private static String requiredText(JsonNode document, String field, String clientId) {
        JsonNode value = document.get(field);
        if (value == null
                || value.isNull()
                || (value.isTextual() && value.asText().isBlank())) {
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
        return new ClientMetadataException(
                Reason.MISSING_FIELD, "the client metadata document at " + clientId + " has no " + field);
    }

    private static ClientMetadataException invalid(String problem, String clientId) {
        return new ClientMetadataException(
                Reason.INVALID_FIELD, "the client metadata document at " + clientId + ": " + problem);
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
