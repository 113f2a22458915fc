package dev.memax.server.hub;

import static dev.memax.server.hub.HubApi.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memax.server.testing.Http;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hub, member, invite and transfer action performed by every role (and a non-member) over
 * HTTP, each against a fresh team hub, with the exact status the identity spec requires. The
 * expectation table below is the spec's "least role" column spelled out cell by cell.
 */
class HubRoleMatrixTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static HubApi api;
    private static final Map<Actor, TestUser> ACTORS = new EnumMap<>(Actor.class);
    /** A contributor each action may act on. */
    private static TestUser subject;
    /** A viewer a pending ownership transfer is offered to (for the transfer actions). */
    private static TestUser offered;
    /** A user who is in none of the hubs, to be added. */
    private static TestUser newcomer;

    enum Actor {
        OWNER,
        ADMIN,
        CONTRIBUTOR,
        VIEWER,
        NON_MEMBER
    }

    /** One team hub with a member in each role, a subject, an invite and possibly a pending transfer. */
    record Fixture(UUID hubId, String inviteId, String inviteToken) {
        String hub() {
            return "/v1/hubs/" + hubId;
        }
    }

    enum Action {
        //                     method    path                                                       body
        //                                       owner admin contrib viewer non-member
        GET_HUB("GET", f -> f.hub(), f -> null, 200, 200, 200, 200, 404),
        UPDATE_HUB(
                "PATCH",
                f -> f.hub(),
                f -> "{\"name\": \"Renamed\", \"description\": \"new\"}",
                200,
                200,
                403,
                403,
                404),
        DELETE_HUB("DELETE", f -> f.hub(), f -> null, 200, 403, 403, 403, 404),
        LIST_MEMBERS("GET", f -> f.hub() + "/members", f -> null, 200, 200, 200, 200, 404),
        ADD_MEMBER(
                "POST",
                f -> f.hub() + "/members",
                f -> "{\"email\": \"" + newcomer.email() + "\", \"role\": \"viewer\"}",
                201,
                201,
                403,
                403,
                404),
        CHANGE_MEMBER_ROLE(
                "PATCH",
                f -> f.hub() + "/members/" + subject.id(),
                f -> "{\"role\": \"viewer\"}",
                200,
                200,
                403,
                403,
                404),
        CHANGE_OWNER_ROLE(
                "PATCH",
                f -> f.hub() + "/members/" + ACTORS.get(Actor.OWNER).id(),
                f -> "{\"role\": \"admin\"}",
                409,
                403,
                403,
                403,
                404),
        REMOVE_MEMBER("DELETE", f -> f.hub() + "/members/" + subject.id(), f -> null, 200, 200, 403, 403, 404),
        REMOVE_OWNER(
                "DELETE",
                f -> f.hub() + "/members/" + ACTORS.get(Actor.OWNER).id(),
                f -> null,
                409,
                403,
                403,
                403,
                404),
        LEAVE("POST", f -> f.hub() + "/leave", f -> null, 409, 200, 200, 200, 404),
        OFFER_TRANSFER(
                "POST",
                f -> f.hub() + "/transfer",
                f -> "{\"user_id\": \"" + subject.id() + "\"}",
                201,
                403,
                403,
                403,
                404),
        GET_TRANSFER("GET", f -> f.hub() + "/transfer", f -> null, 200, 200, 200, 200, 404),
        ACCEPT_TRANSFER_OFFERED_TO_ANOTHER(
                "POST", f -> f.hub() + "/transfer/accept", f -> null, 403, 403, 403, 403, 404),
        CANCEL_TRANSFER("DELETE", f -> f.hub() + "/transfer", f -> null, 200, 403, 403, 403, 404),
        CREATE_INVITE(
                "POST",
                f -> f.hub() + "/invites",
                f -> "{\"role\": \"viewer\", \"expires_in_days\": 3}",
                201,
                201,
                403,
                403,
                404),
        LIST_INVITES("GET", f -> f.hub() + "/invites", f -> null, 200, 200, 403, 403, 404),
        REVOKE_INVITE("DELETE", f -> f.hub() + "/invites/" + f.inviteId(), f -> null, 200, 200, 403, 403, 404),
        REGENERATE_INVITE(
                "POST", f -> f.hub() + "/invites/" + f.inviteId() + "/regenerate", f -> null, 200, 200, 403, 403, 404);

        final String method;
        final Function<Fixture, String> path;
        final Function<Fixture, String> body;
        final int[] expected;

        Action(String method, Function<Fixture, String> path, Function<Fixture, String> body, int... expected) {
            this.method = method;
            this.path = path;
            this.body = body;
            this.expected = expected;
        }

        int expectedFor(Actor actor) {
            return expected[actor.ordinal()];
        }

        boolean needsPendingTransfer() {
            return this == GET_TRANSFER || this == ACCEPT_TRANSFER_OFFERED_TO_ANOTHER || this == CANCEL_TRANSFER;
        }
    }

    @BeforeAll
    static void users() {
        api = new HubApi(SERVER);
        for (Actor actor : Actor.values()) {
            ACTORS.put(actor, api.user(actor.name().toLowerCase().replace('_', '-')));
        }
        subject = api.user("subject");
        offered = api.user("offered");
        newcomer = api.user("newcomer");
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Action action : Action.values()) {
            for (Actor actor : Actor.values()) {
                cells.add(Arguments.of(action, actor, action.expectedFor(actor)));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("cells")
    void everyRoleGetsExactlyTheSpecifiedStatus(Action action, Actor actor, int expected) {
        Fixture fixture = fixture(action);
        long before = api.fingerprint(fixture.hubId());
        TestUser caller = ACTORS.get(actor);

        Http.Result result = api.send(caller, action.method, action.path.apply(fixture), action.body.apply(fixture));

        assertThat(result.status()).as(action + " as " + actor + ": " + result).isEqualTo(expected);
        if (expected < 300) {
            SUCCESS.get(action)
                    .accept(new Outcome(fixture, actor, caller), result.json().path("data"));
        } else {
            assertError(
                    result,
                    expected,
                    switch (expected) {
                        case 403 -> "forbidden";
                        case 404 -> "not_found";
                        case 409 -> "conflict";
                        default -> throw new AssertionError("no error code expected for " + expected);
                    });
            assertThat(api.fingerprint(fixture.hubId()))
                    .as("a refused request changes nothing")
                    .isEqualTo(before);
        }
    }

    @Test
    void theTableHasACellForEveryActionAndRoleAndASuccessCheckWhereverOneSucceeds() {
        assertThat(cells()).hasSize(Action.values().length * Actor.values().length);
        for (Action action : Action.values()) {
            assertThat(action.expected).as(action.name()).hasSize(Actor.values().length);
            boolean succeedsSomewhere = java.util.Arrays.stream(action.expected).anyMatch(status -> status < 300);
            assertThat(SUCCESS.containsKey(action))
                    .as("a success check for " + action)
                    .isEqualTo(succeedsSomewhere);
        }
    }

    private static Fixture fixture(Action action) {
        TestUser owner = ACTORS.get(Actor.OWNER);
        UUID hubId = api.createHub(owner, "Matrix " + action.name().toLowerCase());
        api.addMember(owner, hubId, ACTORS.get(Actor.ADMIN), "admin");
        api.addMember(owner, hubId, ACTORS.get(Actor.CONTRIBUTOR), "contributor");
        api.addMember(owner, hubId, ACTORS.get(Actor.VIEWER), "viewer");
        api.addMember(owner, hubId, subject, "contributor");
        api.addMember(owner, hubId, offered, "viewer");
        JsonNode invite =
                api.createInvite(owner, hubId, "{\"email\": \"someone@example.com\", \"role\": \"contributor\"}");
        if (action.needsPendingTransfer()) {
            Http.Result offer = api.send(
                    owner, "POST", "/v1/hubs/" + hubId + "/transfer", "{\"user_id\": \"" + offered.id() + "\"}");
            assertThat(offer.status()).as(offer.toString()).isEqualTo(201);
        }
        return new Fixture(
                hubId, invite.path("id").asText(), invite.path("token").asText());
    }

    record Outcome(Fixture fixture, Actor actor, TestUser caller) {
        UUID hubId() {
            return fixture.hubId();
        }
    }

    /** What each successful action must answer and have changed. */
    private static final Map<Action, BiConsumer<Outcome, JsonNode>> SUCCESS = new EnumMap<>(Action.class);

    static {
        SUCCESS.put(Action.GET_HUB, (o, data) -> {
            assertThat(data.at("/hub/id").asText()).isEqualTo(o.hubId().toString());
            assertThat(data.at("/hub/hub_type").asText()).isEqualTo("team");
            assertThat(data.at("/hub/owner_id").asText())
                    .isEqualTo(ACTORS.get(Actor.OWNER).id().toString());
            assertThat(data.path("role").asText()).isEqualTo(o.actor().name().toLowerCase());
            assertThat(data.path("memory_count").asLong()).isZero();
        });
        SUCCESS.put(Action.UPDATE_HUB, (o, data) -> {
            assertThat(data.at("/hub/name").asText()).isEqualTo("Renamed");
            assertThat(data.at("/hub/description").asText()).isEqualTo("new");
            assertThat(data.path("role").asText()).isEqualTo(o.actor().name().toLowerCase());
            assertThat(api.count("SELECT count(*) FROM hubs WHERE id = '" + o.hubId() + "' AND name = 'Renamed'"))
                    .isEqualTo(1);
        });
        SUCCESS.put(Action.DELETE_HUB, (o, data) -> {
            assertThat(data.path("id").asText()).isEqualTo(o.hubId().toString());
            assertThat(data.path("deleted").asBoolean()).isTrue();
            assertThat(data.path("hub_id").asText())
                    .as("the Memax SDK's name for id")
                    .isEqualTo(o.hubId().toString());
            assertThat(data.size()).isEqualTo(3);
            assertThat(api.count("SELECT count(*) FROM hubs WHERE id = '" + o.hubId() + "'"))
                    .isZero();
            assertThat(api.count("SELECT count(*) FROM hub_members WHERE hub_id = '" + o.hubId() + "'"))
                    .isZero();
            assertThat(api.count("SELECT count(*) FROM hub_invites WHERE hub_id = '" + o.hubId() + "'"))
                    .isZero();
        });
        SUCCESS.put(Action.LIST_MEMBERS, (o, data) -> {
            List<String> ids = new ArrayList<>();
            data.path("members").forEach(m -> ids.add(m.path("user_id").asText()));
            assertThat(ids)
                    .containsExactly(
                            ACTORS.get(Actor.OWNER).id().toString(),
                            ACTORS.get(Actor.ADMIN).id().toString(),
                            ACTORS.get(Actor.CONTRIBUTOR).id().toString(),
                            ACTORS.get(Actor.VIEWER).id().toString(),
                            subject.id().toString(),
                            offered.id().toString());
            assertThat(data.path("has_more").asBoolean()).isFalse();
            assertThat(data.path("next_cursor").asText()).isEmpty();
        });
        SUCCESS.put(Action.ADD_MEMBER, (o, data) -> {
            assertThat(data.path("user_id").asText()).isEqualTo(newcomer.id().toString());
            assertThat(data.path("email").asText()).isEqualTo(newcomer.email());
            assertThat(data.path("role").asText()).isEqualTo("viewer");
            assertThat(api.roleInDb(o.hubId(), newcomer.id())).isEqualTo("viewer");
        });
        SUCCESS.put(Action.CHANGE_MEMBER_ROLE, (o, data) -> {
            assertThat(data.path("user_id").asText()).isEqualTo(subject.id().toString());
            assertThat(data.path("role").asText()).isEqualTo("viewer");
            assertThat(api.roleInDb(o.hubId(), subject.id())).isEqualTo("viewer");
        });
        SUCCESS.put(Action.REMOVE_MEMBER, (o, data) -> {
            assertThat(data.path("user_id").asText()).isEqualTo(subject.id().toString());
            assertThat(data.path("removed").asBoolean()).isTrue();
            assertThat(api.roleInDb(o.hubId(), subject.id())).isEqualTo("none");
        });
        SUCCESS.put(Action.LEAVE, (o, data) -> {
            assertThat(data.path("hub_id").asText()).isEqualTo(o.hubId().toString());
            assertThat(data.path("left").asBoolean()).isTrue();
            assertThat(api.roleInDb(o.hubId(), o.caller().id())).isEqualTo("none");
        });
        SUCCESS.put(Action.OFFER_TRANSFER, (o, data) -> {
            assertThat(data.path("hub_id").asText()).isEqualTo(o.hubId().toString());
            assertThat(data.path("from_user_id").asText())
                    .isEqualTo(o.caller().id().toString());
            assertThat(data.path("to_user_id").asText()).isEqualTo(subject.id().toString());
            assertThat(data.path("created_at").asText()).isNotEmpty();
            assertThat(api.count("SELECT count(*) FROM hub_ownership_transfers WHERE hub_id = '" + o.hubId()
                            + "' AND to_user = '" + subject.id() + "'"))
                    .isEqualTo(1);
        });
        SUCCESS.put(Action.GET_TRANSFER, (o, data) -> {
            assertThat(data.path("hub_id").asText()).isEqualTo(o.hubId().toString());
            assertThat(data.path("from_user_id").asText())
                    .isEqualTo(ACTORS.get(Actor.OWNER).id().toString());
            assertThat(data.path("to_user_id").asText()).isEqualTo(offered.id().toString());
        });
        SUCCESS.put(Action.CANCEL_TRANSFER, (o, data) -> {
            assertThat(data.path("hub_id").asText()).isEqualTo(o.hubId().toString());
            assertThat(data.path("cancelled").asBoolean()).isTrue();
            assertThat(api.count("SELECT count(*) FROM hub_ownership_transfers WHERE hub_id = '" + o.hubId() + "'"))
                    .isZero();
        });
        SUCCESS.put(Action.CREATE_INVITE, (o, data) -> {
            assertThat(data.path("hub_id").asText()).isEqualTo(o.hubId().toString());
            assertThat(data.path("role").asText()).isEqualTo("viewer");
            assertThat(data.path("status").asText()).isEqualTo("pending");
            assertThat(data.path("created_by").asText())
                    .isEqualTo(o.caller().id().toString());
            assertThat(data.path("token").asText()).matches("mxi_[0-9a-f]{64}");
            assertThat(data.path("url").asText())
                    .endsWith("/v1/invites/" + data.path("token").asText());
        });
        SUCCESS.put(Action.LIST_INVITES, (o, data) -> {
            assertThat(data).hasSize(1);
            assertThat(data.at("/0/id").asText()).isEqualTo(o.fixture().inviteId());
            assertThat(data.at("/0/email").asText()).isEqualTo("someone@example.com");
            assertThat(data.at("/0/status").asText()).isEqualTo("pending");
            assertThat(data.at("/0").has("token")).isFalse();
        });
        SUCCESS.put(Action.REVOKE_INVITE, (o, data) -> {
            assertThat(data.path("id").asText()).isEqualTo(o.fixture().inviteId());
            assertThat(data.path("status").asText()).isEqualTo("revoked");
            assertThat(data.has("token")).isFalse();
            assertThat(api.http()
                            .get("/v1/invites/" + o.fixture().inviteToken())
                            .status())
                    .isEqualTo(404);
        });
        SUCCESS.put(Action.REGENERATE_INVITE, (o, data) -> {
            assertThat(data.path("id").asText()).isEqualTo(o.fixture().inviteId());
            assertThat(data.path("status").asText()).isEqualTo("pending");
            assertThat(data.path("token").asText())
                    .matches("mxi_[0-9a-f]{64}")
                    .isNotEqualTo(o.fixture().inviteToken());
            assertThat(api.http()
                            .get("/v1/invites/" + o.fixture().inviteToken())
                            .status())
                    .isEqualTo(404);
            assertThat(api.http()
                            .get("/v1/invites/" + data.path("token").asText())
                            .status())
                    .isEqualTo(200);
        });
    }
}
