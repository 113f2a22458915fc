package dev.memax.server.dream;

import static dev.memax.server.dream.DreamFixtures.memory;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Topic names from distinctive terms: shared by the members, rare in the rest of the hub. */
class TopicLabelerTest {
    private final TopicLabeler labeler = new TopicLabeler(2);

    @Test
    void termsCommonAcrossTheHubLoseToDistinctiveOnes() {
        List<DreamMemory> cluster = List.of(
                memory(1, "Project notes: the kubernetes cluster upgrade").build(),
                memory(2, "Project notes: kubernetes node pools").build(),
                memory(3, "Project notes: the kubernetes ingress").build());
        List<DreamMemory> hub = List.of(
                cluster.get(0),
                cluster.get(1),
                cluster.get(2),
                memory(4, "Project notes: hiring plan").build(),
                memory(5, "Project notes: budget review").build(),
                memory(6, "Project notes: offsite").build());

        TopicLabeler.Label label = labeler.label(cluster, hub);

        assertThat(label.terms()).containsExactly("kubernetes", "notes");
        assertThat(label.name()).isEqualTo("Kubernetes, notes");
    }

    @Test
    void pluralsCountAsOneTermShownInTheirCommonestSpelling() {
        List<DreamMemory> cluster = List.of(
                memory(1, "Invoices for March").build(),
                memory(2, "Overdue invoices").build(),
                memory(3, "One invoice disputed").build());

        assertThat(labeler.label(cluster, List.of()).terms()).first().isEqualTo("invoices");
    }

    @Test
    void aClusterWithoutWordsIsUntitledAndLabelsAreDeterministic() {
        assertThat(labeler.label(List.of(memory(1, "42 17").build()), List.of()).name())
                .isEqualTo("Untitled");
        List<DreamMemory> cluster = List.of(
                memory(1, "alpha beta gamma").build(),
                memory(2, "gamma beta alpha").build());
        assertThat(labeler.label(cluster, cluster))
                .isEqualTo(labeler.label(List.of(cluster.get(1), cluster.get(0)), cluster));
    }
}
