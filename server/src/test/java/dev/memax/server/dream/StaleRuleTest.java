package dev.memax.server.dream;

import static dev.memax.server.dream.DreamFixtures.day;
import static dev.memax.server.dream.DreamFixtures.id;
import static dev.memax.server.dream.DreamFixtures.memory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.memory.MemoryState;
import dev.memax.server.memory.Stability;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Phase 4's thresholds: which volatile memories are archived, and which are always kept. */
class StaleRuleTest {
    private static final Instant NOW = day(200);
    private final StaleRule rule = new StaleRule(StaleRule.Settings.defaults());

    private static DreamFixtures.Builder volatileOn(int n, int createdDay) {
        return memory(n, "Deploy freeze this week")
                .stability(Stability.VOLATILE)
                .on(createdDay);
    }

    @Test
    void anOldVolatileMemoryNobodyReadsIsArchived() {
        List<StaleRule.Proposal> proposals = rule.find(List.of(volatileOn(1, 80).build()), Set.of(), NOW);

        assertThat(proposals).singleElement().satisfies(p -> {
            assertThat(p.memoryIds()).containsExactly(id(1));
            assertThat(p.cause()).isEqualTo(StaleRule.Cause.AGE);
            assertThat(p.score()).isBetween(0.6, 0.7);
            assertThat(p.reason()).contains("unchanged for 120 days").contains("never read");
        });
    }

    @Test
    void recentlyReadOrYoungMemoriesStay() {
        assertThat(rule.find(
                        List.of(
                                volatileOn(1, 80).read(3, day(190)).build(),
                                volatileOn(2, 150).build()),
                        Set.of(),
                        NOW))
                .isEmpty();
        // Read long ago counts as idle.
        assertThat(rule.find(List.of(volatileOn(3, 80).read(3, day(100)).build()), Set.of(), NOW))
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("read 3 times"));
    }

    @Test
    void aSupersededVolatileMemoryGoesAfterAShortIdleTime() {
        assertThat(rule.find(List.of(volatileOn(1, 190).build()), Set.of(id(1)), NOW))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.cause()).isEqualTo(StaleRule.Cause.SUPERSEDED);
                    assertThat(p.score()).isEqualTo(1.0);
                });
        assertThat(rule.find(List.of(volatileOn(1, 195).build()), Set.of(id(1)), NOW))
                .isEmpty();
        assertThat(rule.find(List.of(volatileOn(1, 100).read(1, day(198)).build()), Set.of(id(1)), NOW))
                .isEmpty();
    }

    @Test
    void onlyActiveUnpinnedVolatileMemoriesAreEverArchived() {
        Set<UUID> superseded = Set.of(id(1), id(2), id(3), id(4));
        assertThat(rule.find(
                        List.of(
                                memory(1, "x").stability(Stability.EVOLVING).build(),
                                memory(2, "x").stability(Stability.STABLE).build(),
                                volatileOn(3, 0).pinned().build(),
                                volatileOn(4, 0).state(MemoryState.ARCHIVED).build()),
                        superseded,
                        NOW))
                .isEmpty();
    }

    @Test
    void proposalsComeOldestFirst() {
        assertThat(rule.find(
                        List.of(volatileOn(2, 50).build(), volatileOn(1, 10).build()), Set.of(), NOW))
                .extracting(StaleRule.Proposal::memoryId)
                .containsExactly(id(1), id(2));
    }
}
