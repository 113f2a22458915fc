package dev.memax.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.Page;
import dev.memax.sdk.errors.ConflictException;
import dev.memax.sdk.errors.NotFoundException;
import dev.memax.sdk.errors.ValidationException;
import dev.memax.sdk.models.HubRole;
import dev.memax.sdk.models.Notification;
import dev.memax.sdk.models.NotificationSummary;
import dev.memax.sdk.params.HubCreateParams;
import dev.memax.sdk.params.InviteCreateParams;
import dev.memax.sdk.params.MemberAddParams;
import dev.memax.sdk.params.NotificationListParams;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SDK's notification calls against the real server: every /v1/notifications route (contract-checked). */
class NotificationsSdkTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static MemaxClient ada;
    private static MemaxClient bob;
    private static TestUser bobUser;

    @BeforeAll
    static void connect() {
        ada = client(SERVER.server().createUser("ada-notes@example.com"));
        bobUser = SERVER.server().createUser("bob-notes@example.com");
        bob = client(bobUser);
    }

    private static MemaxClient client(TestUser user) {
        return MemaxClient.builder()
                .baseUrl(SERVER.server().uri().toString())
                .apiKey(user.apiKey())
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void disconnect() {
        ada.close();
        bob.close();
    }

    @Test
    void listSummarySeenDismissAndResolve() {
        List<UUID> hubs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID hub = ada.hubs()
                    .create(HubCreateParams.builder().name("SDK notes " + i).build())
                    .hub()
                    .id();
            ada.hubs()
                    .members(hub)
                    .add(MemberAddParams.builder()
                            .email(bobUser.email())
                            .role(HubRole.VIEWER)
                            .build());
            hubs.add(hub);
        }
        UUID invitingHub = ada.hubs()
                .create(HubCreateParams.builder().name("SDK invites").build())
                .hub()
                .id();
        ada.hubs()
                .invites(invitingHub)
                .create(InviteCreateParams.builder()
                        .email(bobUser.email())
                        .role(HubRole.CONTRIBUTOR)
                        .build());

        NotificationSummary summary = bob.notifications().summary();
        assertThat(summary.total()).isEqualTo(4);
        assertThat(summary.byKind())
                .containsEntry("membership_changed", 3L)
                .containsEntry("hub_invite", 1L)
                .containsEntry("quota_alert", 0L);
        // Memax's counts beside them (0.2).
        assertThat(summary.needsActionPending()).isEqualTo(1);
        assertThat(summary.updatesPending()).isEqualTo(3);
        assertThat(summary.updatesUnseen()).isEqualTo(3);
        assertThat(summary.counts().get("membership_changed")).isEqualTo(new NotificationSummary.KindCount(3, 3));
        assertThat(summary.counts()).containsKey("review_contradiction");

        // Auto-paging walks every page of two.
        Page<Notification> first = bob.notifications()
                .list(NotificationListParams.builder().limit(2).build());
        assertThat(first.items()).hasSize(2);
        assertThat(first.hasNextPage()).isTrue();
        List<Notification> all = first.stream().toList();
        assertThat(all).hasSize(4);
        assertThat(all.get(0).kind()).isEqualTo("hub_invite");
        assertThat(all.get(0).actions()).containsExactly("accept", "decline");
        assertThat(all.get(0).data()).containsEntry("role", "contributor");
        assertThat(all.get(0).status()).isEqualTo("open");
        assertThat(all.get(0).memaxStatus()).isEqualTo("pending");
        assertThat(all.get(0).audience()).isEqualTo("user");
        assertThat(all.get(0).recipientUserId()).isEqualTo(bobUser.id());
        assertThat(all.get(0).sourceKind()).isEqualTo("hub_invite");
        assertThat(all.get(0).sourceId()).isNotNull();
        assertThat(all.get(0).priority()).isEqualTo(1);
        assertThat(bob.notifications()
                        .list(NotificationListParams.builder()
                                .kinds(List.of("hub_invite", "quota_alert"))
                                .build())
                        .items())
                .extracting(Notification::kind)
                .containsExactly("hub_invite");
        assertThat(bob.notifications()
                        .list(NotificationListParams.builder()
                                .hubId(hubs.get(0))
                                .build())
                        .items())
                .singleElement()
                .satisfies(n -> assertThat(n.title()).isEqualTo("You were added to SDK notes 0 as viewer"));
        assertThat(bob.notifications()
                        .list(NotificationListParams.builder()
                                .since(Instant.now().plusSeconds(3600))
                                .build())
                        .items())
                .isEmpty();

        Notification seen = bob.notifications().markSeen(all.get(1).id());
        assertThat(seen.seen()).isTrue();
        assertThat(seen.seenAt()).isNotNull();
        assertThat(bob.notifications().markAllSeen(hubs.get(1)).marked()).isEqualTo(1);
        assertThat(bob.notifications()
                        .list(NotificationListParams.builder().unseenOnly(true).build())
                        .items())
                .hasSize(2);
        assertThat(bob.notifications().markAllSeen().marked()).isEqualTo(2);
        assertThat(bob.notifications().summary().total()).isZero();

        Notification dismissed = bob.notifications().dismiss(all.get(2).id());
        assertThat(dismissed.status()).isEqualTo("dismissed");
        assertThat(dismissed.memaxStatus()).isEqualTo("dismissed");
        assertThat(bob.notifications()
                        .list(NotificationListParams.builder()
                                .status("dismissed")
                                .build())
                        .items())
                .extracting(Notification::id)
                .containsExactly(all.get(2).id());
        // list() without a status is every status (the SDK sends status=all); Memax's "pending" is the open ones.
        assertThat(bob.notifications().list().stream().toList()).hasSize(4);
        assertThat(bob
                        .notifications()
                        .list(NotificationListParams.builder().status("pending").build())
                        .stream()
                        .toList())
                .hasSize(3);

        assertThatThrownBy(() -> bob.notifications().resolve(all.get(3).id(), "accept"))
                .isInstanceOf(ValidationException.class);
        Notification acknowledged = bob.notifications().resolve(all.get(3).id(), "acknowledge");
        assertThat(acknowledged.status()).isEqualTo("resolved");
        assertThat(acknowledged.resolution()).isEqualTo("acknowledge");
        assertThat(acknowledged.memaxResolution()).isEqualTo("kept");
        assertThat(acknowledged.resolvedAt()).isNotNull();
        assertThatThrownBy(() -> bob.notifications().resolve(all.get(3).id(), "acknowledge"))
                .isInstanceOf(ConflictException.class);

        // An open invite asks for a decision: dismissing it is refused (answer it with resolve).
        assertThatThrownBy(() -> bob.notifications().dismiss(all.get(0).id()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("answer it with resolve");

        // Accepting the invite joins the hub.
        Notification accepted = bob.notifications().resolve(all.get(0).id(), "accept");
        assertThat(accepted.resolution()).isEqualTo("accept");
        assertThat(accepted.memaxResolution()).isEqualTo("accepted");
        assertThat(bob.hubs().get(invitingHub).role()).isEqualTo(HubRole.CONTRIBUTOR);

        // Another user's notification does not exist for ada.
        assertThatThrownBy(() -> ada.notifications().markSeen(all.get(0).id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> ada.notifications().dismiss(UUID.randomUUID())).isInstanceOf(NotFoundException.class);
    }
}
