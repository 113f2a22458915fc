package dev.memax.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Memax API client.
 *
 * <pre>{@code
 * try (MemaxClient client = MemaxClient.builder().apiKey(System.getenv("MEMAX_API_KEY")).build()) {
 *     for (HubEntry entry : client.hubs().list().items()) {
 *         System.out.println(entry.hub().name() + " (" + entry.role() + ")");
 *     }
 * }
 * }</pre>
 *
 * <p>One object per API area: {@link #auth()}, {@link #settings()}, {@link #plans()}, {@link #usage()}, {@link #notifications()}, {@link #apiKeys()}, {@link #agents()}, {@link #oauthClients()}, {@link #oauthGrants()},
 * {@link #hubs()} (with members, invites and ownership transfer per hub), {@link #topics()}, {@link #invites()},
 * {@link #jwks()}, {@link #oauthMetadata()}, {@link #memories()}, {@link #recall()}, {@link #ask()}, {@link #dreams()} and {@link #events()}. Every method also takes a trailing {@link RequestOptions}.
 *
 * <p><b>Retries.</b> A call that fails with {@code 429 rate_limited} or
 * {@code 503 service_unavailable} is retried after its {@code Retry-After}; one that fails with
 * another 5xx, a connection error or a timeout is retried after an exponential backoff with
 * jitter; up to {@link Builder#maxRetries(int)} times (default 2). A {@code POST} is retried only
 * when it carries an {@code Idempotency-Key}, which the SDK generates for every POST (one key per
 * call, reused by its retries) unless {@link Builder#idempotencyKeys(boolean)} is off: the server
 * then runs it at most once.
 *
 * <p><b>Errors.</b> Error answers throw a subclass of {@link dev.memax.sdk.errors.ApiException}
 * chosen by the error code; I/O failures throw {@link dev.memax.sdk.errors.ConnectionException}.
 *
 * <p>A client is immutable and thread-safe: share one per credential. {@link #close()} releases
 * its threads.
 */
public final class MemaxClient implements AutoCloseable {
    /** The SDK version, as sent in the {@code User-Agent}. */
    public static final String VERSION = readVersion();
    /** The base URL used when neither {@link Builder#baseUrl} nor {@code MEMAX_API_URL} is set. */
    public static final String DEFAULT_BASE_URL = "http://127.0.0.1:8080";

    private final Builder settings;
    private final ExecutorService executor;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AuthService auth;
    private final SettingsService settingsService;
    private final PlanService plans;
    private final OAuthClientService oauthClients;
    private final OAuthGrantService oauthGrants;
    private final UsageService usage;
    private final NotificationService notifications;
    private final ApiKeyService apiKeys;
    private final HubService hubs;
    private final TopicService topics;
    private final InviteService invites;
    private final JwksService jwks;
    private final OAuthMetadataService oauthMetadata;
    private final MemoryService memories;
    private final RecallService recall;
    private final EventService events;
    private final AskService ask;
    private final AgentService agents;
    private final DreamService dreams;
    private final Transport transport;
    private final String baseUrl;

    private MemaxClient(Builder builder) {
        this.settings = builder.copy();
        this.baseUrl = resolveBaseUrl(builder.baseUrl);
        HttpClient http;
        if (builder.httpClient != null) {
            this.executor = null;
            http = builder.httpClient;
        } else {
            this.executor = Executors.newCachedThreadPool(daemonThreads());
            HttpClient.Builder hb =
                    HttpClient.newBuilder().executor(executor).followRedirects(HttpClient.Redirect.NEVER);
            if (builder.connectTimeout != null) {
                hb.connectTimeout(builder.connectTimeout);
            }
            http = hb.build();
        }
        Supplier<String> tokens = builder.tokenSupplier;
        String userAgent = (builder.userAgent == null ? "" : builder.userAgent + " ") + "memax-java/" + VERSION
                + " Java/" + System.getProperty("java.version");
        Config config = new Config(
                baseUrl,
                tokens,
                builder.requestTimeout,
                builder.maxRetries,
                builder.defaultHubId,
                userAgent,
                builder.idempotencyKeys,
                builder.initialRetryDelay,
                builder.maxRetryDelay,
                builder.maxRetryAfter,
                builder.onResponse,
                builder.sleeper);
        this.transport = new Transport(config, http, closed::get);
        this.auth = new AuthService(transport);
        this.settingsService = new SettingsService(transport);
        this.plans = new PlanService(transport);
        this.oauthClients = new OAuthClientService(transport);
        this.oauthGrants = new OAuthGrantService(transport);
        this.usage = new UsageService(transport);
        this.notifications = new NotificationService(transport);
        this.apiKeys = new ApiKeyService(transport);
        this.hubs = new HubService(transport);
        this.topics = new TopicService(transport);
        this.invites = new InviteService(transport);
        this.jwks = new JwksService(transport);
        this.oauthMetadata = new OAuthMetadataService(transport);
        this.memories = new MemoryService(transport);
        this.agents = new AgentService(transport);
        this.dreams = new DreamService(transport);
        this.recall = new RecallService(transport);
        Executor streams = builder.streamExecutor != null ? builder.streamExecutor : MemaxClient::startStreamThread;
        this.events = new EventService(transport, streams);
        this.ask = new AskService(transport, streams);
    }

    /** A new builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** Signup, login, token refresh, logout and the current user ({@code /v1/auth}). */
    public AuthService auth() {
        return auth;
    }

    /** The caller's settings ({@code /v1/settings}). */
    public SettingsService settings() {
        return settingsService;
    }

    /** Plans and their limits ({@code /v1/plans}); admins move users between plans. */
    public PlanService plans() {
        return plans;
    }

    /** The installation's OAuth clients ({@code /v1/admin/oauth-clients}; admins). */
    public OAuthClientService oauthClients() {
        return oauthClients;
    }

    /** The OAuth clients you let in, and withdrawing that consent ({@code /v1/auth/oauth-grants}). */
    public OAuthGrantService oauthGrants() {
        return oauthGrants;
    }

    /** The caller's usage this period against the plan ({@code /v1/usage}). */
    public UsageService usage() {
        return usage;
    }

    /** The caller's notifications ({@code /v1/notifications}): list, summary, seen, dismiss, resolve. */
    public NotificationService notifications() {
        return notifications;
    }

    /** The caller's API keys ({@code /v1/auth/api-keys}). */
    public ApiKeyService apiKeys() {
        return apiKeys;
    }

    /** Hubs, and per hub its members, invites and ownership transfer ({@code /v1/hubs}). */
    public HubService hubs() {
        return hubs;
    }

    /** Topics: the tree of topics per hub that memories are placed in ({@code /v1/topics}). */
    public TopicService topics() {
        return topics;
    }

    /** Looking up and accepting an invite by its token ({@code /v1/invites}). */
    public InviteService invites() {
        return invites;
    }

    /** The public keys that verify access tokens ({@code /.well-known/jwks.json}). */
    public JwksService jwks() {
        return jwks;
    }

    /**
     * The OAuth discovery documents ({@code /.well-known/oauth-protected-resource…},
     * {@code /.well-known/oauth-authorization-server}) MCP clients read to sign in.
     */
    public OAuthMetadataService oauthMetadata() {
        return oauthMetadata;
    }

    /**
     * The real-time event stream ({@code /v1/events/stream}): subscriptions that reconnect and
     * resume by themselves.
     */
    public EventService events() {
        return events;
    }

    /** Answers to questions over the caller's memories, whole or streamed ({@code /v1/ask}). */
    public AskService ask() {
        return ask;
    }

    /** Hybrid search over the caller's memories ({@code /v1/recall}). */
    public RecallService recall() {
        return recall;
    }

    /**
     * Memories: push (one or a batch), list, get, search, change, delete, history, related, record
     * an access, share into another hub, batch delete and move ({@code /v1/memories}).
     */
    public MemoryService memories() {
        return memories;
    }

    /** Connected agents: list, name, disconnect ({@code /v1/agents}). */
    public AgentService agents() {
        return agents;
    }

    /** Dreams: trigger, list and read runs, report, usage, undo ({@code /v1/dreams}). */
    public DreamService dreams() {
        return dreams;
    }

    /** The base URL requests go to, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * A builder holding this client's configuration, to derive a client that differs in
     * a setting (e.g. another credential): {@code client.toBuilder().apiKey(other).build()}.
     * The new client is independent: closing either does not affect the other (unless both
     * use an {@linkplain Builder#httpClient(HttpClient) HttpClient you supplied}).
     */
    public Builder toBuilder() {
        return settings.copy();
    }

    /**
     * Releases the client's threads and stops its open streams (event subscriptions end with
     * {@code onClosed}, ask streams are cancelled). Calls made after {@code close()} throw
     * {@link IllegalStateException}; an {@link HttpClient} supplied to the builder is left
     * alone. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            transport.shutdown();
            if (executor != null) {
                executor.shutdownNow();
            }
        }
    }

    private static final AtomicInteger STREAM_THREADS = new AtomicInteger();

    /** Runs a stream's loop on a new daemon thread: the default when no stream executor is set. */
    private static void startStreamThread(Runnable loop) {
        Thread thread = new Thread(loop, "memax-sdk-stream-" + STREAM_THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "memax-sdk-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static String resolveBaseUrl(String configured) {
        String url = configured;
        if (url == null || url.isBlank()) {
            String env = System.getenv("MEMAX_API_URL");
            url = env == null || env.isBlank() ? DEFAULT_BASE_URL : env;
        }
        url = url.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri = URI.create(url);
        if (uri.getScheme() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL: " + configured);
        }
        return url;
    }

    private static String readVersion() {
        try (InputStream in = MemaxClient.class.getResourceAsStream("memax-sdk.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.startsWith("$")) {
                    return version;
                }
            }
        } catch (IOException ignored) {
            // Fall through.
        }
        return "unknown";
    }

    /** Waits between retries; replaced in tests. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** The resolved settings the transport reads. */
    record Config(
            String baseUrl,
            Supplier<String> tokenSupplier,
            Duration requestTimeout,
            int maxRetries,
            UUID defaultHubId,
            String userAgent,
            boolean idempotencyKeys,
            Duration initialRetryDelay,
            Duration maxRetryDelay,
            Duration maxRetryAfter,
            Consumer<ResponseInfo> onResponse,
            Sleeper sleeper) {}

    /**
     * Configures a {@link MemaxClient}. Every setting is optional: without a credential only
     * the public routes (signup, login, refresh, invite lookup, JWKS) work.
     */
    public static final class Builder {
        private Supplier<String> tokenSupplier;
        private String baseUrl;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private int maxRetries = 2;
        private UUID defaultHubId;
        private String userAgent;
        private boolean idempotencyKeys = true;
        private Duration initialRetryDelay = Duration.ofMillis(500);
        private Duration maxRetryDelay = Duration.ofSeconds(8);
        private Duration maxRetryAfter = Duration.ofSeconds(60);
        private HttpClient httpClient;
        private Consumer<ResponseInfo> onResponse;
        private Sleeper sleeper = duration -> Thread.sleep(duration.toMillis());
        private Executor streamExecutor;

        private Builder() {}

        private Builder copy() {
            Builder copy = new Builder();
            copy.tokenSupplier = tokenSupplier;
            copy.baseUrl = baseUrl;
            copy.connectTimeout = connectTimeout;
            copy.requestTimeout = requestTimeout;
            copy.maxRetries = maxRetries;
            copy.defaultHubId = defaultHubId;
            copy.userAgent = userAgent;
            copy.idempotencyKeys = idempotencyKeys;
            copy.initialRetryDelay = initialRetryDelay;
            copy.maxRetryDelay = maxRetryDelay;
            copy.maxRetryAfter = maxRetryAfter;
            copy.httpClient = httpClient;
            copy.onResponse = onResponse;
            copy.sleeper = sleeper;
            copy.streamExecutor = streamExecutor;
            return copy;
        }

        /**
         * Reads {@code MEMAX_API_KEY} (as {@link #apiKey}) and {@code MEMAX_API_URL} (as
         * {@link #baseUrl}) from the environment, where set.
         */
        public Builder fromEnv() {
            String key = System.getenv("MEMAX_API_KEY");
            if (key != null && !key.isBlank()) {
                apiKey(key);
            }
            String url = System.getenv("MEMAX_API_URL");
            if (url != null && !url.isBlank()) {
                baseUrl(url);
            }
            return this;
        }

        /** Authenticates with an API key ({@code mxk_…}) or a fixed access token. */
        public Builder apiKey(String apiKey) {
            Objects.requireNonNull(apiKey, "apiKey");
            this.tokenSupplier = () -> apiKey;
            return this;
        }

        /**
         * Authenticates with whatever the supplier returns, asked before every attempt: use it
         * for access tokens that you refresh. Null or blank sends no credential.
         */
        public Builder tokenSupplier(Supplier<String> supplier) {
            this.tokenSupplier = Objects.requireNonNull(supplier, "supplier");
            return this;
        }

        /** Sends no credential (only public routes work). */
        public Builder noCredentials() {
            this.tokenSupplier = null;
            return this;
        }

        /**
         * The server, e.g. {@code https://api.memax.example}. Default: the environment variable
         * {@code MEMAX_API_URL}, else {@value MemaxClient#DEFAULT_BASE_URL}.
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** The server. */
        public Builder baseUrl(URI baseUrl) {
            return baseUrl(baseUrl.toString());
        }

        /** How long to wait for a connection (default 10 s). Ignored with {@link #httpClient}. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long to wait for each attempt's answer (default 60 s). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How many times a failed call may be retried (default 2; 0 disables retries). */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be >= 0");
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * The hub authenticated calls target ({@code X-Hub-ID}) unless a call's
         * {@link RequestOptions} names another. Without it the server uses the caller's
         * personal hub for writes.
         */
        public Builder defaultHubId(UUID hubId) {
            this.defaultHubId = hubId;
            return this;
        }

        /** Your application's name and version, put in front of the SDK's own {@code User-Agent}. */
        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /**
         * Whether the SDK sends a generated {@code Idempotency-Key} with every POST (default
         * true). Off, a POST is never retried unless its {@link RequestOptions} carries a key.
         */
        public Builder idempotencyKeys(boolean enabled) {
            this.idempotencyKeys = enabled;
            return this;
        }

        /**
         * The backoff before the first retry after a 5xx or a connection error (default 500 ms);
         * it doubles with every retry up to {@link #maxRetryDelay}, minus up to 25 % jitter.
         */
        public Builder initialRetryDelay(Duration delay) {
            this.initialRetryDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /** The longest backoff between retries (default 8 s). */
        public Builder maxRetryDelay(Duration delay) {
            this.maxRetryDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /**
         * The longest {@code Retry-After} the SDK waits out itself (default 60 s). A 429 or 503
         * asking for longer is thrown at once, with {@code retryAfter()} set.
         */
        public Builder maxRetryAfter(Duration max) {
            this.maxRetryAfter = Objects.requireNonNull(max, "max");
            return this;
        }

        /**
         * Uses this {@link HttpClient} (proxy, TLS, executor settings) instead of one the client
         * builds and owns. Its lifecycle stays yours.
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** Observes every HTTP response (each attempt of each call). */
        public Builder onResponse(Consumer<ResponseInfo> listener) {
            this.onResponse = listener;
            return this;
        }

        /**
         * Where event subscriptions and ask streams run their read loops (and call their
         * listeners): one task per stream, running as long as the stream is open, so the
         * executor must not be bounded below the number of concurrent streams. Default: a new
         * daemon thread per stream. The executor's lifecycle stays yours.
         */
        public Builder streamExecutor(Executor executor) {
            this.streamExecutor = executor;
            return this;
        }

        /** For tests: replaces the wait between retries. */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Builds the client. */
        public MemaxClient build() {
            return new MemaxClient(this);
        }
    }
}
