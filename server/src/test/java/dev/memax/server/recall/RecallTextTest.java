package dev.memax.server.recall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.memax.server.embedding.Vectors;
import org.junit.jupiter.api.Test;

/** What recall hands the embedder and PostgreSQL: the query text with its instruction, the vector literal. */
class RecallTextTest {
    private static RecallSettings withInstruction(String instruction) {
        return new RecallSettings(
                100,
                2000,
                100,
                20000,
                "blend",
                0.75,
                60,
                8,
                1.2,
                0.3,
                2000,
                0.02,
                30,
                0.05,
                0.01,
                0.02,
                0.8,
                2,
                true,
                0.25,
                0.25,
                0.3,
                7,
                0.05,
                instruction);
    }

    @Test
    void theQueryIsEmbeddedAfterTheInstructionWhenThereIsOne() {
        assertThat(withInstruction(" Represent this sentence for searching relevant passages: ")
                        .queryText("deploy freeze"))
                .isEqualTo("Represent this sentence for searching relevant passages: deploy freeze");
        assertThat(withInstruction("").queryText(" as typed ")).isEqualTo(" as typed ");
        assertThat(withInstruction("  ").queryText("q")).isEqualTo("q");
        assertThat(withInstruction(null).queryText("q")).isEqualTo("q");
    }

    @Test
    void vectorsArePgvectorLiterals() {
        assertThat(Vectors.literal(new float[] {0.5f, -1f, 1e-8f})).isEqualTo("[0.5,-1.0,1.0E-8]");
        assertThat(Vectors.literal(new float[0])).isEqualTo("[]");
    }
}
