package dev.memax.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.Page;
import dev.memax.sdk.errors.AuthenticationException;
import dev.memax.sdk.errors.NotFoundException;
import dev.memax.sdk.errors.PermissionDeniedException;
import dev.memax.sdk.errors.ValidationException;
import dev.memax.sdk.models.ApiKey;
import dev.memax.sdk.models.AuthResult;
import dev.memax.sdk.models.HubEntry;
import dev.memax.sdk.models.HubRole;
import dev.memax.sdk.models.Invite;
import dev.memax.sdk.models.InviteStatus;
import dev.memax.sdk.models.Member;
import dev.memax.sdk.models.Scopes;
import dev.memax.sdk.models.SignupAccepted;
import dev.memax.sdk.models.Tokens;
import dev.memax.sdk.params.ApiKeyCreateParams;
import dev.memax.sdk.params.HubCreateParams;
import dev.memax.sdk.params.HubUpdateParams;
import dev.memax.sdk.params.InviteCreateParams;
import dev.memax.sdk.params.ListParams;
import dev.memax.sdk.params.MemberAddParams;
import dev.memax.sdk.params.SettingsUpdateParams;
import dev.memax.sdk.params.SignupParams;
import dev.memax.sdk.params.UserUpdateParams;
import dev.memax.server.testing.MemaxServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Java SDK against the real server: every identity route through its SDK call (the
 * contract checks validate each response on the way). The SDK's retry and paging logic has
 * its own unit tests; this proves the two sides agree.
 */
class SdkEndToEndTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension().property("memax.auth.signup-mode", "open");

    private static final String PASSWORD = "correct horse battery";
    private static MemaxClient anonymous;

    @BeforeAll
    static void connect() {
        anonymous = MemaxClient.builder()
                .baseUrl(SERVER.server().uri().toString())
                .noCredentials()
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void disconnect() {
        anonymous.close();
    }

    /** Signs up, then logs in (signup answers the same whether the email was taken or not). */
    private static AuthResult signup(String email) {
        SignupAccepted accepted = anonymous
                .auth()
                .signup(SignupParams.builder()
                        .email(email)
                        .password(PASSWORD)
                        .name(email.split("@")[0])
                        .build());
        assertThat(accepted).isEqualTo(new SignupAccepted("accepted", email, "POST /v1/auth/login"));
        return anonymous.auth().login(email, PASSWORD);
    }

    private static MemaxClient as(String credential) {
        return anonymous.toBuilder().apiKey(credential).build();
    }

    @Test
    void accountSessionsAndSettings() {
        AuthResult alice = signup("alice@sdk.example");
        assertThat(alice.user().email()).isEqualTo("alice@sdk.example");
        // A taken email is not revealed: the same answer, and the account keeps its password.
        assertThat(anonymous
                        .auth()
                        .signup(SignupParams.builder()
                                .email("alice@sdk.example")
                                .password("another password")
                                .build())
                        .status())
                .isEqualTo("accepted");
        assertThatThrownBy(() -> anonymous.auth().login("alice@sdk.example", "another password"))
                .isInstanceOf(AuthenticationException.class);

        MemaxClient session = as(alice.tokens().accessToken());
        assertThat(session.auth().me().personalHubId()).isEqualTo(alice.user().personalHubId());
        assertThat(session.auth()
                        .updateMe(UserUpdateParams.builder().name("Alice L.").build())
                        .name())
                .isEqualTo("Alice L.");
        session.settings()
                .update(SettingsUpdateParams.builder()
                        .set("theme", "dark")
                        .set("tz", "UTC")
                        .build());
        assertThat(session.settings()
                        .update(SettingsUpdateParams.builder().remove("tz").build())
                        .values())
                .containsEntry("theme", "dark")
                .doesNotContainKey("tz");

        Tokens rotated = anonymous.auth().refresh(alice.tokens().refreshToken());
        assertThat(rotated.refreshToken()).isNotEqualTo(alice.tokens().refreshToken());
        assertThatThrownBy(() -> anonymous.auth().refresh(alice.tokens().refreshToken()))
                .isInstanceOf(AuthenticationException.class);
        // The reuse above revoked the whole session, rotated tokens included.
        assertThatThrownBy(() -> as(rotated.accessToken()).auth().me()).isInstanceOf(AuthenticationException.class);

        AuthResult again = anonymous.auth().login("alice@sdk.example", PASSWORD);
        MemaxClient fresh = as(again.tokens().accessToken());
        assertThat(fresh.auth().logout().revoked()).isTrue();
        assertThatThrownBy(() -> fresh.auth().me()).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> anonymous.auth().login("alice@sdk.example", "wrong password!"))
                .isInstanceOf(AuthenticationException.class);
        assertThat(anonymous.jwks().get().keys()).isNotEmpty();
    }

    @Test
    void apiKeysAreShownOnceScopedAndRevocable() {
        AuthResult owner = signup("keys@sdk.example");
        MemaxClient session = as(owner.tokens().accessToken());
        ApiKey readOnly = session.apiKeys()
                .create(ApiKeyCreateParams.builder()
                        .name("reader")
                        .scopes(Scopes.READ)
                        .build());
        assertThat(readOnly.key()).startsWith("mxk_").hasSize(68);
        for (int i = 0; i < 4; i++) {
            session.apiKeys()
                    .create(ApiKeyCreateParams.builder().name("agent " + i).build());
        }
        List<ApiKey> all = new ArrayList<>();
        session.apiKeys().list(ListParams.limit(2)).autoPagingIterable().forEach(all::add);
        assertThat(all).hasSize(5).allSatisfy(k -> assertThat(k.key()).isNull());

        MemaxClient reader = as(readOnly.key());
        assertThat(reader.hubs().list().items()).hasSize(1);
        assertThatThrownBy(() -> reader.hubs()
                        .create(HubCreateParams.builder().name("nope").build()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(session.apiKeys().delete(readOnly.id()).deleted()).isTrue();
        assertThatThrownBy(() -> reader.hubs().list()).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> session.apiKeys().delete(readOnly.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void teamHubLifecycleWithMembersInvitesAndTransfer() {
        MemaxClient owner = as(signup("owner@sdk.example").tokens().accessToken());
        AuthResult bobAuth = signup("bob@sdk.example");
        MemaxClient bob = as(bobAuth.tokens().accessToken());

        HubEntry team = owner.hubs()
                .create(HubCreateParams.builder()
                        .name("Research")
                        .slug("sdk-research")
                        .build());
        UUID hubId = team.hub().id();
        assertThat(team.role()).isEqualTo(HubRole.OWNER);
        assertThat(owner.hubs().checkSlug("sdk-research").available()).isFalse();
        assertThatThrownBy(() -> owner.hubs()
                        .create(HubCreateParams.builder()
                                .name("x")
                                .slug("BAD slug")
                                .build()))
                .isInstanceOf(ValidationException.class);
        assertThat(owner.hubs()
                        .update(
                                hubId,
                                HubUpdateParams.builder().description("papers").build())
                        .hub()
                        .description())
                .isEqualTo("papers");

        Member added = owner.hubs()
                .members(hubId)
                .add(MemberAddParams.builder()
                        .email("bob@sdk.example")
                        .role(HubRole.VIEWER)
                        .build());
        assertThat(added.role()).isEqualTo(HubRole.VIEWER);
        assertThat(bob.hubs().get(hubId).role()).isEqualTo(HubRole.VIEWER);
        assertThatThrownBy(() -> bob.hubs()
                        .update(hubId, HubUpdateParams.builder().name("mine").build()))
                .isInstanceOf(PermissionDeniedException.class);
        owner.hubs().members(hubId).updateRole(bobAuth.user().id(), HubRole.ADMIN);

        Invite invite = owner.hubs()
                .invites(hubId)
                .create(InviteCreateParams.builder().role(HubRole.CONTRIBUTOR).build());
        assertThat(anonymous.invites().lookup(invite.token()).hubName()).isEqualTo("Research");
        Invite regenerated = owner.hubs().invites(hubId).regenerate(invite.id());
        assertThatThrownBy(() -> anonymous.invites().lookup(invite.token())).isInstanceOf(NotFoundException.class);
        anonymous
                .auth()
                .signup(SignupParams.builder()
                        .email("carol@sdk.example")
                        .password(PASSWORD)
                        .inviteToken(regenerated.token())
                        .build());
        AuthResult carol = anonymous.auth().login("carol@sdk.example", PASSWORD);
        assertThat(as(carol.tokens().accessToken()).hubs().get(hubId).role()).isEqualTo(HubRole.CONTRIBUTOR);
        Invite spare = owner.hubs()
                .invites(hubId)
                .create(InviteCreateParams.builder().email("dave@sdk.example").build());
        assertThat(owner.hubs().invites(hubId).revoke(spare.id()).status()).isEqualTo(InviteStatus.REVOKED);
        Page<Invite> invites = owner.hubs().invites(hubId).list(ListParams.limit(1));
        assertThat(invites.hasMore()).isTrue();

        List<Member> members = new ArrayList<>();
        owner.hubs()
                .members(hubId)
                .list(ListParams.limit(1))
                .autoPagingIterable()
                .forEach(members::add);
        assertThat(members)
                .extracting(Member::email)
                .containsExactly("owner@sdk.example", "bob@sdk.example", "carol@sdk.example");

        owner.hubs().transfer(hubId).offer(bobAuth.user().id());
        assertThat(bob.hubs().transfer(hubId).get().toUserId())
                .isEqualTo(bobAuth.user().id());
        assertThat(bob.hubs().transfer(hubId).accept().role()).isEqualTo(HubRole.OWNER);
        assertThat(owner.hubs().get(hubId).role()).isEqualTo(HubRole.ADMIN);
        assertThatThrownBy(() -> owner.hubs().transfer(hubId).get()).isInstanceOf(NotFoundException.class);

        assertThat(owner.hubs().members(hubId).leave().left()).isTrue();
        assertThatThrownBy(() -> owner.hubs().get(hubId)).isInstanceOf(NotFoundException.class);
        assertThat(bob.hubs().members(hubId).remove(carol.user().id()).removed())
                .isTrue();
        assertThat(bob.hubs().delete(hubId).deleted()).isTrue();
        assertThatThrownBy(() -> bob.hubs().get(hubId)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void inviteAcceptedByAnExistingUser() {
        MemaxClient owner = as(signup("host@sdk.example").tokens().accessToken());
        MemaxClient guest = as(signup("guest@sdk.example").tokens().accessToken());
        UUID hubId = owner.hubs()
                .create(HubCreateParams.builder().name("Guests").build())
                .hub()
                .id();
        Invite invite = owner.hubs()
                .invites(hubId)
                .create(InviteCreateParams.builder().email("guest@sdk.example").build());
        assertThat(guest.invites().accept(invite.token()).hub().id()).isEqualTo(hubId);
        assertThatThrownBy(() -> guest.invites().accept(invite.token())).isInstanceOf(NotFoundException.class);
        assertThat(guest.hubs().list().items()).extracting(e -> e.hub().id()).contains(hubId);
    }
}
