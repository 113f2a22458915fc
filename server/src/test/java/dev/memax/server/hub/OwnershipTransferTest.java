package dev.memax.server.hub;

import static dev.memax.server.hub.HubApi.assertError;
import static dev.memax.server.hub.InviteTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.models.Transfer;
import dev.memax.sdk.models.TransferCancelled;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Offer, read, accept, decline and withdraw a hub's ownership. */
class OwnershipTransferTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static HubApi api;
    private static TestUser owner;
    private static TestUser heir;
    private static TestUser bystander;

    @BeforeAll
    static void users() {
        api = new HubApi(SERVER);
        owner = api.user("owner");
        heir = api.user("heir");
        bystander = api.user("bystander");
    }

    private static UUID teamWithHeir() {
        UUID hub = api.createHub(owner, "Estate");
        api.addMember(owner, hub, heir, "viewer");
        api.addMember(owner, hub, bystander, "admin");
        return hub;
    }

    private static String transfer(UUID hub) {
        return "/v1/hubs/" + hub + "/transfer";
    }

    private static Http.Result offer(UUID hub, TestUser to) {
        return api.send(owner, "POST", transfer(hub), "{\"user_id\": \"" + to.id() + "\"}");
    }

    @Test
    void offerThenAcceptSwapsTheRolesAndTheHubOwner() {
        UUID hub = teamWithHeir();

        Http.Result offered = offer(hub, heir);

        assertThat(offered.status()).as(offered.toString()).isEqualTo(201);
        JsonNode data = offered.json().path("data");
        assertThat(fieldNames(data))
                .containsExactlyInAnyOrder(
                        "id",
                        "hub_id",
                        "from_user_id",
                        "to_user_id",
                        "created_at",
                        "initiated_by",
                        "target_user_id",
                        "expires_at",
                        "accepted_at",
                        "cancelled_at");
        assertThat(data.path("initiated_by")).isEqualTo(data.path("from_user_id"));
        assertThat(data.path("target_user_id")).isEqualTo(data.path("to_user_id"));
        assertThat(data.path("hub_id").asText()).isEqualTo(hub.toString());
        assertThat(data.path("from_user_id").asText()).isEqualTo(owner.id().toString());
        assertThat(data.path("to_user_id").asText()).isEqualTo(heir.id().toString());
        Http.Result pending = api.get(heir, transfer(hub));
        assertThat(pending.status()).as(pending.toString()).isEqualTo(200);
        assertThat(pending.json().path("data")).isEqualTo(data);

        Http.Result accepted = api.send(heir, "POST", transfer(hub) + "/accept", null);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.json().at("/data/hub/id").asText()).isEqualTo(hub.toString());
        assertThat(accepted.json().at("/data/hub/owner_id").asText())
                .isEqualTo(heir.id().toString());
        assertThat(accepted.json().at("/data/role").asText()).isEqualTo("owner");
        assertThat(api.roleInDb(hub, heir.id())).isEqualTo("owner");
        assertThat(api.roleInDb(hub, owner.id())).isEqualTo("admin");
        assertThat(api.roleInDb(hub, bystander.id())).isEqualTo("admin");
        assertThat(api.count("SELECT count(*) FROM hubs WHERE id = '" + hub + "' AND owner_id = '" + heir.id() + "'"))
                .isEqualTo(1);
        assertError(api.get(heir, transfer(hub)), 404, "not_found");
        assertThat(api.get(owner, "/v1/hubs/" + hub).json().at("/data/role").asText())
                .isEqualTo("admin");
        // The new owner now holds the owner's powers, the previous owner only an admin's.
        assertError(api.send(owner, "DELETE", "/v1/hubs/" + hub, null), 403, "forbidden");
        assertError(
                api.send(owner, "PATCH", "/v1/hubs/" + hub + "/members/" + heir.id(), "{\"role\": \"viewer\"}"),
                403,
                "forbidden");
        assertError(api.send(heir, "POST", "/v1/hubs/" + hub + "/leave", null), 409, "conflict");
        Http.Result left = api.send(owner, "POST", "/v1/hubs/" + hub + "/leave", null);
        assertThat(left.status()).as(left.toString()).isEqualTo(200);
    }

    @Test
    void onlyTheOfferedUserMayAccept() {
        UUID hub = teamWithHeir();
        assertThat(offer(hub, heir).status()).isEqualTo(201);
        long before = api.fingerprint(hub);

        assertError(api.send(bystander, "POST", transfer(hub) + "/accept", null), 403, "forbidden");
        assertError(api.send(owner, "POST", transfer(hub) + "/accept", null), 403, "forbidden");
        TestUser outsider = api.user("outsider");
        assertError(api.send(outsider, "POST", transfer(hub) + "/accept", null), 404, "not_found");

        assertThat(api.fingerprint(hub)).isEqualTo(before);
    }

    @Test
    void aNewOfferReplacesThePendingOne() {
        UUID hub = teamWithHeir();
        assertThat(offer(hub, heir).status()).isEqualTo(201);

        Http.Result replaced = offer(hub, bystander);

        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(201);
        assertThat(replaced.json().at("/data/to_user_id").asText())
                .isEqualTo(bystander.id().toString());
        assertThat(api.count("SELECT count(*) FROM hub_ownership_transfers WHERE hub_id = '" + hub + "'"))
                .isEqualTo(1);
        assertThat(api.get(owner, transfer(hub)).json().at("/data/to_user_id").asText())
                .isEqualTo(bystander.id().toString());
        assertError(api.send(heir, "POST", transfer(hub) + "/accept", null), 403, "forbidden");
    }

    @Test
    void theOwnerWithdrawsAndTheOfferedUserDeclines() {
        UUID hub = teamWithHeir();
        assertThat(offer(hub, heir).status()).isEqualTo(201);

        Http.Result withdrawn = api.send(owner, "DELETE", transfer(hub), null);

        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        assertThat(withdrawn.json().path("data").path("hub_id").asText()).isEqualTo(hub.toString());
        assertThat(withdrawn.json().path("data").path("cancelled").asBoolean()).isTrue();
        assertError(api.get(owner, transfer(hub)), 404, "not_found");
        assertError(api.send(heir, "POST", transfer(hub) + "/accept", null), 404, "not_found");
        assertError(api.send(owner, "DELETE", transfer(hub), null), 404, "not_found");

        assertThat(offer(hub, heir).status()).isEqualTo(201);
        assertError(api.send(bystander, "DELETE", transfer(hub), null), 403, "forbidden");
        Http.Result declined = api.send(heir, "DELETE", transfer(hub), null);
        assertThat(declined.status()).as(declined.toString()).isEqualTo(200);
        assertThat(declined.json().at("/data/cancelled").asBoolean()).isTrue();
        assertThat(api.roleInDb(hub, owner.id())).isEqualTo("owner");
        assertThat(api.roleInDb(hub, heir.id())).isEqualTo("viewer");
    }

    @Test
    void offersGoOnlyToOtherCurrentMembers() {
        UUID hub = teamWithHeir();
        TestUser outsider = api.user("not-a-member");
        long before = api.fingerprint(hub);

        assertError(offer(hub, outsider), 404, "not_found");
        Http.Result self = offer(hub, owner);
        assertError(self, 422, "validation_failed");
        assertThat(self.json().at("/error/details/fields").has("user_id")).isTrue();
        Http.Result missing = api.send(owner, "POST", transfer(hub), "{}");
        assertError(missing, 422, "validation_failed");
        assertThat(missing.json().at("/error/details/fields").has("user_id")).isTrue();

        assertThat(api.fingerprint(hub)).isEqualTo(before);
    }

    @Test
    void removingTheOfferedMemberWithdrawsTheOffer() {
        UUID hub = teamWithHeir();
        assertThat(offer(hub, heir).status()).isEqualTo(201);

        assertThat(api.send(bystander, "DELETE", "/v1/hubs/" + hub + "/members/" + heir.id(), null)
                        .status())
                .isEqualTo(200);

        assertError(api.get(owner, transfer(hub)), 404, "not_found");
        assertError(api.send(heir, "POST", transfer(hub) + "/accept", null), 404, "not_found");
    }

    @Test
    void theMemaxRoutesNameTheOfferByItsId() {
        UUID hub = teamWithHeir();
        String routes = "/v1/hubs/" + hub + "/ownership-transfer";
        // The Memax SDK's body names the member target_user_id.
        Http.Result offered = api.send(owner, "POST", routes, "{\"target_user_id\": \"" + heir.id() + "\"}");
        assertThat(offered.status()).as(offered.toString()).isEqualTo(201);
        String id = offered.json().at("/data/id").asText();
        assertThat(Instant.parse(offered.json().at("/data/expires_at").asText()))
                .isEqualTo(Instant.parse(offered.json().at("/data/created_at").asText())
                        .plus(Duration.ofDays(7)));
        assertThat(api.get(owner, "/v1/hubs/" + hub)
                        .json()
                        .at("/data/pending_transfer/id")
                        .asText())
                .isEqualTo(id);

        // A stale or made-up id is not the pending offer.
        assertError(api.send(heir, "POST", routes + "/" + UUID.randomUUID() + "/accept", null), 404, "not_found");
        try (MemaxClient asHeir = client(heir)) {
            Transfer accepted = asHeir.hubs().transfer(hub).acceptOffer(UUID.fromString(id));
            assertThat(accepted.id()).hasToString(id);
            assertThat(accepted.acceptedAt()).isNotNull();
        }
        assertThat(api.roleInDb(hub, heir.id())).isEqualTo("owner");
        assertThat(api.roleInDb(hub, owner.id())).isEqualTo("admin");
        assertThat(api.get(heir, "/v1/hubs/" + hub)
                        .json()
                        .at("/data/pending_transfer")
                        .isNull())
                .isTrue();

        // Cancelled by id, with Memax's {status, transfer_id} beside {hub_id, cancelled}.
        UUID other = teamWithHeir();
        String offer = api.send(
                        owner,
                        "POST",
                        "/v1/hubs/" + other + "/ownership-transfer",
                        "{\"target_user_id\": \"" + heir.id() + "\"}")
                .json()
                .at("/data/id")
                .asText();
        try (MemaxClient asOwner = client(owner)) {
            TransferCancelled cancelled = asOwner.hubs().transfer(other).cancelOffer(UUID.fromString(offer));
            assertThat(cancelled.transferId()).hasToString(offer);
            assertThat(cancelled.cancelled()).isTrue();
        }
        assertError(
                api.send(heir, "POST", "/v1/hubs/" + other + "/ownership-transfer/" + offer + "/accept", null),
                404,
                "not_found");
        assertError(
                api.send(owner, "POST", "/v1/hubs/" + other + "/ownership-transfer", "{}"), 422, "validation_failed");
    }

    private static MemaxClient client(TestUser user) {
        return MemaxClient.builder()
                .baseUrl(SERVER.server().uri().toString())
                .apiKey(user.apiKey())
                .maxRetries(0)
                .build();
    }
}
