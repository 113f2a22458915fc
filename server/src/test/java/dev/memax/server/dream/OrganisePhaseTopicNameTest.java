package dev.memax.server.dream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A model's answer becomes a topic name only when it is one: 1-4 words, cleaned of quotes and markup. */
class OrganisePhaseTopicNameTest {
    @Test
    void quotesMarkupPrefixesAndLaterLinesAreDropped() {
        assertThat(OrganisePhase.topicName("\"Acme billing.\"\nThese notes are about invoices."))
                .hasValue("Acme billing");
        assertThat(OrganisePhase.topicName("**Topic:** on-call R&D rota")).hasValue("On-call R&D rota");
        assertThat(OrganisePhase.topicName("  `kubernetes`  ")).hasValue("Kubernetes");
    }

    @Test
    void proseEmptyAnswersAndLongNamesAreNoNames() {
        assertThat(OrganisePhase.topicName("These notes are all about the Acme account's invoices"))
                .isEmpty();
        assertThat(OrganisePhase.topicName("  \n")).isEmpty();
        assertThat(OrganisePhase.topicName("\"...\"")).isEmpty();
        assertThat(OrganisePhase.topicName("Supercalifragilisticexpialidocious".repeat(2)))
                .isEmpty();
    }
}
