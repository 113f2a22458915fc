package dev.memax.server.recall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How long ago a memory was created, as recall shows it: each unit's boundaries and its plural. */
class AgesTest {
    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    private static String ago(Duration duration) {
        return Ages.since(NOW.minus(duration), NOW);
    }

    @Test
    void underAMinuteAndTheFutureAreJustNow() {
        assertThat(ago(Duration.ZERO)).isEqualTo("just now");
        assertThat(ago(Duration.ofSeconds(59))).isEqualTo("just now");
        assertThat(Ages.since(NOW.plus(Duration.ofDays(3)), NOW)).isEqualTo("just now");
    }

    @Test
    void eachUnitStartsAtItsBoundaryAndOneIsSingular() {
        assertThat(ago(Duration.ofSeconds(60))).isEqualTo("1 minute ago");
        assertThat(ago(Duration.ofMinutes(59))).isEqualTo("59 minutes ago");
        assertThat(ago(Duration.ofMinutes(60))).isEqualTo("1 hour ago");
        assertThat(ago(Duration.ofHours(23).plusMinutes(59))).isEqualTo("23 hours ago");
        assertThat(ago(Duration.ofHours(24))).isEqualTo("1 day ago");
        assertThat(ago(Duration.ofDays(6))).isEqualTo("6 days ago");
        assertThat(ago(Duration.ofDays(7))).isEqualTo("1 week ago");
        assertThat(ago(Duration.ofDays(29))).isEqualTo("4 weeks ago");
        assertThat(ago(Duration.ofDays(30))).isEqualTo("1 month ago");
        assertThat(ago(Duration.ofDays(364))).isEqualTo("12 months ago");
        assertThat(ago(Duration.ofDays(365))).isEqualTo("1 year ago");
        assertThat(ago(Duration.ofDays(3 * 365 + 100))).isEqualTo("3 years ago");
    }

    @Test
    void unitsRoundDown() {
        assertThat(ago(Duration.ofMinutes(119))).isEqualTo("1 hour ago");
        assertThat(ago(Duration.ofDays(13))).isEqualTo("1 week ago");
        assertThat(ago(Duration.ofDays(59))).isEqualTo("1 month ago");
    }
}
