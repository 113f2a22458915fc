package dev.memax.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.RequestOptions;
import dev.memax.sdk.errors.ConflictException;
import dev.memax.sdk.errors.NotFoundException;
import dev.memax.sdk.models.AgentDisconnected;
import dev.memax.sdk.models.ConnectedAgent;
import dev.memax.sdk.models.Memory;
import dev.memax.sdk.models.Notification;
import dev.memax.sdk.models.NotificationItemUpdate;
import dev.memax.sdk.models.SearchResult;
import dev.memax.sdk.params.ApiKeyCreateParams;
import dev.memax.sdk.params.HubCreateParams;
import dev.memax.sdk.params.MemberAddParams;
import dev.memax.sdk.params.MemoryCreateParams;
import dev.memax.sdk.params.MemoryListParams;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Java SDK's calls of the routes the Memax TypeScript SDK needs, against the real server. */
class CompatRoutesSdkTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static TestUser annUser;
    private static TestUser benUser;
    private static MemaxClient ann;
    private static MemaxClient ben;

    @BeforeAll
    static void connect() {
        annUser = SERVER.server().createUser("ann-compat@example.com");
        benUser = SERVER.server().createUser("ben-compat@example.com");
        ann = client(annUser.apiKey());
        ben = client(benUser.apiKey());
    }

    private static MemaxClient client(String key) {
        return MemaxClient.builder()
                .baseUrl(SERVER.server().uri().toString())
                .apiKey(key)
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void disconnect() {
        ann.close();
        ben.close();
    }

    @Test
    void searchAccessAndShare() {
        Memory memory = ann.memories()
                .create(MemoryCreateParams.builder()
                        .content("# Backups\n\n## Restore\n\nRestore the nightly snapshot with pg_restore.")
                        .build());
        List<SearchResult> hits = ann.memories().search("snapshot restor");
        assertThat(hits).extracting(SearchResult::memoryId).containsExactly(memory.id());
        assertThat(hits.get(0).headingChain()).isEqualTo("Backups > Restore");
        assertThat(ben.memories().search("snapshot")).isEmpty();

        assertThat(ann.memories().recordAccess(memory.id()).accessCount()).isEqualTo(1);
        assertThat(ann.memories().recordAccess(memory.id()).accessCount()).isEqualTo(2);
        assertThat(ann.memories().get(memory.id()).accessCount()).isEqualTo(2);
        assertThatThrownBy(() -> ben.memories().recordAccess(memory.id())).isInstanceOf(NotFoundException.class);

        UUID team = ann.hubs()
                .create(HubCreateParams.builder().name("Compat share").build())
                .hub()
                .id();
        ann.hubs()
                .members(team)
                .add(MemberAddParams.builder()
                        .userId(benUser.id())
                        .role("viewer")
                        .build());
        Memory copy = ann.memories().share(memory.id(), team);
        assertThat(copy.hubId()).isEqualTo(team);
        assertThat(copy.content()).isEqualTo(memory.content());
        assertThat(ben.memories().search("snapshot", 5, null, null, RequestOptions.ofHub(team)))
                .extracting(SearchResult::memoryId)
                .containsExactly(copy.id());
        assertThatThrownBy(() -> ben.memories().share(memory.id(), team)).isInstanceOf(NotFoundException.class);

        assertThat(ann.memories()
                        .list(MemoryListParams.builder()
                                .sort(MemoryListParams.Sort.RELEVANT)
                                .build())
                        .items()
                        .get(0)
                        .id())
                .isEqualTo(memory.id());
    }

    @Test
    void agentsAreListedNamedAndDisconnected() {
        TestUser cyUser = SERVER.server().createUser("cy-compat@example.com");
        try (MemaxClient cy = client(cyUser.apiKey())) {
            String key = cy.apiKeys()
                    .create(ApiKeyCreateParams.builder()
                            .name("laptop")
                            .agentName("Codex")
                            .build())
                    .key();
            try (MemaxClient codex = client(key)) {
                codex.memories()
                        .create(MemoryCreateParams.builder()
                                .content("codex notes")
                                .sourceAgent("codex")
                                .build());
            }
            List<ConnectedAgent> agents = cy.agents().list();
            assertThat(agents).extracting(ConnectedAgent::agentName).containsExactly("codex");
            assertThat(agents.get(0).keyCount()).isEqualTo(1);
            assertThat(agents.get(0).memoryCount()).isEqualTo(1);
            assertThat(cy.agents().update("codex", "Codex CLI", "terminal").displayName())
                    .isEqualTo("Codex CLI");
            assertThat(cy.memories()
                            .list(MemoryListParams.builder().actor("codex").build())
                            .total()
                            .getAsLong())
                    .isEqualTo(1);

            assertThat(ben.agents().disconnect("codex").disconnected()).isFalse();
            AgentDisconnected done = cy.agents().disconnect("codex");
            assertThat(done.disconnected()).isTrue();
            assertThat(done.keysRevoked()).isEqualTo(1);
            assertThat(cy.agents().list()).isEmpty();
            assertThatThrownBy(() -> cy.agents().update("codex", "x", null)).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void checklistItemsAndBulkDismiss() {
        TestUser dotUser = SERVER.server().createUser("dot-compat@example.com");
        try (MemaxClient dot = client(dotUser.apiKey())) {
            UUID team = dot.hubs()
                    .create(HubCreateParams.builder().name("Compat checklist").build())
                    .hub()
                    .id();
            Notification checklist = dot.notifications().list().items().get(0);
            assertThat(checklist.kind()).isEqualTo("checklist");
            assertThat(checklist.hubId()).isEqualTo(team);
            assertThatThrownBy(() -> dot.notifications().completeItem(checklist.id(), "connect_agent"))
                    .isInstanceOf(ConflictException.class);
            assertThat(dot.notifications()
                            .viewItem(checklist.id(), "invite_member")
                            .viewedAt())
                    .isNotNull();
            dot.notifications().completeItem(checklist.id(), "invite_member");
            dot.notifications().completeItem(checklist.id(), "first_memory");
            NotificationItemUpdate last = dot.notifications().completeItem(checklist.id(), "connect_agent");
            assertThat(last.autoResolved()).isTrue();
            assertThat(last.notification().resolution()).isEqualTo("applied_auto");
            assertThatThrownBy(() -> ben.notifications().viewItem(checklist.id(), "invite_member"))
                    .isInstanceOf(NotFoundException.class);

            dot.hubs()
                    .members(team)
                    .add(MemberAddParams.builder()
                            .userId(benUser.id())
                            .role("viewer")
                            .build());
            assertThat(ben.notifications()
                            .dismissAll(List.of("membership_changed"), null, team)
                            .affected())
                    .isEqualTo(1);
            ben.notifications().dismissAll(null, null, null);
            assertThat(ben.notifications().summary().byKind()).containsEntry("membership_changed", 0L);
        }
    }
}
