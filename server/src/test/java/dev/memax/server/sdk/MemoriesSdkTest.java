package dev.memax.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.Page;
import dev.memax.sdk.RequestOptions;
import dev.memax.sdk.ResponseInfo;
import dev.memax.sdk.errors.ApiException;
import dev.memax.sdk.errors.ConflictException;
import dev.memax.sdk.errors.NotFoundException;
import dev.memax.sdk.errors.PermissionDeniedException;
import dev.memax.sdk.errors.ValidationException;
import dev.memax.sdk.models.Deleted;
import dev.memax.sdk.models.HubRole;
import dev.memax.sdk.models.MemoriesDeleted;
import dev.memax.sdk.models.MemoriesMoved;
import dev.memax.sdk.models.Memory;
import dev.memax.sdk.models.MemoryKind;
import dev.memax.sdk.models.MemoryStability;
import dev.memax.sdk.models.MemoryState;
import dev.memax.sdk.models.MemoryVersion;
import dev.memax.sdk.models.ProjectContext;
import dev.memax.sdk.models.RelatedMemory;
import dev.memax.sdk.params.HubCreateParams;
import dev.memax.sdk.params.ListParams;
import dev.memax.sdk.params.MemberAddParams;
import dev.memax.sdk.params.MemoryCreateParams;
import dev.memax.sdk.params.MemoryListParams;
import dev.memax.sdk.params.MemoryMoveParams;
import dev.memax.sdk.params.MemoryUpdateParams;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SDK's memory calls against the real server: every /v1/memories route (the contract checks validate each answer). */
class MemoriesSdkTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static TestUser adaUser;
    private static MemaxClient ada;
    private static MemaxClient bob;

    @BeforeAll
    static void connect() {
        adaUser = SERVER.server().createUser("ada-sdk@example.com");
        TestUser bobUser = SERVER.server().createUser("bob-sdk@example.com");
        ada = client(adaUser);
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
    void pushGetUpdateHistoryDelete() {
        AtomicInteger status = new AtomicInteger();
        RequestOptions observe = RequestOptions.builder()
                .onResponse((ResponseInfo r) -> status.set(r.statusCode()))
                .build();
        Memory created = ada.memories()
                .create(
                        MemoryCreateParams.builder()
                                .content("# Deploying\n\nRun `make deploy`.\n\n## Rollback\n\nRun `make rollback`.")
                                .title("Deploying")
                                .kind(MemoryKind.PROCEDURAL)
                                .stability(MemoryStability.STABLE)
                                .tags("ops", "deploy")
                                .source("docs")
                                .sourceAgent("claude")
                                .sourcePath("ops/deploy.md")
                                .metadata(Map.of("reviewed", true))
                                .projectContext(new ProjectContext("memax", "api", "main"))
                                .eventDates(Instant.parse("2026-01-05T10:00:00Z"))
                                .pinned(true)
                                .expiresIn("30d")
                                .build(),
                        observe);
        assertThat(status.get()).isEqualTo(201);
        assertThat(created.hubId()).isEqualTo(adaUser.personalHubId());
        assertThat(created.kind()).isEqualTo(MemoryKind.PROCEDURAL);
        assertThat(created.tags()).containsExactly("ops", "deploy");
        assertThat(created.metadata()).containsEntry("reviewed", true);
        assertThat(created.projectContext()).isEqualTo(new ProjectContext("memax", "api", "main"));
        assertThat(created.expiresAt()).isAfter(Instant.now().plusSeconds(29 * 86400));
        assertThat(ada.memories().get(created.id())).isEqualTo(created);

        Memory unchanged = ada.memories()
                .create(
                        MemoryCreateParams.builder()
                                .content(created.content())
                                .sourcePath("ops/deploy.md")
                                .build(),
                        observe);
        assertThat(status.get()).isEqualTo(200);
        assertThat(unchanged).isEqualTo(created);
        Memory upserted = ada.memories()
                .create(
                        MemoryCreateParams.builder()
                                .content(created.content() + "\nDone.")
                                .sourcePath("ops/deploy.md")
                                .build(),
                        observe);
        assertThat(status.get()).isEqualTo(200);
        assertThat(upserted.id()).isEqualTo(created.id());
        assertThat(upserted.version()).isEqualTo(2);

        Memory updated = ada.memories()
                .update(
                        created.id(),
                        MemoryUpdateParams.builder()
                                .title("Deploys")
                                .state(MemoryState.ARCHIVED)
                                .clearSourceAgent()
                                .clearExpiry()
                                .build());
        assertThat(updated.version()).isEqualTo(3);
        assertThat(updated.state()).isEqualTo(MemoryState.ARCHIVED);
        assertThat(updated.sourceAgent()).isNull();
        assertThat(updated.expiresAt()).isNull();

        Page<MemoryVersion> history = ada.memories().history(created.id(), ListParams.limit(2), RequestOptions.NONE);
        assertThat(history.total()).hasValue(3);
        List<MemoryVersion> versions = history.stream().toList();
        assertThat(versions).extracting(MemoryVersion::version).containsExactly(3, 2, 1);
        assertThat(versions.get(0).changedBy()).isEqualTo(adaUser.id());
        assertThat(versions.get(0).changes().get("title").from()).isEqualTo("Deploying");
        assertThat(versions.get(0).changes().get("title").to()).isEqualTo("Deploys");
        assertThat(versions.get(0).changes().get("source_agent").to()).isNull();
        assertThat(versions.get(1).changes()).containsKey("content");
        assertThat(versions.get(2).change()).isEqualTo("created");

        Deleted deleted = ada.memories().delete(created.id());
        assertThat(deleted.deleted()).isTrue();
        assertThatThrownBy(() -> ada.memories().get(created.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void listFiltersSortsAndPages() {
        UUID hub = ada.hubs()
                .create(HubCreateParams.builder().name("SDK list").build())
                .hub()
                .id();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(ada.memories()
                    .create(MemoryCreateParams.builder()
                            .content("note " + i)
                            .tags(i % 2 == 0 ? "even" : "odd")
                            .hubId(hub)
                            .build())
                    .id());
        }
        Page<Memory> first = ada.memories()
                .list(MemoryListParams.builder()
                        .hubId(hub)
                        .sort(MemoryListParams.Sort.OLDEST)
                        .limit(2)
                        .build());
        assertThat(first.total()).hasValue(5);
        assertThat(first.hasNextPage()).isTrue();
        assertThat(first.stream().map(Memory::id).toList()).isEqualTo(ids);
        assertThat(ada
                        .memories()
                        .list(MemoryListParams.builder().hubId(hub).tags("even").build())
                        .stream()
                        .map(Memory::id)
                        .toList())
                .containsExactly(ids.get(4), ids.get(2), ids.get(0));
        assertThatThrownBy(() -> bob.memories()
                        .list(MemoryListParams.builder().hubId(hub).build()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aCallsHubNarrowsTheListButTheClientsDefaultHubDoesNot() {
        TestUser carol = SERVER.server().createUser("carol-sdk@example.com");
        try (MemaxClient plain = client(carol)) {
            UUID team = plain.hubs()
                    .create(HubCreateParams.builder().name("SDK default hub").build())
                    .hub()
                    .id();
            UUID inTeam = plain.memories()
                    .create(MemoryCreateParams.builder()
                            .content("team note")
                            .hubId(team)
                            .build())
                    .id();
            UUID inPersonal = plain.memories()
                    .create(MemoryCreateParams.builder()
                            .content("personal note")
                            .build())
                    .id();
            try (MemaxClient teamByDefault = MemaxClient.builder()
                    .baseUrl(SERVER.server().uri().toString())
                    .apiKey(carol.apiKey())
                    .maxRetries(0)
                    .defaultHubId(team)
                    .build()) {
                // The default hub is where writes go; lists still span every readable hub.
                assertThat(teamByDefault.memories().list().stream()
                                .map(Memory::id)
                                .toList())
                        .containsExactlyInAnyOrder(inTeam, inPersonal);
                // A call's own X-Hub-ID narrows, as the Memax SDK's list({hubId}) expects.
                assertThat(
                                teamByDefault
                                        .memories()
                                        .list(MemoryListParams.DEFAULT, RequestOptions.ofHub(carol.personalHubId()))
                                        .stream()
                                        .map(Memory::id)
                                        .toList())
                        .containsExactly(inPersonal);
                assertThat(teamByDefault
                                .memories()
                                .create(MemoryCreateParams.builder()
                                        .content("by default")
                                        .build())
                                .hubId())
                        .isEqualTo(team);
            }
        }
    }

    @Test
    void batchCreateRelatedBatchMoveAndBatchDelete() {
        List<Memory> batch = ada.memories()
                .createBatch(List.of(
                        MemoryCreateParams.of("The Postgres backups run every night at 2am and go to S3."),
                        MemoryCreateParams.of("Nightly Postgres backups are copied to an S3 bucket."),
                        MemoryCreateParams.of("The office plants need water on Mondays.")));
        assertThat(batch)
                .extracting(Memory::content)
                .containsExactly(
                        "The Postgres backups run every night at 2am and go to S3.",
                        "Nightly Postgres backups are copied to an S3 bucket.",
                        "The office plants need water on Mondays.");

        List<RelatedMemory> related = ada.memories().related(batch.get(0).id());
        assertThat(related).isNotEmpty();
        assertThat(related.get(0).id()).isEqualTo(batch.get(1).id());
        assertThat(related)
                .extracting(RelatedMemory::id)
                .doesNotContain(batch.get(0).id());
        assertThat(ada.memories().related(batch.get(0).id(), 1, false, RequestOptions.NONE))
                .hasSize(1);

        UUID team = ada.hubs()
                .create(HubCreateParams.builder().name("SDK moves").build())
                .hub()
                .id();
        MemoriesMoved moved = ada.memories()
                .moveBatch(MemoryMoveParams.toHub(team, List.of(batch.get(0).id(), UUID.randomUUID())));
        assertThat(moved.moved()).isEqualTo(1);
        assertThat(moved.skipped()).isEqualTo(1);
        assertThat(ada.memories().get(batch.get(0).id()).hubId()).isEqualTo(team);
        assertThatThrownBy(() -> ada.memories()
                        .moveBatch(MemoryMoveParams.toHub(
                                UUID.randomUUID(), List.of(batch.get(1).id()))))
                .isInstanceOf(NotFoundException.class);

        MemoriesDeleted deleted =
                bob.memories().deleteBatch(List.of(batch.get(1).id()));
        assertThat(deleted.deleted()).isZero();
        assertThat(deleted.skippedIds()).containsExactly(batch.get(1).id().toString());
        deleted = ada.memories()
                .deleteBatch(List.of(batch.get(1).id(), batch.get(2).id()));
        assertThat(deleted.deletedIds())
                .containsExactly(batch.get(1).id(), batch.get(2).id());
    }

    @Test
    void errorsMapToTheirExceptions() {
        Memory mine = ada.memories().create(MemoryCreateParams.of("Ada's"));
        assertThatThrownBy(() -> bob.memories().get(mine.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> bob.memories()
                        .update(
                                mine.id(),
                                MemoryUpdateParams.builder().title("x").build()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> bob.memories().delete(mine.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> bob.memories().history(mine.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> bob.memories().related(mine.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> ada.memories()
                        .create(MemoryCreateParams.builder()
                                .content("x")
                                .title("t".repeat(501))
                                .build()))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("title"));
        assertThatThrownBy(() -> ada.memories().create(MemoryCreateParams.of("x".repeat(1024 * 1024 + 1))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("payload_too_large"));
        List<MemoryCreateParams> tooMany = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            tooMany.add(MemoryCreateParams.of("m" + i));
        }
        assertThatThrownBy(() -> ada.memories().createBatch(tooMany)).isInstanceOf(ValidationException.class);

        ada.memories()
                .create(MemoryCreateParams.builder()
                        .content("a")
                        .sourcePath("same.md")
                        .build());
        Memory other = ada.memories()
                .create(MemoryCreateParams.builder()
                        .content("b")
                        .sourcePath("other.md")
                        .build());
        assertThatThrownBy(() -> ada.memories()
                        .update(
                                other.id(),
                                MemoryUpdateParams.builder()
                                        .sourcePath("same.md")
                                        .build()))
                .isInstanceOf(ConflictException.class);

        UUID team = ada.hubs()
                .create(HubCreateParams.builder().name("SDK viewers").build())
                .hub()
                .id();
        ada.hubs()
                .members(team)
                .add(MemberAddParams.builder()
                        .email("bob-sdk@example.com")
                        .role(HubRole.VIEWER)
                        .build());
        assertThatThrownBy(() -> bob.memories()
                        .create(MemoryCreateParams.builder()
                                .content("x")
                                .hubId(team)
                                .build()))
                .isInstanceOf(PermissionDeniedException.class);
    }
}
