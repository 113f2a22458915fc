package dev.memax.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memax.sdk.models.ApiKey;
import dev.memax.sdk.models.AuthResult;
import dev.memax.sdk.models.Deleted;
import dev.memax.sdk.models.HubEntry;
import dev.memax.sdk.models.HubLeft;
import dev.memax.sdk.models.HubRole;
import dev.memax.sdk.models.HubType;
import dev.memax.sdk.models.Invite;
import dev.memax.sdk.models.InvitePreview;
import dev.memax.sdk.models.InviteStatus;
import dev.memax.sdk.models.Jwks;
import dev.memax.sdk.models.LogoutResult;
import dev.memax.sdk.models.Member;
import dev.memax.sdk.models.MemberRemoved;
import dev.memax.sdk.models.MemoryKind;
import dev.memax.sdk.models.MemoryStability;
import dev.memax.sdk.models.MemoryState;
import dev.memax.sdk.models.RecallMode;
import dev.memax.sdk.models.Scopes;
import dev.memax.sdk.models.Settings;
import dev.memax.sdk.models.SignupAccepted;
import dev.memax.sdk.models.SlugCheck;
import dev.memax.sdk.models.Tokens;
import dev.memax.sdk.models.Transfer;
import dev.memax.sdk.models.TransferCancelled;
import dev.memax.sdk.models.User;
import dev.memax.sdk.models.WireEnum;
import dev.memax.sdk.params.ApiKeyCreateParams;
import dev.memax.sdk.params.ApiKeyUpdateParams;
import dev.memax.sdk.params.HubCreateParams;
import dev.memax.sdk.params.HubUpdateParams;
import dev.memax.sdk.params.InviteCreateParams;
import dev.memax.sdk.params.ListParams;
import dev.memax.sdk.params.MemberAddParams;
import dev.memax.sdk.params.MemoryListParams;
import dev.memax.sdk.params.SettingsUpdateParams;
import dev.memax.sdk.params.SignupParams;
import dev.memax.sdk.params.UserUpdateParams;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every SDK method: the request it sends and how it reads the answer. */
class ServicesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID USER_ID = UUID.fromString(Fixtures.USER_ID);
    private static final UUID OTHER = UUID.fromString(Fixtures.OTHER_USER_ID);
    private static final UUID HUB = UUID.fromString(Fixtures.TEAM_HUB_ID);
    private static final UUID KEY = UUID.fromString(Fixtures.KEY_ID);
    private static final UUID INVITE = UUID.fromString(Fixtures.INVITE_ID);
    private final MockServer server = new MockServer();
    private final MemaxClient client = server.client().build();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private void assertRequest(String method, String path, String bodyJson) {
        MockServer.Recorded r = server.last();
        assertEquals(method, r.method(), r.toString());
        assertEquals(path, r.path());
        if (bodyJson == null) {
            assertTrue(r.body().isEmpty(), "no body expected, got " + r.body());
        } else {
            try {
                assertEquals(JSON.readTree(bodyJson), JSON.readTree(r.body()));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    // --- plans ---

    @Test
    void plansAreABareArrayOrAnOlderServersObject() {
        String free = """
                {"id":"free","name":"Free","memory_limit":1000,"monthly_pushes":5000,"monthly_recalls":10000,
                 "monthly_asks":200,"storage_bytes":null,"max_upload_bytes":null,"heavy_per_minute":30,
                 "regular_per_minute":120,"light_per_minute":300,"dreams":false,"display_name":"Free","push_limit":5000}""";
        server.data("[" + free + "]").data("{\"plans\":[" + free + "]}");
        List<dev.memax.sdk.models.Plan> plans = client.plans().list();
        assertRequest("GET", "/v1/plans", null);
        assertNull(server.last().headers().getFirst("Authorization"), "a public route sends no credential");
        assertEquals("Free", plans.get(0).name());
        assertEquals(5000L, plans.get(0).monthlyPushes());
        assertNull(plans.get(0).storageBytes());
        assertEquals(plans, client.plans().list());
    }

    // --- OAuth clients (admins) ---

    @Test
    void oauthClients() {
        String body = "{\"client_id\":\"mxc_1\",\"registration\":\"admin\",\"client_name\":\"Bot\","
                + "\"redirect_uris\":[\"https://bot.example/cb\"],\"client_uri\":null,\"logo_uri\":null,"
                + "\"created_at\":\"2026-01-01T00:00:00Z\"}";
        server.data(body);
        dev.memax.sdk.models.OAuthClient created = client.oauthClients()
                .create(dev.memax.sdk.params.OAuthClientCreateParams.builder()
                        .clientName("Bot")
                        .redirectUris("https://bot.example/cb")
                        .build());
        assertRequest(
                "POST",
                "/v1/admin/oauth-clients",
                "{\"client_name\":\"Bot\",\"redirect_uris\":[\"https://bot.example/cb\"]}");
        assertEquals("mxc_1", created.clientId());
        assertNull(created.logoUri());

        server.data("{\"clients\":[" + body + "],\"next_cursor\":\"c2\",\"has_more\":true}")
                .data("{\"clients\":[],\"next_cursor\":\"\",\"has_more\":false}");
        Page<dev.memax.sdk.models.OAuthClient> page =
                client.oauthClients().list(true, ListParams.limit(1), RequestOptions.NONE);
        assertEquals("dynamic", server.last().queryParam("registration"));
        assertEquals("1", server.last().queryParam("limit"));
        assertEquals(List.of(created), page.items());
        page.nextPage();
        assertEquals("dynamic", server.last().queryParam("registration"), "the filter stays on the next page");
        assertEquals("c2", server.last().queryParam("cursor"));

        server.data("{\"client_id\":\"mxc_1\",\"deleted\":true}");
        assertTrue(client.oauthClients().delete("mxc_1").deleted());
        assertRequest("DELETE", "/v1/admin/oauth-clients/mxc_1", null);
    }

    @Test
    void oauthGrants() {
        String grant =
                "{\"id\":\"7d0d3b1e-8c1a-4a57-9a4e-2f1f6c1b9a10\",\"client_id\":\"https://claude.ai/oauth/client.json\","
                        + "\"client_name\":\"Claude\",\"scopes\":[\"memax:read\",\"memax:write\"],"
                        + "\"created_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-02T00:00:00Z\"}";
        server.data("{\"grants\":[" + grant + "],\"next_cursor\":\"\",\"has_more\":false}");
        Page<dev.memax.sdk.models.OAuthGrant> page = client.oauthGrants().list(ListParams.limit(5));
        assertRequest("GET", "/v1/auth/oauth-grants", null);
        assertEquals("5", server.last().queryParam("limit"));
        dev.memax.sdk.models.OAuthGrant only = page.items().get(0);
        assertEquals("Claude", only.clientName());
        assertEquals(List.of("memax:read", "memax:write"), only.scopes());

        server.data(
                "{\"id\":\"7d0d3b1e-8c1a-4a57-9a4e-2f1f6c1b9a10\",\"client_id\":\"https://claude.ai/oauth/client.json\","
                        + "\"revoked\":true,\"sessions_revoked\":2}");
        dev.memax.sdk.models.OAuthGrantRevoked revoked = client.oauthGrants().revoke(only.id());
        assertRequest("DELETE", "/v1/auth/oauth-grants/7d0d3b1e-8c1a-4a57-9a4e-2f1f6c1b9a10", null);
        assertTrue(revoked.revoked());
        assertEquals(2, revoked.sessionsRevoked());
    }

    // --- auth ---

    @Test
    void signup() {
        server.reply(
                202,
                "{\"data\":{\"status\":\"accepted\",\"email\":\"ada@example.com\",\"next\":\"POST /v1/auth/login\"}}");
        SignupAccepted result = client.auth()
                .signup(SignupParams.builder()
                        .email("ada@example.com")
                        .password("correct horse battery")
                        .name("Ada")
                        .inviteToken("mxi_1")
                        .build());
        assertRequest("POST", "/v1/auth/signup", """
                {"email":"ada@example.com","password":"correct horse battery","name":"Ada","invite_token":"mxi_1"}""");
        assertEquals(new SignupAccepted("accepted", "ada@example.com", "POST /v1/auth/login"), result);
    }

    @Test
    void login() {
        server.reply(200, "{\"data\":{\"user\":" + Fixtures.USER + ",\"tokens\":" + Fixtures.TOKENS + "}}");
        AuthResult result = client.auth().login("ada@example.com", "correct horse battery");
        assertRequest("POST", "/v1/auth/login", """
                {"email":"ada@example.com","password":"correct horse battery"}""");
        User user = result.user();
        assertEquals(USER_ID, user.id());
        assertEquals("ada@example.com", user.email());
        assertEquals("Ada", user.name());
        assertFalse(user.isAdmin());
        assertEquals("free", user.plan());
        assertEquals(UUID.fromString(Fixtures.HUB_ID), user.personalHubId());
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), user.createdAt());
        assertEquals(Instant.parse("2026-01-02T03:04:05.123Z"), user.updatedAt());
        Tokens tokens = result.tokens();
        assertEquals("Bearer", tokens.tokenType());
        assertEquals(3600, tokens.expiresIn());
        assertEquals(Instant.parse("2026-01-02T04:04:05Z"), tokens.expiresAt());
        assertTrue(tokens.refreshToken().startsWith("mxr_"));
        assertEquals(Instant.parse("2026-02-01T03:04:05Z"), tokens.refreshExpiresAt());
        assertFalse(tokens.toString().contains("mxr_"), "secrets stay out of toString");
    }

    @Test
    void signupOmitsUnsetFieldsAndRequiresEmailAndPassword() {
        server.reply(202, "{\"data\":{\"status\":\"accepted\",\"email\":\"a@b.c\",\"next\":\"POST /v1/auth/login\"}}");
        client.auth()
                .signup(SignupParams.builder()
                        .email("a@b.c")
                        .password("0123456789")
                        .build());
        assertRequest("POST", "/v1/auth/signup", "{\"email\":\"a@b.c\",\"password\":\"0123456789\"}");
        assertThrows(
                IllegalStateException.class,
                () -> SignupParams.builder().email("a@b.c").build());
        assertFalse(SignupParams.builder()
                .email("a")
                .password("secret-pass")
                .build()
                .toString()
                .contains("secret"));
    }

    @Test
    void refreshAnswersTheNewTokens() {
        server.data("{\"tokens\":" + Fixtures.TOKENS + "}");
        Tokens tokens = client.auth().refresh("mxr_old");
        assertRequest("POST", "/v1/auth/refresh", "{\"refresh_token\":\"mxr_old\"}");
        assertEquals("eyJhbGciOiJFUzI1NiJ9.e30.sig", tokens.accessToken());
    }

    @Test
    void logout() {
        server.data("{\"revoked\":true}").data("{\"revoked\":true}");
        LogoutResult result = client.auth().logout();
        assertRequest("POST", "/v1/auth/logout", "{}");
        assertTrue(result.revoked());
        client.auth().logout("mxr_1");
        assertRequest("POST", "/v1/auth/logout", "{\"refresh_token\":\"mxr_1\"}");
        assertEquals("Bearer mxk_test", server.last().header("Authorization"));
    }

    @Test
    void meAndUpdateMe() {
        server.data(Fixtures.USER).data(Fixtures.USER);
        assertEquals(USER_ID, client.auth().me().id());
        assertRequest("GET", "/v1/auth/me", null);
        client.auth()
                .updateMe(UserUpdateParams.builder()
                        .name("Ada L")
                        .password("new-password-1")
                        .currentPassword("old-password-1")
                        .build());
        assertRequest("PATCH", "/v1/auth/me", """
                {"name":"Ada L","password":"new-password-1","current_password":"old-password-1"}""");
    }

    // --- settings ---

    @Test
    void settings() {
        server.data("{\"settings\":{\"theme\":\"dark\",\"n\":3}}")
                .data("{\"settings\":{\"theme\":\"light\",\"nested\":{\"a\":[1,2]}}}");
        Settings settings = client.settings().get();
        assertRequest("GET", "/v1/settings", null);
        assertEquals("dark", settings.get("theme"));
        assertEquals(3, settings.get("n"));

        Settings updated = client.settings()
                .update(SettingsUpdateParams.builder()
                        .set("theme", "light")
                        .set("nested", Map.of("a", List.of(1, 2)))
                        .remove("n")
                        .build());
        assertRequest("PATCH", "/v1/settings", """
                {"settings":{"theme":"light","nested":{"a":[1,2]},"n":null}}""");
        assertEquals(Map.of("a", List.of(1, 2)), updated.get("nested"));
        assertNull(updated.get("n"));
    }

    @Test
    void settingsFromAMapKeepNulls() {
        server.data("{\"settings\":{}}");
        Map<String, Object> changes = new HashMap<>();
        changes.put("gone", null);
        client.settings().update(changes);
        assertRequest("PATCH", "/v1/settings", "{\"settings\":{\"gone\":null}}");
    }

    // --- API keys ---

    @Test
    void createApiKey() {
        String created = Fixtures.API_KEY
                .replace("\"agent_name\":null", "\"agent_name\":\"claude\"")
                .replace("}", ",\"key\":\"mxk_" + "e".repeat(64) + "\"}");
        server.reply(201, "{\"data\":" + created + "}");
        ApiKey key = client.apiKeys()
                .create(ApiKeyCreateParams.builder()
                        .name("ci")
                        .scopes(Scopes.READ, Scopes.WRITE)
                        .addHubId(HUB)
                        .agentName("claude")
                        .expiresInDays(30)
                        .build());
        assertRequest("POST", "/v1/auth/api-keys", """
                {"name":"ci","scopes":["memax:read","memax:write"],"hub_ids":["%s"],"agent_name":"claude",
                 "expires_in_days":30}""".formatted(HUB));
        assertEquals(KEY, key.id());
        assertEquals("mxk_" + "e".repeat(64), key.key());
        assertEquals(List.of(Scopes.READ, Scopes.WRITE), key.scopes());
        assertNull(key.hubIds());
        assertEquals("claude", key.agentName());
        assertNull(key.expiresAt());
        assertNull(key.lastUsedAt());
        assertFalse(key.toString().contains("eeee"), "the secret stays out of toString");
    }

    @Test
    void createApiKeyWithOneHubAndDefaults() {
        server.reply(201, "{\"data\":" + Fixtures.API_KEY + "}");
        client.apiKeys()
                .create(ApiKeyCreateParams.builder().name("one").hubId(HUB).build());
        assertRequest("POST", "/v1/auth/api-keys", "{\"name\":\"one\",\"hub_id\":\"" + HUB + "\"}");
        assertThrows(
                IllegalStateException.class, () -> ApiKeyCreateParams.builder().build());
    }

    @Test
    void listUpdateDeleteApiKeys() {
        server.data("{\"api_keys\":[" + Fixtures.API_KEY + "],\"next_cursor\":\"\",\"has_more\":false}")
                .data(Fixtures.API_KEY);
        Page<ApiKey> page = client.apiKeys().list();
        assertRequest("GET", "/v1/auth/api-keys", null);
        assertNull(server.last().query());
        assertNull(page.items().get(0).key());
        client.apiKeys()
                .update(
                        KEY,
                        ApiKeyUpdateParams.builder()
                                .name("renamed")
                                .agentName("codex")
                                .build());
        assertRequest("PATCH", "/v1/auth/api-keys/" + KEY, "{\"name\":\"renamed\",\"agent_name\":\"codex\"}");
        server.data(Fixtures.API_KEY);
        client.apiKeys()
                .update(KEY, ApiKeyUpdateParams.builder().clearAgentName().build());
        assertRequest("PATCH", "/v1/auth/api-keys/" + KEY, "{\"agent_name\":\"\"}");
        server.data("{\"id\":\"" + KEY + "\",\"deleted\":true}");
        Deleted deleted = client.apiKeys().delete(KEY);
        assertRequest("DELETE", "/v1/auth/api-keys/" + KEY, null);
        assertEquals(new Deleted(KEY, true), deleted);
    }

    // --- hubs ---

    @Test
    void hubs() {
        server.reply(201, "{\"data\":" + Fixtures.TEAM_HUB_ENTRY + "}")
                .data(Fixtures.TEAM_HUB_ENTRY)
                .data(Fixtures.TEAM_HUB_ENTRY)
                .data("{\"id\":\"" + HUB + "\",\"deleted\":true}")
                .data("{\"slug\":\"taken-one\",\"available\":false,\"reason\":\"taken\"}");
        HubEntry created = client.hubs()
                .create(HubCreateParams.builder()
                        .name("Research")
                        .slug("research")
                        .description("Papers")
                        .timeZone("Europe/Paris")
                        .build());
        assertRequest(
                "POST",
                "/v1/hubs",
                "{\"name\":\"Research\",\"slug\":\"research\",\"description\":\"Papers\",\"time_zone\":\"Europe/Paris\"}");
        assertEquals(HubRole.OWNER, created.role());
        assertEquals(3, created.memoryCount());
        assertEquals(HubType.TEAM, created.hub().hubType());
        assertEquals(USER_ID, created.hub().ownerId());
        assertEquals("Papers", created.hub().description());
        assertEquals("Europe/Paris", created.hub().timeZone());

        client.hubs().get(HUB);
        assertRequest("GET", "/v1/hubs/" + HUB, null);
        client.hubs()
                .update(
                        HUB,
                        HubUpdateParams.builder()
                                .description("More papers")
                                .timeZone("Asia/Tokyo")
                                .build());
        assertRequest("PATCH", "/v1/hubs/" + HUB, "{\"description\":\"More papers\",\"time_zone\":\"Asia/Tokyo\"}");
        assertEquals(new Deleted(HUB, true), client.hubs().delete(HUB));
        assertRequest("DELETE", "/v1/hubs/" + HUB, null);

        SlugCheck check = client.hubs().checkSlug("taken-one");
        assertRequest("GET", "/v1/hubs/check-slug", null);
        assertEquals("taken-one", server.last().queryParam("slug"));
        assertEquals(new SlugCheck("taken-one", false, "taken"), check);
    }

    @Test
    void listHubs() {
        server.data("[" + Fixtures.PERSONAL_HUB_ENTRY + "," + Fixtures.TEAM_HUB_ENTRY + "]");
        List<HubEntry> hubs = client.hubs().list().items();
        assertRequest("GET", "/v1/hubs", null);
        assertEquals(HubType.PERSONAL, hubs.get(0).hub().hubType());
        assertNull(hubs.get(0).hub().description());
        assertEquals(0, hubs.get(0).memoryCount());
        assertEquals("Research", hubs.get(1).hub().name());
    }

    @Test
    void members() {
        server.data("{\"members\":[" + Fixtures.MEMBER + "],\"next_cursor\":\"\",\"has_more\":false}")
                .reply(201, "{\"data\":" + Fixtures.MEMBER + "}")
                .reply(201, "{\"data\":" + Fixtures.MEMBER + "}")
                .data(Fixtures.MEMBER.replace("contributor", "admin"))
                .data("{\"user_id\":\"" + OTHER + "\",\"removed\":true}")
                .data("{\"hub_id\":\"" + HUB + "\",\"left\":true}");
        Member member = client.hubs()
                .members(HUB)
                .list(dev.memax.sdk.params.ListParams.limit(50))
                .items()
                .get(0);
        assertRequest("GET", "/v1/hubs/" + HUB + "/members", null);
        assertEquals("50", server.last().queryParam("limit"));
        assertEquals(
                new Member(OTHER, "bob@example.com", "Bob", HubRole.CONTRIBUTOR, Instant.parse("2026-01-03T00:00:00Z")),
                member);

        client.hubs()
                .members(HUB)
                .add(MemberAddParams.builder()
                        .email("bob@example.com")
                        .role(HubRole.CONTRIBUTOR)
                        .build());
        assertRequest(
                "POST", "/v1/hubs/" + HUB + "/members", "{\"email\":\"bob@example.com\",\"role\":\"contributor\"}");
        client.hubs()
                .members(HUB)
                .add(MemberAddParams.builder().userId(OTHER).role("viewer").build());
        assertRequest("POST", "/v1/hubs/" + HUB + "/members", "{\"user_id\":\"" + OTHER + "\",\"role\":\"viewer\"}");

        assertEquals(
                HubRole.ADMIN,
                client.hubs().members(HUB).updateRole(OTHER, HubRole.ADMIN).role());
        assertRequest("PATCH", "/v1/hubs/" + HUB + "/members/" + OTHER, "{\"role\":\"admin\"}");
        assertEquals(new MemberRemoved(OTHER, true), client.hubs().members(HUB).remove(OTHER));
        assertRequest("DELETE", "/v1/hubs/" + HUB + "/members/" + OTHER, null);
        assertEquals(new HubLeft(HUB, true), client.hubs().members(HUB).leave());
        assertRequest("POST", "/v1/hubs/" + HUB + "/leave", null);
        UUID.fromString(server.last().header("Idempotency-Key"));

        assertThrows(
                IllegalStateException.class,
                () -> MemberAddParams.builder().role(HubRole.VIEWER).build());
        assertThrows(
                IllegalArgumentException.class, () -> MemberAddParams.builder().role(HubRole.UNKNOWN));
        assertThrows(
                IllegalArgumentException.class, () -> client.hubs().members(HUB).updateRole(OTHER, HubRole.UNKNOWN));
    }

    @Test
    void hubInvites() {
        server.reply(201, "{\"data\":" + Fixtures.INVITE + "}")
                .reply(201, "{\"data\":" + Fixtures.INVITE + "}")
                .data("{\"invites\":[" + Fixtures.INVITE + "],\"next_cursor\":\"\",\"has_more\":false}")
                .data(Fixtures.INVITE.replace("\"pending\"", "\"revoked\""))
                .data(Fixtures.INVITE);
        Invite invite = client.hubs()
                .invites(HUB)
                .create(InviteCreateParams.builder()
                        .email("carol@example.com")
                        .role(HubRole.VIEWER)
                        .expiresInDays(3)
                        .build());
        assertRequest(
                "POST",
                "/v1/hubs/" + HUB + "/invites",
                "{\"email\":\"carol@example.com\",\"role\":\"viewer\",\"expires_in_days\":3}");
        assertEquals(INVITE, invite.id());
        assertEquals(HUB, invite.hubId());
        assertNull(invite.email());
        assertEquals(HubRole.VIEWER, invite.role());
        assertEquals(InviteStatus.PENDING, invite.status());
        assertEquals(USER_ID, invite.createdBy());
        assertNull(invite.acceptedBy());
        assertTrue(invite.token().startsWith("mxi_"));
        assertTrue(invite.url().endsWith("/v1/invites/" + invite.token()));
        assertFalse(invite.toString().contains("mxi_"), "the secret stays out of toString");

        client.hubs().invites(HUB).create();
        assertRequest("POST", "/v1/hubs/" + HUB + "/invites", "{}");

        assertEquals(1, client.hubs().invites(HUB).list().items().size());
        assertRequest("GET", "/v1/hubs/" + HUB + "/invites", null);
        assertEquals(
                InviteStatus.REVOKED, client.hubs().invites(HUB).revoke(INVITE).status());
        assertRequest("DELETE", "/v1/hubs/" + HUB + "/invites/" + INVITE, null);
        client.hubs().invites(HUB).regenerate(INVITE);
        assertRequest("POST", "/v1/hubs/" + HUB + "/invites/" + INVITE + "/regenerate", null);
        server.data(Fixtures.INVITE);
        client.hubs().invites(HUB).regenerate(INVITE, 30);
        assertRequest("POST", "/v1/hubs/" + HUB + "/invites/" + INVITE + "/regenerate", "{\"expires_in_days\":30}");
    }

    @Test
    void transfer() {
        server.reply(201, "{\"data\":" + Fixtures.TRANSFER + "}")
                .data(Fixtures.TRANSFER)
                .data(Fixtures.TEAM_HUB_ENTRY)
                .data("{\"hub_id\":\"" + HUB + "\",\"cancelled\":true}");
        Transfer offered = client.hubs().transfer(HUB).offer(OTHER);
        assertRequest("POST", "/v1/hubs/" + HUB + "/transfer", "{\"user_id\":\"" + OTHER + "\"}");
        assertEquals(new Transfer(HUB, USER_ID, OTHER, Instant.parse("2026-01-04T00:00:00Z")), offered);
        assertEquals(offered, client.hubs().transfer(HUB).get());
        assertRequest("GET", "/v1/hubs/" + HUB + "/transfer", null);
        assertEquals(HUB, client.hubs().transfer(HUB).accept().hub().id());
        assertRequest("POST", "/v1/hubs/" + HUB + "/transfer/accept", null);
        assertEquals(
                new TransferCancelled(HUB, true), client.hubs().transfer(HUB).cancel());
        assertRequest("DELETE", "/v1/hubs/" + HUB + "/transfer", null);
    }

    @Test
    void invitesByToken() {
        String token = "mxi_" + "cd".repeat(32);
        server.data("{\"hub_name\":\"Research\",\"role\":\"viewer\",\"expires_at\":\"2026-01-09T00:00:00Z\"}")
                .data(Fixtures.TEAM_HUB_ENTRY.replace("\"owner\",\"memory_count\"", "\"viewer\",\"memory_count\""));
        InvitePreview preview = client.invites().lookup(token);
        assertRequest("GET", "/v1/invites/" + token, null);
        assertEquals(new InvitePreview("Research", HubRole.VIEWER, Instant.parse("2026-01-09T00:00:00Z")), preview);
        HubEntry joined = client.invites().accept(token);
        assertRequest("POST", "/v1/invites/" + token + "/accept", null);
        assertEquals(HubRole.VIEWER, joined.role());
        assertEquals("Bearer mxk_test", server.last().header("Authorization"));
    }

    @Test
    void tokensAreEncodedInPaths() {
        server.error(404, "not_found", "invite not found");
        assertThrows(
                dev.memax.sdk.errors.NotFoundException.class,
                () -> client.invites().lookup("a/b c"));
        assertEquals("/v1/invites/a%2Fb%20c", server.last().path());
    }

    @Test
    void jwksIsReadUnwrapped() {
        server.reply(200, """
                {"keys":[{"kty":"EC","crv":"P-256","kid":"k1","use":"sig","alg":"ES256","x":"abc","y":"def"}]}""");
        Jwks jwks = client.jwks().get();
        assertRequest("GET", "/.well-known/jwks.json", null);
        assertEquals(1, jwks.keys().size());
        assertEquals("EC", jwks.key("k1").get("kty"));
        assertNull(jwks.key("nope"));
    }

    // --- tolerance ---

    @Test
    void unknownFieldsAndEnumValuesAreTolerated() {
        server.data("""
                {"hub":{"id":"%s","name":"Org","slug":"org","hub_type":"organisation","owner_id":"%s",
                        "description":null,"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z",
                        "color":"blue","settings":{"x":1}},
                 "role":"billing","memory_count":12,"pinned":true,"extra":[1,2,3]}
                """.formatted(HUB, USER_ID));
        HubEntry entry = client.hubs().get(HUB);
        assertEquals(HubType.UNKNOWN, entry.hub().hubType());
        assertEquals(HubRole.UNKNOWN, entry.role());
        assertEquals(12, entry.memoryCount());
        assertEquals("Org", entry.hub().name());

        server.data(Fixtures.INVITE.replace("\"pending\"", "\"paused\"").replace("{\"id\"", "{\"new_field\":1,\"id\""));
        assertEquals(
                InviteStatus.UNKNOWN,
                client.hubs().invites(HUB).regenerate(INVITE).status());

        server.data("{\"id\":\"" + USER_ID + "\",\"email\":\"a@b.c\",\"is_admin\":true,\"mfa\":{\"enabled\":true}}");
        User user = client.auth().me();
        assertTrue(user.isAdmin());
        assertNull(user.name());
    }

    @Test
    void enumsReadAndWriteTheirWireValues() {
        for (HubRole role : HubRole.values()) {
            assertEquals(role == HubRole.UNKNOWN ? HubRole.UNKNOWN : role, HubRole.fromWire(role.wire()));
        }
        assertEquals(HubRole.UNKNOWN, HubRole.fromWire(null));
        assertEquals("contributor", HubRole.CONTRIBUTOR.toString());
        assertEquals(HubType.TEAM, HubType.fromWire("team"));
        assertEquals(InviteStatus.EXPIRED, InviteStatus.fromWire("expired"));
    }

    /** Every API enum, in JSON, by the client's mapper and by a caller's plain one: wire value out, constant back, UNKNOWN for news. */
    @Test
    void enumsTravelAsTheirWireValuesInJson() throws Exception {
        List<Class<? extends Enum<?>>> enums = List.of(
                HubRole.class,
                HubType.class,
                InviteStatus.class,
                MemoryKind.class,
                MemoryStability.class,
                MemoryState.class,
                RecallMode.class);
        for (ObjectMapper mapper : List.of(Json.MAPPER, new ObjectMapper())) {
            for (Class<? extends Enum<?>> type : enums) {
                for (Enum<?> constant : type.getEnumConstants()) {
                    String wire = constant.name().toLowerCase(java.util.Locale.ROOT);
                    assertEquals("\"" + wire + "\"", mapper.writeValueAsString(constant));
                    assertEquals(wire, ((WireEnum) constant).wire());
                    assertEquals(wire, constant.toString());
                    assertEquals(constant, mapper.readValue("\"" + wire + "\"", type));
                }
                assertEquals(
                        "UNKNOWN", mapper.readValue("\"added-later\"", type).name());
            }
        }
        assertEquals("relevant", MemoryListParams.Sort.RELEVANT.wire());
        assertEquals(
                Map.of("sort", "updated"),
                MemoryListParams.builder()
                        .sort(MemoryListParams.Sort.UPDATED)
                        .build()
                        .toQuery());
    }

    @Test
    void responseObjectsAreImmutable() {
        server.data(Fixtures.API_KEY);
        ApiKey key = client.apiKeys().update(KEY, ApiKeyUpdateParams.builder().build());
        assertRequest("PATCH", "/v1/auth/api-keys/" + KEY, "{}");
        assertThrows(UnsupportedOperationException.class, () -> key.scopes().add("x"));
        server.data("{\"settings\":{\"a\":1}}");
        Settings settings = client.settings().get();
        assertThrows(
                UnsupportedOperationException.class, () -> settings.values().put("b", 2));
    }

    @Test
    void jsonNodeFixturesAreValid() throws Exception {
        for (String fixture : List.of(
                Fixtures.USER,
                Fixtures.TOKENS,
                Fixtures.TEAM_HUB_ENTRY,
                Fixtures.PERSONAL_HUB_ENTRY,
                Fixtures.API_KEY,
                Fixtures.MEMBER,
                Fixtures.INVITE,
                Fixtures.TRANSFER)) {
            JsonNode node = JSON.readTree(fixture);
            assertTrue(node.isObject());
        }
    }
}
