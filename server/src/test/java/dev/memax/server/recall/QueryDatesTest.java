package dev.memax.server.recall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The periods a recall query names. */
class QueryDatesTest {
    private static QueryDates.Period day(int y, int m, int d) {
        return new QueryDates.Period(LocalDate.of(y, m, d), LocalDate.of(y, m, d));
    }

    @Test
    void daysInEveryWrittenForm() {
        assertThat(QueryDates.in("What did Tim say on 16 November, 2023?")).containsExactly(day(2023, 11, 16));
        assertThat(QueryDates.in("the book he finished on 8th December, 2023")).containsExactly(day(2023, 12, 8));
        assertThat(QueryDates.in("the picture shared on December 1,2023")).containsExactly(day(2023, 12, 1));
        assertThat(QueryDates.in("deploys since 2024-02-29")).containsExactly(day(2024, 2, 29));
    }

    @Test
    void monthsAndYearsCoverTheirDays() {
        assertThat(QueryDates.in("Where did Joanna travel to in July 2022?"))
                .containsExactly(new QueryDates.Period(LocalDate.of(2022, 7, 1), LocalDate.of(2022, 7, 31)));
        assertThat(QueryDates.in("injuries in 2023"))
                .containsExactly(new QueryDates.Period(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31)));
    }

    @Test
    void aSpanCountsOnceAndImpossibleDatesAreNoDates() {
        // "May 2023" inside "21 May 2023" is not also a month; the year of a day is not also a year
        assertThat(QueryDates.in("signed on 21 May 2023")).containsExactly(day(2023, 5, 21));
        assertThat(QueryDates.in("on 2023-02-30")).isEmpty();
        assertThat(QueryDates.in("in May, last week, 12 apples, room 3000")).isEmpty();
    }
}
