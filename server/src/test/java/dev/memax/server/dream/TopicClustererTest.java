package dev.memax.server.dream;

import static dev.memax.server.dream.DreamFixtures.DIMENSIONS;
import static dev.memax.server.dream.DreamFixtures.axis;
import static dev.memax.server.dream.DreamFixtures.id;
import static dev.memax.server.dream.DreamFixtures.memory;
import static dev.memax.server.dream.DreamFixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.memory.MemoryState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Phase 5 on hand-made vectors: joining topics, new topics and their names, and what is never moved. */
class TopicClustererTest {
    private static final UUID FINANCE = new UUID(1, 1);
    private static final UUID PEOPLE = new UUID(1, 2);
    private final TopicClusterer clusterer =
            new TopicClusterer(TopicClusterer.Settings.defaults(), new TopicLabeler(3));

    /** Three memories about billing near axis 0 (ids 1-3), three about onboarding near axis 4 (ids 4-6). */
    private static List<DreamMemory> hub() {
        return new ArrayList<>(List.of(
                memory(1, "Invoices are sent by the billing team.").build(),
                memory(2, "The billing team reconciles invoices monthly.")
                        .vector(vector(0, 0.95))
                        .build(),
                memory(3, "Overdue invoices trigger billing reminders.")
                        .vector(vector(0, 0.93))
                        .build(),
                memory(4, "New hires meet the team on their first day.")
                        .vector(axis(4))
                        .build(),
                memory(5, "The onboarding checklist is shared with the team.")
                        .vector(vector(4, 0.95))
                        .build(),
                memory(6, "An onboarding buddy helps the team welcome hires.")
                        .vector(vector(4, 0.93))
                        .build()));
    }

    private static Set<UUID> ids(int... ns) {
        return Arrays.stream(ns).mapToObj(DreamFixtures::id).collect(Collectors.toSet());
    }

    @Test
    void unassignedMemoriesWithACommonSubjectBecomeNamedTopics() {
        List<TopicClusterer.Proposal> proposals = clusterer.propose(hub(), List.of());

        assertThat(proposals).hasSize(2).allSatisfy(p -> assertThat(p).isInstanceOf(TopicClusterer.NewTopic.class));
        TopicClusterer.NewTopic billing = (TopicClusterer.NewTopic) proposals.get(0);
        TopicClusterer.NewTopic onboarding = (TopicClusterer.NewTopic) proposals.get(1);
        assertThat(billing.memoryIds()).containsExactly(id(1), id(2), id(3));
        assertThat(billing.terms()).startsWith("billing", "invoices").doesNotContain("sent");
        assertThat(billing.name()).startsWith("Billing, invoices");
        assertThat(billing.score()).isGreaterThan(0.95);
        assertThat(billing.reason()).contains("3 memories in no topic");
        assertThat(onboarding.memoryIds()).containsExactly(id(4), id(5), id(6));
        assertThat(onboarding.terms()).first().isIn("onboarding", "hires");
    }

    @Test
    void aMemoryCloseToAnExistingTopicJoinsIt() {
        List<TopicClusterer.Proposal> proposals = clusterer.propose(
                hub(), List.of(new TopicClusterer.Topic(FINANCE, "Finance", List.of(axis(0), vector(0, 0.9)))));

        assertThat(proposals.subList(0, 3)).allSatisfy(p -> {
            TopicClusterer.Assign assign = (TopicClusterer.Assign) p;
            assertThat(assign.topicId()).isEqualTo(FINANCE);
            assertThat(assign.score()).isGreaterThan(0.75);
            assertThat(assign.reason()).contains("\"Finance\"");
        });
        assertThat(proposals.get(3)).isInstanceOf(TopicClusterer.NewTopic.class);
        assertThat(proposals).hasSize(4);
    }

    @Test
    void aClusterNamedLikeAnExistingTopicJoinsItInsteadOfANewOne() {
        List<TopicClusterer.Proposal> proposals =
                clusterer.propose(hub(), List.of(new TopicClusterer.Topic(FINANCE, "billing", List.of(axis(6)))));

        assertThat(proposals.subList(0, 3))
                .extracting(p -> ((TopicClusterer.Assign) p).topicId())
                .containsOnly(FINANCE);
        assertThat(proposals.get(3)).isInstanceOf(TopicClusterer.NewTopic.class);
    }

