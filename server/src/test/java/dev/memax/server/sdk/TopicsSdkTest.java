package dev.memax.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memax.sdk.MemaxClient;
import dev.memax.sdk.RequestOptions;
import dev.memax.sdk.errors.ApiException;
import dev.memax.sdk.errors.ConflictException;
import dev.memax.sdk.errors.NotFoundException;
import dev.memax.sdk.errors.ValidationException;
import dev.memax.sdk.models.Memory;
import dev.memax.sdk.models.Topic;
import dev.memax.sdk.models.TopicList;
import dev.memax.sdk.params.ListParams;
import dev.memax.sdk.params.MemoryCreateParams;
import dev.memax.sdk.params.TopicCreateParams;
import dev.memax.sdk.params.TopicReorderOperation;
import dev.memax.sdk.params.TopicUpdateParams;
import dev.memax.server.testing.MemaxServerExtension;
import dev.memax.server.testing.TestUser;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code client.topics()} against the real server: every /v1/topics route (the contract checks validate each answer). */
class TopicsSdkTest {
    @RegisterExtension
    static final MemaxServerExtension SERVER = new MemaxServerExtension();

    private static MemaxClient ada;
    private static MemaxClient bob;

    @BeforeAll
    static void connect() {
        ada = client(SERVER.server().createUser("ada-topics@example.com"));
        bob = client(SERVER.server().createUser("bob-topics@example.com"));
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
    void everyTopicCall() {
        Topic kitchen =
                ada.topics().create(TopicCreateParams.builder().name("Kitchen").build());
        Topic kettles = ada.topics()
                .create(TopicCreateParams.builder()
                        .name("Kettles")
                        .parentId(kitchen.id())
                        .build());
        Memory memory = ada.memories()
                .create(MemoryCreateParams.builder()
                        .content("The kettle is descaled monthly.")
                        .build());
        assertThat(ada.topics().assignMemory(kettles.id(), memory.id(), 0.6).confidence())
                .isEqualTo(0.6, org.assertj.core.data.Offset.offset(1e-6));

        TopicList tree = ada.topics().list();
        assertThat(tree.topics()).hasSize(1);
        assertThat(tree.topics().get(0).totalMemoryCount()).isEqualTo(1);
        assertThat(tree.topics().get(0).children().get(0).topic().id()).isEqualTo(kettles.id());
        assertThat(ada.topics().memories(kitchen.id(), ListParams.limit(5)).items())
                .extracting(Memory::id)
                .containsExactly(memory.id());
        assertThat(ada.topics().get(kettles.id()).parentId()).isEqualTo(kitchen.id());

        assertThatThrownBy(() -> ada.topics()
                        .update(
                                kitchen.id(),
                                TopicUpdateParams.builder()
                                        .parentId(kettles.id())
                                        .build()))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((ApiException) e).code())
                .isEqualTo("cycle_detected");
        assertThatThrownBy(() -> ada.topics()
                        .create(TopicCreateParams.builder().name("KITCHEN").build()))
                .isInstanceOf(ConflictException.class)
                .extracting(e -> ((ApiException) e).code())
                .isEqualTo("duplicate_name");
        assertThat(ada.topics()
                        .update(
                                kettles.id(),
                                TopicUpdateParams.builder().moveToRoot().build())
                        .parentId())
                .isNull();
        assertThat(ada.topics()
                        .reorder(List.of(
                                TopicReorderOperation.position(kitchen.id(), 1),
                                TopicReorderOperation.move(kettles.id(), 0, kitchen.id())))
                        .updated())
                .isEqualTo(2);
        assertThat(ada.topics().visit(kettles.id()).status()).isEqualTo("ok");
        assertThat(ada.topics().unassignMemory(kettles.id(), memory.id()).unassigned())
                .isTrue();

        assertThat(ada.topics().archive(kitchen.id()).archivedCount()).isEqualTo(2);
        assertThat(ada.topics().listArchived()).extracting(Topic::id).contains(kitchen.id(), kettles.id());
        assertThat(ada.topics().restore(kitchen.id()).restoredCount()).isEqualTo(2);
        assertThatThrownBy(() -> bob.topics().get(kitchen.id())).isInstanceOf(NotFoundException.class);
        assertThat(ada.topics().delete(kitchen.id()).deletedCount()).isEqualTo(2);
        assertThat(ada.topics().list(RequestOptions.NONE).topics()).isEmpty();
    }
}
