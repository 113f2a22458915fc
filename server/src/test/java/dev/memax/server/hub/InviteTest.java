package dev.memax.server.hub;

import static dev.memax.server.hub.HubApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.auth.ApiKeyService;
import dev.memax.server.identity.Scope;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InviteTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static HubApi api;
    private static TestUser owner;
    private static UUID hubId;

    @BeforeAll
    static void hub() {
        api = new HubApi(SERVER);
        owner = api.user("owner");
        hubId = api.createHub(owner, "Invited Team");
    }

    private static String invites() {
        return "/v1/hubs/" + hubId + "/invites";
    }

    @Test
    void createAnswersTheInviteWithItsTokenAndUrlAndStoresOnlyTheTokenHash() {
        Http.Result created = api.send(
                owner,
                "POST",
                invites(),
                "{\"email\": \"Bound@Example.com\", \"role\": \"admin\", "
                        + "\"expires_in_days\": 2, \"unknown_field\": true}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode data = created.json().path("data");
        assertThat(fieldNames(data))
                .containsExactlyInAnyOrder(
                        "id",
                        "hub_id",
                        "email",
                        "role",
                        "status",
                        "expires_at",
                        "created_at",
                        "created_by",
                        "accepted_by",
                        "accepted_at",
                        "token",
                        "url",
                        "invite_id",
                        "invited_by",
                        "invitee_email",
                        "invite_url");
        assertThat(data.path("invited_by")).isEqualTo(data.path("created_by"));
        assertThat(data.path("invite_url")).isEqualTo(data.path("url"));
        assertThat(data.path("hub_id").asText()).isEqualTo(hubId.toString());
        assertThat(data.path("email").asText()).isEqualTo("Bound@Example.com");
        assertThat(data.path("role").asText()).isEqualTo("admin");
        assertThat(data.path("status").asText()).isEqualTo("pending");
        assertThat(data.path("created_by").asText()).isEqualTo(owner.id().toString());
        assertThat(data.path("accepted_by").isNull()).isTrue();
        assertThat(data.path("accepted_at").isNull()).isTrue();
        Instant expires = Instant.parse(data.path("expires_at").asText());
        Instant createdAt = Instant.parse(data.path("created_at").asText());
        assertThat(Duration.between(createdAt, expires)).isEqualTo(Duration.ofDays(2));
        String token = data.path("token").asText();
        assertThat(token).matches("mxi_[0-9a-f]{64}");
        assertThat(data.path("url").asText()).isEqualTo("http://127.0.0.1:8080/v1/invites/" + token);
        assertThat(api.count("SELECT count(*) FROM hub_invites WHERE id = '"
                        + data.path("id").asText() + "' AND token_hash = encode(sha256('" + token
                        + "'::bytea), 'hex')"))
                .isEqualTo(1);
        assertThat(api.count("SELECT count(*) FROM hub_invites WHERE token_hash LIKE 'mxi_%'"))
                .isZero();
    }

    @Test
    void defaultsAreContributorForSevenDaysUnbound() {
        JsonNode data = api.createInvite(owner, hubId, "{}");

        assertThat(data.path("role").asText()).isEqualTo("contributor");
        assertThat(data.path("email").isNull()).isTrue();
        assertThat(Duration.between(
                        Instant.parse(data.path("created_at").asText()),
                        Instant.parse(data.path("expires_at").asText())))
                .isEqualTo(Duration.ofDays(7));
    }

    @Test
    void invalidInviteBodiesAreValidationFailuresPerField() {
        assertInvalid("{\"role\": \"owner\"}", "role");
        assertInvalid("{\"role\": \"superuser\"}", "role");
        assertInvalid("{\"expires_in_days\": 0}", "expires_in_days");
        assertInvalid("{\"expires_in_days\": 31}", "expires_in_days");
        assertInvalid("{\"email\": \"not-an-email\"}", "email");
    }

    private static void assertInvalid(String body, String field) {
        Http.Result result = api.send(owner, "POST", invites(), body);
        assertError(result, 422, "validation_failed");
        assertThat(result.json().at("/error/details/fields").has(field))
                .as(result.toString())
                .isTrue();
    }

    @Test
    void publicPreviewShowsWhatAnInviteeNeedsAndNoMore() {
        JsonNode invite = api.createInvite(owner, hubId, "{\"email\": \"preview@example.com\", \"role\": \"viewer\"}");

        Http.Result preview =
                api.http().get("/v1/invites/" + invite.path("token").asText());

        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        JsonNode data = preview.json().path("data");
        assertThat(fieldNames(preview.json())).containsExactly("data");
        assertThat(fieldNames(data))
                .containsExactlyInAnyOrder(
                        "hub_name", "role", "expires_at", "invite", "hub", "member_count", "invited_by");
        assertThat(data.path("hub_name").asText()).isEqualTo("Invited Team");
        assertThat(data.path("role").asText()).isEqualTo("viewer");
        assertThat(data.path("expires_at").asText())
                .isEqualTo(invite.path("expires_at").asText());
        // Memax's shape: never the addressee's email, the token or anyone's user id.
        assertThat(fieldNames(data.path("invite")))
                .containsExactlyInAnyOrder("id", "hub_id", "role", "expires_at", "created_at");
        assertThat(data.at("/invite/id").asText()).isEqualTo(invite.path("id").asText());
        assertThat(fieldNames(data.path("hub"))).containsExactlyInAnyOrder("id", "name", "hub_type");
        assertThat(data.at("/hub/id").asText()).isEqualTo(hubId.toString());
        assertThat(data.at("/hub/hub_type").asText()).isEqualTo("team");
        assertThat(data.path("member_count").asLong())
                .isEqualTo(api.count("SELECT count(*) FROM hub_members WHERE hub_id = '" + hubId + "'"))
                .isPositive();
        assertThat(data.path("invited_by").asText())
                .isEqualTo(api.get(owner, "/v1/auth/me").json().at("/data/name").asText());
        assertThat(preview.body())
                .doesNotContain("preview@example.com")
                .doesNotContain(invite.path("token").asText())
                .doesNotContain(owner.id().toString());
    }

    @Test
    void unknownOrMalformedTokensAreNotFound() {
        assertError(api.http().get("/v1/invites/mxi_" + "0".repeat(64)), 404, "not_found");
        assertError(api.http().get("/v1/invites/garbage"), 404, "not_found");
        TestUser user = api.user("guesser");
        assertError(api.send(user, "POST", "/v1/invites/mxi_" + "0".repeat(64) + "/accept", null), 404, "not_found");
    }

    @Test
    void acceptJoinsWithTheInviteRoleExactlyOnce() {
        JsonNode invite = api.createInvite(owner, hubId, "{\"role\": \"viewer\"}");
        String token = invite.path("token").asText();
        TestUser joiner = api.user("joiner");

        Http.Result accepted = api.send(joiner, "POST", "/v1/invites/" + token + "/accept", null);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().at("/data/hub/id").asText()).isEqualTo(hubId.toString());
        assertThat(accepted.json().at("/data/hub/name").asText()).isEqualTo("Invited Team");
        assertThat(accepted.json().at("/data/role").asText()).isEqualTo("viewer");
        assertThat(accepted.json().at("/data/memory_count").asLong()).isZero();
        assertThat(api.roleInDb(hubId, joiner.id())).isEqualTo("viewer");
        Http.Result listed = api.get(owner, invites() + "?limit=100");
        JsonNode row = find(listed.json().at("/data"), invite.path("id").asText());
        assertThat(row.path("status").asText()).isEqualTo("accepted");
        assertThat(row.path("accepted_by").asText()).isEqualTo(joiner.id().toString());
        assertThat(row.path("accepted_at").asText()).isNotEmpty();

        // Used: gone for everyone, the accepter included.
        assertError(api.http().get("/v1/invites/" + token), 404, "not_found");
        assertError(api.send(joiner, "POST", "/v1/invites/" + token + "/accept", null), 404, "not_found");
        TestUser second = api.user("second");
        assertError(api.send(second, "POST", "/v1/invites/" + token + "/accept", null), 404, "not_found");
        assertThat(api.roleInDb(hubId, second.id())).isEqualTo("none");
    }

    @Test
    void concurrentAcceptsOfOneInviteLetExactlyOneUserIn() throws Exception {
        String token = api.createInvite(owner, hubId, "{}").path("token").asText();
        List<TestUser> racers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            racers.add(api.user("racer"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(racers.size());
        List<Future<Http.Result>> results = new ArrayList<>();
        for (TestUser racer : racers) {
            results.add(pool.submit(
                    (Callable<Http.Result>) () -> api.send(racer, "POST", "/v1/invites/" + token + "/accept", null)));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Http.Result> result : results) {
            Http.Result r = result.get();
            statuses.add(r.status());
            if (r.status() != 200) {
                assertError(r, 404, "not_found");
            }
        }
        pool.shutdown();

        assertThat(statuses).containsOnlyOnce(200);
        long joined = racers.stream()
                .filter(r -> !api.roleInDb(hubId, r.id()).equals("none"))
                .count();
        assertThat(joined).isEqualTo(1);
    }

    @Test
    void emailBoundInviteRefusesAnotherEmailAndAcceptsTheRightOneCaseInsensitively() {
        TestUser invitee = api.user("invitee");
        String token = api.createInvite(
                        owner, hubId, "{\"email\": \"" + invitee.email().toUpperCase() + "\"}")
                .path("token")
                .asText();
        TestUser stranger = api.user("stranger");

        Http.Result refused = api.send(stranger, "POST", "/v1/invites/" + token + "/accept", null);

        assertError(refused, 403, "forbidden");
        assertThat(api.roleInDb(hubId, stranger.id())).isEqualTo("none");
        Http.Result accepted = api.send(invitee, "POST", "/v1/invites/" + token + "/accept", null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().at("/data/role").asText()).isEqualTo("contributor");
        assertThat(api.roleInDb(hubId, invitee.id())).isEqualTo("contributor");
    }

    @Test
    void anExistingMemberAcceptingIsAConflictAndLeavesTheInviteUsable() {
        TestUser member = api.user("member");
        api.addMember(owner, hubId, member, "viewer");
        String token = api.createInvite(owner, hubId, "{\"role\": \"admin\"}")
                .path("token")
                .asText();

        assertError(api.send(member, "POST", "/v1/invites/" + token + "/accept", null), 409, "conflict");
        assertError(api.send(owner, "POST", "/v1/invites/" + token + "/accept", null), 409, "conflict");

        assertThat(api.roleInDb(hubId, member.id())).isEqualTo("viewer");
        assertThat(api.http().get("/v1/invites/" + token).status()).isEqualTo(200);
    }

    @Test
    void expiredInvitesAreNotFoundAndListedAsExpired() {
        JsonNode invite = api.createInvite(owner, hubId, "{}");
        String token = invite.path("token").asText();
        SERVER.database()
                .execute("UPDATE hub_invites SET expires_at = now() - interval '1 second' WHERE id = '"
                        + invite.path("id").asText() + "'");
        TestUser late = api.user("late");

        assertError(api.http().get("/v1/invites/" + token), 404, "not_found");
        assertError(api.send(late, "POST", "/v1/invites/" + token + "/accept", null), 404, "not_found");
        assertThat(api.roleInDb(hubId, late.id())).isEqualTo("none");
        JsonNode row = find(
                api.get(owner, invites() + "?limit=100").json().at("/data"),
                invite.path("id").asText());
        assertThat(row.path("status").asText()).isEqualTo("expired");
    }

    @Test
    void revokedInvitesAreNotFoundAndRevokingAgainChangesNothing() {
        JsonNode invite = api.createInvite(owner, hubId, "{}");
        String token = invite.path("token").asText();
        String path = invites() + "/" + invite.path("id").asText();

        Http.Result revoked = api.send(owner, "DELETE", path, null);

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().at("/data/status").asText()).isEqualTo("revoked");
        assertThat(revoked.json().at("/data/id").asText())
                .isEqualTo(invite.path("id").asText());
        assertThat(revoked.json().at("/data").has("token")).isFalse();
        assertError(api.http().get("/v1/invites/" + token), 404, "not_found");
        TestUser user = api.user("too-late");
        assertError(api.send(user, "POST", "/v1/invites/" + token + "/accept", null), 404, "not_found");
        long before = api.fingerprint(hubId);
        Http.Result again = api.send(owner, "DELETE", path, null);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().at("/data/status").asText()).isEqualTo("revoked");
        assertThat(api.fingerprint(hubId)).isEqualTo(before);
        // A revoked invite is final: it cannot be regenerated back to life.
        assertError(api.send(owner, "POST", path + "/regenerate", null), 409, "conflict");
    }

    @Test
    void anAcceptedInviteCanBeNeitherRevokedNorRegenerated() {
        JsonNode invite = api.createInvite(owner, hubId, "{}");
        TestUser joiner = api.user("joined");
        assertThat(api.send(
                                joiner,
                                "POST",
                                "/v1/invites/" + invite.path("token").asText() + "/accept",
                                null)
                        .status())
                .isEqualTo(200);
        String path = invites() + "/" + invite.path("id").asText();

        assertError(api.send(owner, "DELETE", path, null), 409, "conflict");
        assertError(api.send(owner, "POST", path + "/regenerate", null), 409, "conflict");
        assertThat(api.roleInDb(hubId, joiner.id())).isEqualTo("contributor");
    }

    @Test
    void regenerateKillsTheOldTokenAndGivesAFreshExpiry() {
        JsonNode invite = api.createInvite(owner, hubId, "{\"role\": \"viewer\", \"expires_in_days\": 1}");
        String oldToken = invite.path("token").asText();
        SERVER.database()
                .execute("UPDATE hub_invites SET expires_at = now() - interval '1 hour' WHERE id = '"
                        + invite.path("id").asText() + "'");

        Http.Result regenerated = api.send(
                owner,
                "POST",
                invites() + "/" + invite.path("id").asText() + "/regenerate",
                "{\"expires_in_days\": 14}");

        assertThat(regenerated.status()).as(regenerated.toString()).isEqualTo(200);
        JsonNode data = regenerated.json().path("data");
        String newToken = data.path("token").asText();
        assertThat(newToken).matches("mxi_[0-9a-f]{64}").isNotEqualTo(oldToken);
        assertThat(data.path("url").asText()).endsWith("/v1/invites/" + newToken);
        assertThat(data.path("status").asText()).isEqualTo("pending");
        assertThat(data.path("role").asText()).isEqualTo("viewer");
        assertThat(Instant.parse(data.path("expires_at").asText()))
                .isAfter(Instant.now().plus(Duration.ofDays(13)))
                .isBefore(Instant.now().plus(Duration.ofDays(15)));
        assertError(api.http().get("/v1/invites/" + oldToken), 404, "not_found");
        TestUser user = api.user("regen");
        assertError(api.send(user, "POST", "/v1/invites/" + oldToken + "/accept", null), 404, "not_found");
        Http.Result accepted = api.send(user, "POST", "/v1/invites/" + newToken + "/accept", null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().at("/data/role").asText()).isEqualTo("viewer");
    }

    @Test
    void regenerateWithoutABodyDefaultsToSevenDays() {
        JsonNode invite = api.createInvite(owner, hubId, "{\"expires_in_days\": 1}");

        Http.Result regenerated =
                api.send(owner, "POST", invites() + "/" + invite.path("id").asText() + "/regenerate", null);

        assertThat(regenerated.status()).as(regenerated.toString()).isEqualTo(200);
        assertThat(Instant.parse(regenerated.json().at("/data/expires_at").asText()))
                .isAfter(Instant.now().plus(Duration.ofDays(6)))
                .isBefore(Instant.now().plus(Duration.ofDays(8)));
    }

    @Test
    void unknownInviteIdsAreNotFound() {
        assertError(api.send(owner, "DELETE", invites() + "/" + UUID.randomUUID(), null), 404, "not_found");
        assertError(api.send(owner, "DELETE", invites() + "/not-a-uuid", null), 404, "not_found");
        assertError(
                api.send(owner, "POST", invites() + "/" + UUID.randomUUID() + "/regenerate", null), 404, "not_found");
    }

    @Test
    void anInviteIdOfAnotherHubIsNotFoundEvenToAnAdminOfBoth() {
        UUID otherHub = api.createHub(owner, "Other Invited Team");
        JsonNode invite = api.createInvite(owner, otherHub, "{}");
        long before = api.fingerprint(otherHub);

        assertError(
                api.send(owner, "DELETE", invites() + "/" + invite.path("id").asText(), null), 404, "not_found");
        assertError(
                api.send(owner, "POST", invites() + "/" + invite.path("id").asText() + "/regenerate", null),
                404,
                "not_found");

        assertThat(api.fingerprint(otherHub)).isEqualTo(before);
    }

    @Test
    void personalHubsTakeNoInvites() {
        long before = api.fingerprint(owner.personalHubId());

        Http.Result result = api.send(owner, "POST", "/v1/hubs/" + owner.personalHubId() + "/invites", "{}");

        assertError(result, 409, "conflict");
        assertThat(api.fingerprint(owner.personalHubId())).isEqualTo(before);
    }

    @Test
    void acceptingTakesAnUnrestrictedWriteCredential() {
        String token = api.createInvite(owner, hubId, "{}").path("token").asText();
        TestUser user = api.user("keyed");
        ApiKeyService keys = SERVER.server().bean(ApiKeyService.class);
        String readOnly = "Bearer "
                + keys.create(user.id(), "ro", EnumSet.of(Scope.READ), null, null, null)
                        .plaintext();
        String restricted = "Bearer "
                + keys.create(
                                user.id(),
                                "one hub",
                                EnumSet.allOf(Scope.class),
                                List.of(user.personalHubId()),
                                null,
                                null)
                        .plaintext();

        assertError(api.send(readOnly, "POST", "/v1/invites/" + token + "/accept", null), 403, "forbidden");
        assertError(api.send(restricted, "POST", "/v1/invites/" + token + "/accept", null), 403, "forbidden");
        assertError(api.http().send("POST", "/v1/invites/" + token + "/accept", null), 401, "unauthorized");
        assertThat(api.roleInDb(hubId, user.id())).isEqualTo("none");
        assertThat(api.send(user, "POST", "/v1/invites/" + token + "/accept", null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void invitesArePaginatedNewestFirstWithACursorWalk() {
        UUID hub = api.createHub(owner, "Many Invites");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(api.createInvite(owner, hub, "{}").path("id").asText());
        }
        List<String> seen = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            Http.Result page = api.get(
                    owner, "/v1/hubs/" + hub + "/invites?limit=3" + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            // A bare array, as Memax answers it; the next page's cursor in X-Next-Cursor.
            JsonNode data = page.json().path("data");
            assertThat(data.isArray()).isTrue();
            data.forEach(i -> seen.add(i.path("id").asText()));
            cursor = page.header("X-Next-Cursor").orElse("");
            pages++;
        } while (!cursor.isEmpty());

        assertThat(pages).isEqualTo(3);
        java.util.Collections.reverse(created);
        assertThat(seen).containsExactlyElementsOf(created);
        // A cursor belongs to its hub's listing.
        String foreign = api.get(owner, "/v1/hubs/" + hub + "/invites?limit=1")
                .header("X-Next-Cursor")
                .orElseThrow();
        assertError(api.get(owner, invites() + "?cursor=" + foreign), 400, "bad_request");
        assertError(api.get(owner, invites() + "?limit=0"), 422, "validation_failed");
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode node : list) {
            if (node.path("id").asText().equals(id)) {
                return node;
            }
        }
        throw new AssertionError("no " + id + " in " + list);
    }

    @Test
    void theMemaxInviteeFormAndResend() {
        TestUser guest = api.user("guest");
        UUID hub = api.createHub(owner, "Resend");
        // The Memax SDK addresses an invite as {invitee: {email}} or {invitee: {user_id}}.
        JsonNode byId = api.createInvite(owner, hub, "{\"invitee\": {\"user_id\": \"" + guest.id() + "\"}}");
        assertThat(byId.path("invitee_email").asText()).isEqualTo(guest.email());
        String inviteId = byId.path("id").asText();
        long before = api.count(
                "SELECT count(*) FROM notifications WHERE user_id = '" + guest.id() + "' AND kind = 'hub_invite'");
        Http.Result resent = api.send(owner, "POST", "/v1/hubs/" + hub + "/invites/" + inviteId + "/resend", "{}");
        assertThat(resent.status()).as(resent.toString()).isEqualTo(200);
        assertThat(resent.json().at("/data/status").asText()).isEqualTo("resent");
        assertThat(resent.json().at("/data/notified").asBoolean()).isTrue();
        assertThat(resent.json().at("/data/email_enqueued_at").isNull()).isTrue();
        assertThat(api.count("SELECT count(*) FROM notifications WHERE user_id = '" + guest.id()
                        + "' AND kind = 'hub_invite'"))
                .isEqualTo(before + 1);

        JsonNode byEmail = api.createInvite(owner, hub, "{\"invitee\": {\"email\": \"nobody@example.com\"}}");
        assertThat(byEmail.path("email").asText()).isEqualTo("nobody@example.com");
        assertThat(api.send(
                                owner,
                                "POST",
                                "/v1/hubs/" + hub + "/invites/"
                                        + byEmail.path("id").asText() + "/resend",
                                null)
                        .json()
                        .at("/data/notified")
                        .asBoolean())
                .isFalse();
        String link = api.createInvite(owner, hub, "{}").path("id").asText();
        assertError(api.send(owner, "POST", "/v1/hubs/" + hub + "/invites/" + link + "/resend", null), 409, "conflict");
        assertError(
                api.send(guest, "POST", "/v1/hubs/" + hub + "/invites/" + inviteId + "/resend", null),
                404,
                "not_found");
    }
}