    @Test
    void memoriesAlreadyInATopicAreNeverMoved() {
        List<DreamMemory> memories = new ArrayList<>(List.of(
                // A user put it under People, though its vector is pure Finance.
                memory(1, "Invoices are sent by the billing team.")
                        .topics(Set.of(PEOPLE), Set.of(PEOPLE))
                        .build(),
                // A dream put it under People earlier: left there too.
                memory(2, "The billing team reconciles invoices monthly.")
                        .topics(Set.of(PEOPLE), Set.of())
                        .build(),
                memory(3, "Archived billing note").state(MemoryState.ARCHIVED).build(),
                memory(4, "Not embedded yet").vector(null).build(),
                memory(5, "Overdue invoices trigger billing reminders.").build()));

        List<TopicClusterer.Proposal> proposals = clusterer.propose(
                memories,
                List.of(
                        new TopicClusterer.Topic(FINANCE, "Finance", List.of(axis(0))),
                        new TopicClusterer.Topic(PEOPLE, "People", List.of(axis(4)))));

        assertThat(proposals).singleElement().satisfies(p -> {
            assertThat(p.memoryIds()).containsExactly(id(5));
            assertThat(((TopicClusterer.Assign) p).topicId()).isEqualTo(FINANCE);
        });
    }

    @Test
    void tooSmallClustersAndLoneMemoriesWaitForMoreCompany() {
        List<DreamMemory> memories = List.of(
                memory(1, "Invoices are sent by the billing team.").build(),
                memory(2, "The billing team reconciles invoices.")
                        .vector(vector(0, 0.95))
                        .build(),
                memory(3, "A lone note about the garden.").vector(axis(4)).build());

        assertThat(clusterer.propose(memories, List.of())).isEmpty();
    }

    @Test
    void theSameMemoriesInAnyOrderGiveTheSameProposals() {
        List<DreamMemory> memories = hub();
        List<TopicClusterer.Topic> topics = List.of(new TopicClusterer.Topic(FINANCE, "Finance", List.of(axis(0))));
        List<TopicClusterer.Proposal> expected = clusterer.propose(memories, topics);
        Collections.shuffle(memories, new Random(3));

        assertThat(clusterer.propose(memories, topics)).isEqualTo(expected);
    }

    @Test
    void clustersAreExactlyThoseOfNaiveAverageLinkage() {
        Random random = new Random(11);
        List<DreamMemory> memories = new ArrayList<>();
        float[][] centres = new float[5][];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = gaussian(random, 1);
        }
        for (int i = 0; i < 60; i++) {
            float[] centre = centres[random.nextInt(centres.length)];
            float[] noise = gaussian(random, 0.5);
            float[] v = new float[DIMENSIONS];
            for (int d = 0; d < DIMENSIONS; d++) {
                v[d] = centre[d] + noise[d];
            }
            memories.add(memory(i, "m").vector(v).build());
        }
        for (double cut : new double[] {0.3, 0.6, 0.85}) {
            TopicClusterer everyCluster =
                    new TopicClusterer(new TopicClusterer.Settings(0.75, cut, 1, 2000), new TopicLabeler(3));
            Set<Set<UUID>> clusters = everyCluster.propose(memories, List.of()).stream()
                    .map(p -> Set.copyOf(p.memoryIds()))
                    .collect(Collectors.toSet());

            assertThat(clusters).as("cut %s", cut).isEqualTo(naive(memories, cut));
        }
    }

    private static float[] gaussian(Random random, double scale) {
        float[] v = new float[DIMENSIONS];
        for (int d = 0; d < DIMENSIONS; d++) {
            v[d] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    /** Textbook average linkage: merge the two groups of highest mean pairwise cosine while it reaches the cut. */
    private static Set<Set<UUID>> naive(List<DreamMemory> memories, double cut) {
        List<List<DreamMemory>> groups = new ArrayList<>();
        memories.forEach(m -> groups.add(new ArrayList<>(List.of(m))));
        while (groups.size() > 1) {
            int bestA = -1;
            int bestB = -1;
            double best = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < groups.size(); a++) {
                for (int b = a + 1; b < groups.size(); b++) {
                    double sum = 0;
                    for (DreamMemory x : groups.get(a)) {
                        for (DreamMemory y : groups.get(b)) {
                            sum += DreamVectors.cosine(x.vector(), y.vector());
                        }
                    }
                    double mean = sum / (groups.get(a).size() * groups.get(b).size());
                    if (mean > best) {
                        best = mean;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            if (best < cut) {
                break;
            }
            groups.get(bestA).addAll(groups.remove(bestB));
        }
        Set<Set<UUID>> out = new HashSet<>();
        groups.forEach(g -> out.add(g.stream().map(DreamMemory::id).collect(Collectors.toSet())));
        return out;
    }
}
