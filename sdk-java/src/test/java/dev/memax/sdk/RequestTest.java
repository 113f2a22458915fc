package dev.memax.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memax.sdk.params.HubCreateParams;
import dev.memax.sdk.params.SignupParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestTest {
    private final MockServer server = new MockServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theApiKeyIsSentAsBearer() {
        server.data(Fixtures.USER);
        try (MemaxClient client =
                server.client().apiKey("mxk_" + "0".repeat(64)).build()) {
            client.auth().me();
        }
        MockServer.Recorded request = server.only();
        assertEquals("GET", request.method());
        assertEquals("/v1/auth/me", request.path());
        assertEquals("Bearer mxk_" + "0".repeat(64), request.header("Authorization"));
        assertEquals("application/json", request.header("Accept"));
        assertNull(request.header("Content-Type"), "no body, no content type");
    }

    @Test
    void aTokenSupplierIsAskedForEveryRequest() {
        server.data(Fixtures.USER).data(Fixtures.USER);
        List<String> tokens = new ArrayList<>(List.of("first", "second"));
        try (MemaxClient client =
                server.client().tokenSupplier(() -> tokens.remove(0)).build()) {
            client.auth().me();
            client.auth().me();
        }
        assertEquals("Bearer first", server.requests().get(0).header("Authorization"));
        assertEquals("Bearer second", server.requests().get(1).header("Authorization"));
    }

    @Test
    void withoutCredentialsNoAuthorizationIsSent() {
        server.data(Fixtures.USER);
        try (MemaxClient client = server.client().noCredentials().build()) {
            client.auth().me();
        }
        assertNull(server.only().header("Authorization"));
    }

    @Test
    void publicRoutesNeverSendTheCredentialOrHub() {
        String tokens = "{\"tokens\":" + Fixtures.TOKENS + "}";
        String session = "{\"user\":" + Fixtures.USER + ",\"tokens\":" + Fixtures.TOKENS + "}";
        server.reply(
                        202,
                        "{\"data\":{\"status\":\"accepted\",\"email\":\"a@example.com\",\"next\":\"POST /v1/auth/login\"}}")
                .data(session)
                .data(tokens)
                .data("{\"hub_name\":\"Research\",\"role\":\"viewer\",\"expires_at\":\"2026-01-09T00:00:00Z\"}")
                .reply(200, "{\"keys\":[]}");
        try (MemaxClient client = server.client()
                .apiKey("mxk_expired")
                .defaultHubId(UUID.randomUUID())
                .build()) {
            client.auth()
                    .signup(SignupParams.builder()
                            .email("a@example.com")
                            .password("0123456789")
                            .build());
            client.auth().login("a@example.com", "0123456789");
            client.auth().refresh("mxr_x");
            client.invites().lookup("mxi_x");
            client.jwks().get();
        }
        assertEquals(5, server.requests().size());
        for (MockServer.Recorded r : server.requests()) {
            assertNull(r.header("Authorization"), r.toString());
            assertNull(r.header("X-Hub-ID"), r.toString());
        }
    }

    @Test
    void theDefaultHubIsSentAndAPerCallHubOverridesIt() {
        UUID defaultHub = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        server.data(Fixtures.USER).data(Fixtures.USER);
        try (MemaxClient client = server.client().defaultHubId(defaultHub).build()) {
            client.auth().me();
            client.auth().me(RequestOptions.ofHub(other));
        }
        assertEquals(defaultHub.toString(), server.requests().get(0).header("X-Hub-ID"));
        assertEquals(other.toString(), server.requests().get(1).header("X-Hub-ID"));
    }

    @Test
    void noHubHeaderWithoutAHub() {
        server.data(Fixtures.USER);
        try (MemaxClient client = server.client().build()) {
            client.auth().me();
        }
        assertNull(server.only().header("X-Hub-ID"));
    }

    @Test
    void postsCarryJsonAndAGeneratedIdempotencyKey() {
        server.reply(201, "{\"data\":" + Fixtures.TEAM_HUB_ENTRY + "}");
        try (MemaxClient client = server.client().build()) {
            client.hubs()
                    .create(HubCreateParams.builder()
                            .name("Research")
                            .slug("research")
                            .build());
        }
        MockServer.Recorded r = server.only();
        assertEquals("POST", r.method());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("{\"name\":\"Research\",\"slug\":\"research\"}", r.body());
        UUID.fromString(r.header("Idempotency-Key"));
    }

    @Test
    void patchAndDeleteCarryNoIdempotencyKey() {
        server.data(Fixtures.TEAM_HUB_ENTRY).data("{\"id\":\"" + Fixtures.TEAM_HUB_ID + "\",\"deleted\":true}");
        try (MemaxClient client = server.client().build()) {
            UUID id = UUID.fromString(Fixtures.TEAM_HUB_ID);
            client.hubs()
                    .update(
                            id,
                            dev.memax.sdk.params.HubUpdateParams.builder()
                                    .name("R")
                                    .build());
            client.hubs().delete(id);
        }
        server.requests().forEach(r -> assertNull(r.header("Idempotency-Key")));
    }

    @Test
    void userAgentNamesTheSdkAndTheApplication() {
        server.data(Fixtures.USER).data(Fixtures.USER);
        try (MemaxClient client = server.client().build()) {
            client.auth().me();
        }
        try (MemaxClient client = server.client().userAgent("my-agent/1.2").build()) {
            client.auth().me();
        }
        String plain = server.requests().get(0).header("User-Agent");
        assertTrue(plain.startsWith("memax-java/"), plain);
        assertTrue(!plain.contains("unknown"), "the version is filtered in: " + plain);
        assertTrue(server.requests().get(1).header("User-Agent").startsWith("my-agent/1.2 memax-java/"));
    }

    @Test
    void extraHeadersPerCall() {
        server.data(Fixtures.USER);
        try (MemaxClient client = server.client().build()) {
            client.auth()
                    .me(RequestOptions.builder()
                            .header("X-Request-ID", "trace-1")
                            .header("X-Timezone", "Europe/Paris")
                            .build());
        }
        assertEquals("trace-1", server.only().header("X-Request-ID"));
        assertEquals("Europe/Paris", server.only().header("X-Timezone"));
    }

    @Test
    void responsesAreObservable() {
        server.reply(
                201,
                "{\"data\":" + Fixtures.TEAM_HUB_ENTRY + "}",
                "X-Request-ID",
                "r-1",
                "Idempotent-Replayed",
                "true");
        List<ResponseInfo> seen = new ArrayList<>();
        List<ResponseInfo> perCall = new ArrayList<>();
        try (MemaxClient client = server.client().onResponse(seen::add).build()) {
            client.hubs()
                    .create(
                            HubCreateParams.builder().name("R").build(),
                            RequestOptions.builder().onResponse(perCall::add).build());
        }
        assertEquals(1, seen.size());
        assertEquals(seen, perCall);
        ResponseInfo info = seen.get(0);
        assertEquals(201, info.statusCode());
        assertEquals("r-1", info.requestId());
        assertTrue(info.idempotentReplayed());
        assertEquals(1, info.attempt());
        assertEquals("POST", info.method());
        assertEquals(server.uri() + "/v1/hubs", info.uri().toString());
    }

    @Test
    void baseUrlMayEndWithASlashOrCarryAPrefix() {
        server.data(Fixtures.USER).data(Fixtures.USER);
        try (MemaxClient client = server.client().baseUrl(server.uri() + "/").build()) {
            assertEquals(server.uri().toString(), client.baseUrl());
            client.auth().me();
        }
        try (MemaxClient client = server.client().baseUrl(server.uri() + "/api").build()) {
            client.auth().me();
        }
        assertEquals("/v1/auth/me", server.requests().get(0).path());
        assertEquals("/api/v1/auth/me", server.requests().get(1).path());
    }

    @Test
    void theDefaultBaseUrlIsTheEnvironmentsOrLocal() {
        try (MemaxClient client = MemaxClient.builder().build()) {
            String env = System.getenv("MEMAX_API_URL");
            String expected = env == null || env.isBlank() ? MemaxClient.DEFAULT_BASE_URL : env.replaceAll("/+$", "");
            assertEquals(expected, client.baseUrl());
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> MemaxClient.builder().baseUrl("ftp://x").build());
    }

    @Test
    void aPerCallTimeoutApplies() {
        server.slow(Duration.ofMillis(1000), Fixtures.USER);
        try (MemaxClient client = server.client().maxRetries(0).build()) {
            assertThrows(
                    dev.memax.sdk.errors.ConnectionException.class,
                    () -> client.auth()
                            .me(RequestOptions.builder()
                                    .timeout(Duration.ofMillis(100))
                                    .build()));
        }
    }

    @Test
    void aClosedClientRefusesCalls() {
        MemaxClient client = server.client().build();
        client.close();
        client.close();
        assertThrows(IllegalStateException.class, () -> client.auth().me());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void toBuilderDerivesAnIndependentClient() {
        server.data(Fixtures.USER).data(Fixtures.USER);
        UUID hub = UUID.randomUUID();
        MemaxClient first = server.client().defaultHubId(hub).build();
        MemaxClient second = first.toBuilder().apiKey("mxk_other").build();
        first.close();
        second.auth().me();
        second.close();
        assertEquals("Bearer mxk_other", server.only().header("Authorization"));
        assertEquals(hub.toString(), server.only().header("X-Hub-ID"));
    }

    @Test
    void aSuppliedHttpClientIsUsedAndNotClosed() {
        server.data(Fixtures.USER).data(Fixtures.USER);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        try (MemaxClient client = server.client().httpClient(http).build()) {
            client.auth().me();
        }
        try (MemaxClient client = server.client().httpClient(http).build()) {
            client.auth().me();
        }
        assertEquals(2, server.requests().size());
    }
}
