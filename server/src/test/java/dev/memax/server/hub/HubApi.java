package dev.memax.server.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Hub routes over raw HTTP, for the hub tests: each call returns the raw result; the {@code *Ok} helpers assert success. */
public final class HubApi {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private final MemaxServerExtension server;

    public HubApi(MemaxServerExtension server) {
        this.server = server;
    }

    public Http http() {
        return server.http();
    }

    public TestUser user(String name) {
        return server.server().createUser(name + "-" + SEQUENCE.incrementAndGet() + "@example.com");
    }

    public Http.Result get(TestUser as, String path) {
        return http().send("GET", path, null, "Authorization", as.bearer(), "Content-Type", "application/json");
    }

    public Http.Result get(String bearer, String path) {
        return http().send("GET", path, null, "Authorization", bearer);
    }

    public Http.Result send(TestUser as, String method, String path, String body) {
        return send(as.bearer(), method, path, body);
    }

    public Http.Result send(String bearer, String method, String path, String body) {
        return body == null
                ? http().send(method, path, null, "Authorization", bearer)
                : http().send(method, path, body, "Authorization", bearer, "Content-Type", "application/json");
    }

    /** A team hub owned by {@code owner}; returns its id. */
    public UUID createHub(TestUser owner, String name) {
        Http.Result result = send(owner, "POST", "/v1/hubs", "{\"name\": \"" + name + "\"}");
        assertThat(result.status()).as(result.toString()).isEqualTo(201);
        return UUID.fromString(result.json().at("/data/hub/id").asText());
    }

    public void addMember(TestUser owner, UUID hubId, TestUser member, String role) {
        Http.Result result = send(
                owner,
                "POST",
                "/v1/hubs/" + hubId + "/members",
                "{\"user_id\": \"" + member.id() + "\", \"role\": \"" + role + "\"}");
        assertThat(result.status()).as(result.toString()).isEqualTo(201);
    }

    /** Creates an invite and returns the created invite's data (with token and url). */
    public JsonNode createInvite(TestUser admin, UUID hubId, String body) {
        Http.Result result = send(admin, "POST", "/v1/hubs/" + hubId + "/invites", body);
        assertThat(result.status()).as(result.toString()).isEqualTo(201);
        return result.json().path("data");
    }

    /** The role of a user in a hub straight from the database ("none" when not a member). */
    public String roleInDb(UUID hubId, UUID userId) {
        long rank = server.database()
                .queryLong("SELECT coalesce((SELECT CASE role WHEN 'owner' THEN 4 WHEN 'admin' THEN 3 "
                        + "WHEN 'contributor' THEN 2 WHEN 'viewer' THEN 1 END FROM hub_members WHERE hub_id = '" + hubId
                        + "' AND user_id = '" + userId + "'), 0)");
        return switch ((int) rank) {
            case 4 -> "owner";
            case 3 -> "admin";
            case 2 -> "contributor";
            case 1 -> "viewer";
            default -> "none";
        };
    }

    /**
     * A digest of everything the hub routes can change about one hub (the hub row, its members,
     * invites and pending transfer), to prove a refused request changed nothing.
     */
    public long fingerprint(UUID hubId) {
        String id = "'" + hubId + "'";
        return server.database()
                .queryLong("SELECT ('x' || substr(md5("
                        + "coalesce((SELECT name || '|' || slug || '|' || owner_id || '|' || description || '|' || updated_at "
                        + "FROM hubs WHERE id = " + id + "), 'gone') || '#' "
                        + "|| coalesce((SELECT string_agg(user_id || ':' || role, ',' ORDER BY user_id) FROM hub_members "
                        + "WHERE hub_id = " + id + "), '') || '#' "
                        + "|| coalesce((SELECT string_agg(id || ':' || token_hash || ':' || expires_at || ':' "
                        + "|| coalesce(revoked_at::text, '-') || ':' || coalesce(accepted_by::text, '-'), ',' ORDER BY id) "
                        + "FROM hub_invites WHERE hub_id = " + id + "), '') || '#' "
                        + "|| coalesce((SELECT from_user || ':' || to_user || ':' || created_at FROM hub_ownership_transfers "
                        + "WHERE hub_id = " + id + "), '')"
                        + "), 1, 15))::bit(60)::bigint");
    }

    public long count(String sql) {
        return server.database().queryLong(sql);
    }

    /** Asserts an error answer: status, code and a non-empty message. */
    public static void assertError(Http.Result result, int status, String code) {
        assertThat(result.status()).as(result.toString()).isEqualTo(status);
        assertThat(result.errorCode()).as(result.toString()).isEqualTo(code);
        assertThat(result.json().at("/error/message").asText())
                .as(result.toString())
                .isNotBlank();
        assertThat(result.json().has("data")).isFalse();
    }
}
