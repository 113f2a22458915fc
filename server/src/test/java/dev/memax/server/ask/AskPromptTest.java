package dev.memax.server.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The prompt ask sends a model: numbered sources with title and UTC date, then the question. */
class AskPromptTest {
    private static AskResponse.Source source(int index, String title, String content) {
        return new AskResponse.Source(
                index,
                UUID.randomUUID(),
                UUID.randomUUID(),
                title,
                null,
                content,
                List.of(),
                0.5,
                "semantic",
                "evolving",
                null,
                null,
                Instant.EPOCH,
                "just now");
    }

    @Test
    void eachSourceIsNumberedWithItsTitleAndDayThenTheQuestion() {
        String prompt = AskPrompt.user(
                "  When is the freeze?  ",
                List.of(source(1, " Release plan ", "  The freeze starts Dec 18.\n"), source(2, null, "Deploys stop.")),
                List.of(Instant.parse("2025-12-01T23:30:00Z"), Instant.parse("2025-12-02T00:30:00Z")));
        assertThat(prompt).isEqualTo("""
                Sources:
                [1] Release plan (2025-12-01)
                The freeze starts Dec 18.

                [2] (2025-12-02)
                Deploys stop.

                Question: When is the freeze?""");
    }

    @Test
    void aBlankTitleIsLeftOut() {
        assertThat(AskPrompt.user("q", List.of(source(1, "   ", "text")), List.of(Instant.EPOCH)))
                .startsWith("Sources:\n[1] (1970-01-01)\ntext\n\n");
    }

    @Test
    void theRulesAskForCitationsAndNoGuessing() {
        assertThat(AskPrompt.SYSTEM).contains("[1]", "cite", "do not guess");
    }
}
