package dev.memax.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.benmanes.caffeine.cache.Ticker;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.memax.server.oauth.ClientMetadataException.Reason;
import dev.memax.server.oauth.ClientMetadataFetcher.ClientMetadata;
import dev.memax.server.oauth.ClientMetadataFetcher.Fetched;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Client ID Metadata Document fetcher against documents served by a local HTTP(S) server:
 * the network is this unit's boundary. Hosts other than 127.0.0.1/localhost are named through the
 * fetcher's resolver (they exist nowhere else), which also shows the connection goes to the
 * address that was checked, with no second lookup.
 */
class ClientMetadataFetcherTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofHours(24);

    private static HttpServer server;
    private static ExecutorService executor;
    private static String base;
    /** Path to the answer served there. */
    private static final Map<String, Answer> answers = new ConcurrentHashMap<>();

    private static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private static final Map<String, String> hostHeaders = new ConcurrentHashMap<>();
    private static final Map<String, String> acceptEncodings = new ConcurrentHashMap<>();
    private static final CountDownLatch never = new CountDownLatch(1);

    /** application.yml's values: https only, public addresses only (ClientMetadataSettingsTest checks they bind). */
    private static final ClientMetadataSettings PRODUCTION =
            new ClientMetadataSettings(false, 5120, Duration.ofSeconds(5), HOUR, DAY, false);
    /** Development settings: plain HTTP to 127.0.0.1 allowed. */
    private final ClientMetadataFetcher dev =
            new ClientMetadataFetcher(new ClientMetadataSettings(true, 5120, Duration.ofSeconds(5), HOUR, DAY, true));
    /** Production address rules, but plain HTTP allowed so the local server could be reached if they failed. */
    private final ClientMetadataFetcher strictHttp =
            new ClientMetadataFetcher(new ClientMetadataSettings(false, 5120, Duration.ofSeconds(5), HOUR, DAY, true));
    /** Production defaults. */
    private final ClientMetadataFetcher production = new ClientMetadataFetcher(PRODUCTION);

    record Answer(int status, Map<String, String> headers, byte[] body, boolean declareLength, boolean hang) {
        static Answer json(String body, Map<String, String> headers) {
            return new Answer(200, headers, body.getBytes(StandardCharsets.UTF_8), true, false);
        }
    }

    @BeforeAll
    static void start() throws IOException {
        executor = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ClientMetadataFetcherTest::serve);
        server.setExecutor(executor);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        never.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    @BeforeEach
    void reset() {
        answers.clear();
        hits.clear();
        hostHeaders.clear();
        acceptEncodings.clear();
    }

    private static void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        hostHeaders.put(path, String.valueOf(exchange.getRequestHeaders().getFirst("Host")));
        acceptEncodings.put(path, String.valueOf(exchange.getRequestHeaders().getFirst("Accept-Encoding")));
        Answer answer = answers.get(path);
        try {
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (answer.hang()) {
                try {
                    never.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            answer.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            if (answer.body().length == 0) {
                exchange.sendResponseHeaders(answer.status(), -1);
            } else {
                exchange.sendResponseHeaders(answer.status(), answer.declareLength() ? answer.body().length : 0);
                exchange.getResponseBody().write(answer.body());
            }
        } finally {
            exchange.close();
        }
    }

    private static String document(String clientId) {
        return """
                {"client_id": "%s",
                 "client_name": "Example MCP Client",
                 "client_uri": "https://app.example.com",
                 "logo_uri": "https://app.example.com/logo.png",
                 "redirect_uris": ["http://127.0.0.1:3000/callback", "https://app.example.com/callback"],
                 "grant_types": ["authorization_code"],
                 "token_endpoint_auth_method": "none"}
                """.formatted(clientId);
    }

    /** Serves {@code body} at {@code path} and returns the document URL. */
    private static String serveJson(String path, String body, Map<String, String> headers) {
        answers.put(path, Answer.json(body, headers));
        return base + path;
    }

    private static int hitsOf(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    private static Reason reasonOf(Executable fetch) {
        return assertThrows(ClientMetadataException.class, fetch).reason();
    }

    // --- happy path ------------------------------------------------------------------------------

    @Test
    void aValidDocumentIsReadWithItsFieldsAndTheDefaultCacheTime() {
        String url = base + "/oauth/client.json";
        serveJson("/oauth/client.json", document(url), Map.of("Content-Type", "application/json"));

        Fetched fetched = dev.fetch(url);

        assertThat(fetched.metadata())
                .isEqualTo(new ClientMetadata(
                        url,
                        "Example MCP Client",
                        List.of("http://127.0.0.1:3000/callback", "https://app.example.com/callback"),
                        "https://app.example.com",
                        "https://app.example.com/logo.png"));
        assertThat(fetched.cacheFor()).isEqualTo(HOUR);
        assertThat(hitsOf("/oauth/client.json")).isEqualTo(1);
    }

    @Test
    void aBodyWithoutContentLengthIsReadToItsEnd() {
        String url = base + "/stream.json";
        answers.put(
                "/stream.json",
                new Answer(200, Map.of(), document(url).getBytes(StandardCharsets.UTF_8), false, false));

        assertThat(dev.fetch(url).metadata().clientName()).isEqualTo("Example MCP Client");
    }

    @Test
    void theConnectionGoesToTheCheckedAddressWithTheUrlsHostNameAndNoSecondLookup() {
        AtomicInteger lookups = new AtomicInteger();
        ClientMetadataFetcher fetcher = new ClientMetadataFetcher(
                new ClientMetadataSettings(true, 5120, Duration.ofSeconds(5), HOUR, DAY, true), host -> {
                    lookups.incrementAndGet();
                    if (!host.equals("client.example.test")) {
                        throw new UnknownHostException(host);
                    }
                    return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
                });
        int port = server.getAddress().getPort();
        String url = "http://client.example.test:" + port + "/client.json?v=2";
        serveJson("/client.json", document(url), Map.of());

        Fetched fetched = fetcher.fetch(url);

        assertThat(fetched.metadata().clientId()).isEqualTo(url);
        assertThat(lookups).hasValue(1);
        assertThat(hostHeaders.get("/client.json")).isEqualTo("client.example.test:" + port);
    }

    @Test
    void everyFetchLooksTheHostUpAgainAndKeepsNoConnection() {
        // A connection kept from an earlier fetch would be reused without a lookup (and without the check).
        String url = "http://client.example.test:" + server.getAddress().getPort() + "/client.json";
        serveJson("/client.json", document(url), Map.of());
        AtomicInteger lookups = new AtomicInteger();
        ClientMetadataFetcher fetcher = new ClientMetadataFetcher(
                new ClientMetadataSettings(true, 5120, Duration.ofSeconds(5), HOUR, DAY, true), host -> {
                    lookups.incrementAndGet();
                    return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
                });
        fetcher.fetch(url);
        fetcher.fetch(url);
        assertThat(lookups).hasValue(2);
        assertThat(hitsOf("/client.json")).isEqualTo(2);
    }

    // --- the document ----------------------------------------------------------------------------

    @Test
    void aDocumentNamingAnotherClientIdIsRefused() {
        String url = base + "/client.json";
        serveJson("/client.json", document(base + "/other.json"), Map.of());
        assertThat(reasonOf(() -> dev.fetch(url))).isEqualTo(Reason.CLIENT_ID_MISMATCH);

        serveJson("/client.json", document(url + "/"), Map.of());
        assertThat(reasonOf(() -> dev.fetch(url))).isEqualTo(Reason.CLIENT_ID_MISMATCH);
    }

    @Test
    void requiredFieldsMustBePresent() {
        String url = base + "/client.json";
        serveJson("/client.json", """
                {"client_id": "%s", "client_name": "No redirects"}""".formatted(url), Map.of());
        ClientMetadataException missingUris = assertThrows(ClientMetadataException.class, () -> dev.fetch(url));
        assertThat(missingUris.reason()).isEqualTo(Reason.MISSING_FIELD);
        assertThat(missingUris.getMessage()).contains("redirect_uris");

        serveJson("/client.json", """
                {"client_id": "%s", "client_name": "Empty", "redirect_uris": []}""".formatted(url), Map.of());
        assertThat(reasonOf(() -> dev.fetch(url))).isEqualTo(Reason.MISSING_FIELD);

        serveJson("/client.json", """
                {"client_id": "%s", "redirect_uris": ["https://a.example/cb"]}""".formatted(url), Map.of());
        ClientMetadataException missingName = assertThrows(ClientMetadataException.class, () -> dev.fetch(url));
        assertThat(missingName.reason()).isEqualTo(Reason.MISSING_FIELD);
        assertThat(missingName.getMessage()).contains("client_name");

        serveJson("/client.json", """
                {"client_name": "x", "redirect_uris": ["https://a.example/cb"]}""", Map.of());
        assertThat(reasonOf(() -> dev.fetch(url))).isEqualTo(Reason.MISSING_FIELD);

        serveJson("/client.json", """
                {"client_id": "%s", "client_name": "x", "redirect_uris": ["https://a.example/cb", 7]}""".formatted(url), Map.of());
        assertThat(reasonOf(() -> dev.fetch(url))).isEqualTo(Reason.INVALID_FIELD);
    }

    @Test
    void aDocumentDeclaringASharedSecretIsRefused() {
        String url = base + "/client.json";
        serveJson("/client.json", """
                {"client_id": "%s", "client_name": "x", "redirect_uris": ["https://a.example/cb"],
                 "client_secret": "s3cret"}""".formatted(url), Map.of());
        assertThat(reasonOf(() -> dev.fetch(url))).isEqualTo(Reason.INVALID_FIELD);

        serveJson("/client.json", """
                {"client_id": "%s", "client_name": "x", "redirect_uris": ["https://a.example/cb"],
                 "token_endpoint_auth_method": "client_secret_basic"}""".formatted(url), Map.of());
        assertThat(reasonOf(() -> dev.fetch(url))).isEqualTo(Reason.INVALID_FIELD);
    }

    @Test
    void aBodyThatIsNotOneJsonObjectIsRefused() {
        String url = base + "/client.json";
        serveJson("/client.json", "<html><body>Hello</body></html>", Map.of("Content-Type", "text/html"));
        assertThat(reasonOf(() -> dev.fetch(url))).isEqualTo(Reason.NOT_JSON);

        serveJson("/client.json", "[1, 2]", Map.of());
        assertThat(reasonOf(() -> dev.fetch(url))).isEqualTo(Reason.NOT_JSON);

        serveJson("/client.json", document(url) + " {}", Map.of());
        assertThat(reasonOf(() -> dev.fetch(url))).isEqualTo(Reason.NOT_JSON);

        serveJson("/client.json", """
                {"client_id": "%s", "client_id": "%s", "client_name": "x", "redirect_uris": ["https://a.example/cb"]}""".formatted(base + "/other.json", url), Map.of());
        assertThat(reasonOf(() -> dev.fetch(url))).isEqualTo(Reason.NOT_JSON);
    }

    @Test
    void aDocumentLargerThanTheLimitIsRefusedWithOrWithoutContentLength() {
        String url = base + "/big.json";
        String big = document(url).replace("\"Example MCP Client\"", "\"" + "x".repeat(6000) + "\"");
        serveJson("/big.json", big, Map.of());
        assertThat(reasonOf(() -> dev.fetch(url))).isEqualTo(Reason.TOO_LARGE);

        answers.put("/big.json", new Answer(200, Map.of(), big.getBytes(StandardCharsets.UTF_8), false, false));
        assertThat(reasonOf(() -> dev.fetch(url))).isEqualTo(Reason.TOO_LARGE);

        // Exactly at the limit is fine.
        String padded = document(url)
                .replace(
                        "\"Example MCP Client\"",
                        "\"" + "x".repeat(5120 - document(url).length() + "\"Example MCP Client\"".length() - 2)
                                + "\"");
        assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(5120);
        serveJson("/big.json", padded, Map.of());
        assertThat(dev.fetch(url).metadata().clientName()).startsWith("xxx");
    }

    // --- HTTP ------------------------------------------------------------------------------------

    @Test
    void aRedirectIsNotFollowed() {
        String target = base + "/elsewhere.json";
        serveJson("/elsewhere.json", document(target), Map.of());
        answers.put("/client.json", new Answer(302, Map.of("Location", target), new byte[0], true, false));

        ClientMetadataException e = assertThrows(ClientMetadataException.class, () -> dev.fetch(base + "/client.json"));

        assertThat(e.reason()).isEqualTo(Reason.HTTP_STATUS);
        assertThat(e.getMessage()).contains("302").contains("redirects are not followed");
        assertThat(hitsOf("/elsewhere.json")).isZero();
    }

    @Test
    void noCompressionIsAskedForAndAnEncodedBodyIsRefused() throws IOException {
        String url = base + "/client.json";
        serveJson("/client.json", document(url), Map.of());
        dev.fetch(url);
        assertThat(acceptEncodings.get("/client.json")).isEqualTo("null");

        java.io.ByteArrayOutputStream gzipped = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(gzipped)) {
            gzip.write(document(url).getBytes(StandardCharsets.UTF_8));
        }
        answers.put(
                "/client.json",
                new Answer(200, Map.of("Content-Encoding", "gzip"), gzipped.toByteArray(), true, false));
        ClientMetadataException e = assertThrows(ClientMetadataException.class, () -> dev.fetch(url));
        assertThat(e.reason()).isEqualTo(Reason.NOT_JSON);
        assertThat(e.getMessage()).contains("gzip");
    }

    @Test
    void oversizedResponseHeadersAreRefused() {
        String url = base + "/client.json";
        serveJson("/client.json", document(url), Map.of("X-Padding", "x".repeat(5000)));
        assertThat(reasonOf(() -> dev.fetch(url))).isEqualTo(Reason.TOO_LARGE);

        Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 100; i++) {
            many.put("X-Header-" + i, "v");
        }
        serveJson("/client.json", document(url), many);
        assertThat(reasonOf(() -> dev.fetch(url))).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void aBodyDrippedSlowerThanTheTimeoutAllowsIsCutOff() {
        // One byte every 50 ms never trips a read timeout; only the whole-fetch deadline stops it.
        // The server gives up after 3 s, so without that deadline the fetch ends UNREACHABLE instead.
        server.createContext("/drip.json", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, 4000);
                var out = exchange.getResponseBody();
                for (int i = 0; i < 60 && never.getCount() > 0; i++) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client hung up: expected
            }
        });
        try {
            ClientMetadataFetcher impatient = new ClientMetadataFetcher(
                    new ClientMetadataSettings(true, 5120, Duration.ofMillis(500), HOUR, DAY, true));
            assertThat(reasonOf(() -> impatient.fetch(base + "/drip.json"))).isEqualTo(Reason.TIMEOUT);
        } finally {
            server.removeContext("/drip.json");
        }
    }

    @Test
    void anErrorStatusIsRefused() {
        answers.put("/client.json", new Answer(500, Map.of(), "oops".getBytes(StandardCharsets.UTF_8), true, false));
        ClientMetadataException e = assertThrows(ClientMetadataException.class, () -> dev.fetch(base + "/client.json"));
        assertThat(e.reason()).isEqualTo(Reason.HTTP_STATUS);
        assertThat(e.getMessage()).contains("500");

        assertThat(reasonOf(() -> dev.fetch(base + "/missing.json"))).isEqualTo(Reason.HTTP_STATUS);
    }

    @Test
    void aHostThatNeverAnswersTimesOut() {
        ClientMetadataFetcher impatient = new ClientMetadataFetcher(
                new ClientMetadataSettings(true, 5120, Duration.ofMillis(300), HOUR, DAY, true));
        answers.put("/slow.json", new Answer(200, Map.of(), new byte[0], true, true));

        assertThat(reasonOf(() -> impatient.fetch(base + "/slow.json"))).isEqualTo(Reason.TIMEOUT);
    }

    @Test
    void aClosedPortIsUnreachable() throws IOException {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        int closed = port;
        assertThat(reasonOf(() -> dev.fetch("http://127.0.0.1:" + closed + "/client.json")))
                .isEqualTo(Reason.UNREACHABLE);
    }

    // --- caching ---------------------------------------------------------------------------------

    @Test
    void cacheControlMaxAgeIsHonouredAndCapped() {
        String url = base + "/client.json";
        serveJson("/client.json", document(url), Map.of("Cache-Control", "public, max-age=600"));
        assertThat(dev.fetch(url).cacheFor()).isEqualTo(Duration.ofMinutes(10));

        serveJson("/client.json", document(url), Map.of("Cache-Control", "max-age=31536000"));
        assertThat(dev.fetch(url).cacheFor()).isEqualTo(DAY);

        serveJson("/client.json", document(url), Map.of("Cache-Control", "max-age=99999999999999999999999"));
        assertThat(dev.fetch(url).cacheFor()).isEqualTo(DAY);

        serveJson("/client.json", document(url), Map.of("Cache-Control", "no-store"));
        assertThat(dev.fetch(url).cacheFor()).isZero();

        serveJson("/client.json", document(url), Map.of("Cache-Control", "max-age=600, no-cache"));
        assertThat(dev.fetch(url).cacheFor()).isZero();
    }

    @Test
    void theCacheKeepsADocumentForItsMaxAgeOnly() {
        AtomicLong now = new AtomicLong();
        Ticker ticker = now::get;
        ClientMetadataCache cache = new ClientMetadataCache(dev, ticker);
        String url = base + "/cached.json";
        serveJson("/cached.json", document(url), Map.of("Cache-Control", "max-age=600"));

        assertThat(cache.get(url).clientName()).isEqualTo("Example MCP Client");
        assertThat(cache.get(url).clientName()).isEqualTo("Example MCP Client");
        assertThat(hitsOf("/cached.json")).isEqualTo(1);

        now.addAndGet(Duration.ofSeconds(599).toNanos());
        cache.get(url);
        assertThat(hitsOf("/cached.json")).isEqualTo(1);

        now.addAndGet(Duration.ofSeconds(2).toNanos());
        cache.get(url);
        assertThat(hitsOf("/cached.json")).isEqualTo(2);
    }

    @Test
    void theCacheDoesNotKeepNoStoreDocumentsNorFailures() {
        ClientMetadataCache cache = new ClientMetadataCache(dev, Ticker.systemTicker());
        String url = base + "/nostore.json";
        serveJson("/nostore.json", document(url), Map.of("Cache-Control", "no-store"));
        cache.get(url);
        cache.get(url);
        assertThat(hitsOf("/nostore.json")).isEqualTo(2);

        String broken = base + "/broken.json";
        serveJson("/broken.json", "not json", Map.of());
        assertThat(reasonOf(() -> cache.get(broken))).isEqualTo(Reason.NOT_JSON);
        serveJson("/broken.json", document(broken), Map.of());
        assertThat(cache.get(broken).clientId()).isEqualTo(broken);
    }

    // --- the URL ---------------------------------------------------------------------------------

    @Test
    void plainHttpIsRefusedUnlessAllowed() {
        assertThat(reasonOf(() -> production.fetch("http://client.example.com/client.json")))
                .isEqualTo(Reason.NOT_HTTPS);
        assertThat(reasonOf(() -> production.fetch(base + "/client.json"))).isEqualTo(Reason.NOT_HTTPS);
        assertThat(reasonOf(() -> production.fetch("ftp://client.example.com/client.json")))
                .isEqualTo(Reason.NOT_HTTPS);
        assertThat(reasonOf(() -> production.fetch("client-123"))).isEqualTo(Reason.NOT_HTTPS);
        assertThat(hitsOf("/client.json")).isZero();
        assertThat(production.isDocumentUrl("https://client.example.com/client.json"))
                .isTrue();
        assertThat(production.isDocumentUrl("http://client.example.com/client.json"))
                .isFalse();
        assertThat(dev.isDocumentUrl("http://client.example.com/client.json")).isTrue();
        assertThat(production.isDocumentUrl("3f2a9c")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://client.example.com",
                "https://client.example.com/",
                "https://client.example.com/client.json#frag",
                "https://user:pass@client.example.com/client.json",
                "https://client.example.com/a/../client.json",
                "https://client.example.com/./client.json",
                "https://client.example.com/a/%2E%2E/client.json",
                "https://client example.com/client.json",
                "https:///client.json"
            })
    void malformedUrlsAreRefusedBeforeAnyLookup(String clientId) {
        AtomicInteger lookups = new AtomicInteger();
        ClientMetadataFetcher fetcher = new ClientMetadataFetcher(PRODUCTION, host -> {
            lookups.incrementAndGet();
            throw new UnknownHostException(host);
        });

        assertThat(reasonOf(() -> fetcher.fetch(clientId))).isEqualTo(Reason.BAD_URL);
        assertThat(lookups).hasValue(0);
    }

    // --- SSRF ------------------------------------------------------------------------------------

    @Test
    void loopbackTargetsAreRefusedBeforeAnyConnection() {
        int port = server.getAddress().getPort();
        serveJson("/client.json", document(base + "/client.json"), Map.of());

        ClientMetadataException e = assertThrows(
                ClientMetadataException.class, () -> strictHttp.fetch("http://127.0.0.1:" + port + "/client.json"));
        assertThat(e.reason()).isEqualTo(Reason.PRIVATE_ADDRESS);
        assertThat(e.getMessage()).contains("127.0.0.1");
        assertThat(reasonOf(() -> strictHttp.fetch("http://localhost:" + port + "/client.json")))
                .isEqualTo(Reason.PRIVATE_ADDRESS);

        assertThat(hitsOf("/client.json")).isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/client.json",
                "https://127.1.2.3/client.json",
                "https://localhost/client.json",
                "https://169.254.169.254/latest/meta-data/iam",
                "https://10.0.0.1/client.json",
                "https://172.16.5.4/client.json",
                "https://192.168.1.1/client.json",
                "https://100.64.0.1/client.json",
                "https://0.0.0.0/client.json",
                "https://224.0.0.1/client.json",
                "https://[::1]/client.json",
                "https://[::]/client.json",
                "https://[fe80::1]/client.json",
                "https://[fd00:ec2::254]/client.json",
                "https://[::ffff:127.0.0.1]/client.json",
                "https://[::ffff:169.254.169.254]/client.json",
                "https://[64:ff9b::a9fe:a9fe]/client.json",
                "https://[2002:7f00:1::]/client.json"
            })
    void privateAddressesAreRefused(String clientId) {
        assertThat(reasonOf(() -> production.fetch(clientId))).isEqualTo(Reason.PRIVATE_ADDRESS);
    }

    @Test
    void aHostNameResolvingToAPrivateAddressIsRefused() {
        ClientMetadataFetcher fetcher = new ClientMetadataFetcher(PRODUCTION, host ->
                new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})});
        ClientMetadataException e = assertThrows(
                ClientMetadataException.class, () -> fetcher.fetch("https://metadata.attacker.example/client.json"));
        assertThat(e.reason()).isEqualTo(Reason.PRIVATE_ADDRESS);
        assertThat(e.getMessage()).contains("metadata.attacker.example").contains("127.0.0.1");

        // Every address counts, not only the first one.
        ClientMetadataFetcher mixed = new ClientMetadataFetcher(PRODUCTION, host -> new InetAddress[] {
            InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 215, 14}),
            InetAddress.getByAddress(host, new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254})
        });
        assertThat(reasonOf(() -> mixed.fetch("https://mixed.attacker.example/client.json")))
                .isEqualTo(Reason.PRIVATE_ADDRESS);
    }

    @Test
    void publicAddressesPassTheCheck() throws UnknownHostException {
        for (String address : List.of(
                "93.184.215.14",
                "8.8.8.8",
                "172.32.0.1",
                "100.128.0.1",
                "2606:4700::1111",
                "2a00:1450:4001:80b::200e")) {
            assertThat(ClientMetadataFetcher.isPublic(InetAddress.getByName(address)))
                    .as(address)
                    .isTrue();
        }
    }

    // --- HTTPS -----------------------------------------------------------------------------------

    @Test
    void overHttpsTheCertificateIsCheckedAgainstTheUrlsHostWhileConnectingToTheCheckedAddress(@TempDir Path dir)
            throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=client.example.test",
                        "-ext",
                        "san=dns:client.example.test",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        try (InputStream out = keytool.getInputStream()) {
            out.readAllBytes();
        }
        assertThat(keytool.waitFor()).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trust.getTrustManagers(), null);

        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        https.createContext("/", ClientMetadataFetcherTest::serve);
        https.setExecutor(executor);
        https.start();
        try {
            int port = https.getAddress().getPort();
            AtomicInteger lookups = new AtomicInteger();
            ClientMetadataFetcher fetcher = new ClientMetadataFetcher(
                    new ClientMetadataSettings(true, 5120, Duration.ofSeconds(5), HOUR, DAY, false),
                    host -> {
                        lookups.incrementAndGet();
                        return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
                    },
                    clientTls);
            String url = "https://client.example.test:" + port + "/client.json";
            serveJson("/client.json", document(url), Map.of());

            assertThat(fetcher.fetch(url).metadata().clientId()).isEqualTo(url);
            assertThat(lookups).hasValue(1);
            assertThat(hostHeaders.get("/client.json")).isEqualTo("client.example.test:" + port);

            // Same server and address, but the certificate does not name this host: refused.
            String other = "https://other.example.test:" + port + "/client.json";
            serveJson("/client.json", document(other), Map.of());
            assertThat(reasonOf(() -> fetcher.fetch(other))).isEqualTo(Reason.UNREACHABLE);
        } finally {
            https.stop(0);
        }
    }
}
