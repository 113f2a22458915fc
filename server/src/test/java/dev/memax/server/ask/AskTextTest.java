package dev.memax.server.ask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.memax.server.platform.Sentences;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text rules of ask: citation markers, sentence splitting, the plan → models setting. */
class AskTextTest {
    @Test
    void citationsAreReadInOrderOfFirstUseAndOnlyForRealSources() {
        assertThat(Citations.cited("A [2]. B [1][2]. C [1, 3]. D [9]. E [0]. F[3]", 3))
                .containsExactly(2, 1, 3);
        assertThat(Citations.cited("nothing cited, [x] [] [-1]", 3)).isEmpty();
        assertThat(Citations.cited("[4]", 3)).isEmpty();
    }

    @Test
    void sentencesFollowTheJdksBoundariesAndMarkdownBlocks() {
        assertThat(Sentences.of("The freeze starts on Dec. 18. Deploys stop!\n\nIs it final? Yes."))
                .containsExactly("The freeze starts on Dec. 18.", "Deploys stop!", "Is it final?", "Yes.");
        assertThat(Sentences.of("# Deploys\n- run make deploy\n- watch the rollout\n1. then check"))
                .containsExactly("Deploys", "run make deploy", "watch the rollout", "then check");
        assertThat(Sentences.of("  \n\n ")).isEmpty();
    }

    @Test
    void planModelsAreParsedOrRefusedAtStartup() {
        assertThat(AskService.parsePlanModels("free=gpt-4o-mini; pro = gpt-4o-mini , gpt-4o ;"))
                .isEqualTo(Map.of("free", List.of("gpt-4o-mini"), "pro", List.of("gpt-4o-mini", "gpt-4o")));
        assertThat(AskService.parsePlanModels("")).isEmpty();
        assertThat(AskService.parsePlanModels("free=")).isEqualTo(Map.of("free", List.of()));
        assertThatThrownBy(() -> AskService.parsePlanModels("gpt-4o")).isInstanceOf(IllegalArgumentException.class);
    }
}
