package dev.memax.server.recall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** More of what {@link QueryDates} reads and refuses: order, case, leap days, the years it knows. */
class QueryDatesFormsTest {
    private static QueryDates.Period day(int y, int m, int d) {
        return new QueryDates.Period(LocalDate.of(y, m, d), LocalDate.of(y, m, d));
    }

    private static QueryDates.Period year(int y) {
        return new QueryDates.Period(LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
    }

    @Test
    void severalPeriodsComeMostPreciseFirst() {
        assertThat(QueryDates.in("between 2021 and March 2022, or on 2022-03-05"))
                .containsExactly(
                        day(2022, 3, 5),
                        new QueryDates.Period(LocalDate.of(2022, 3, 1), LocalDate.of(2022, 3, 31)),
                        year(2021));
    }

    @Test
    void monthNamesAndOrdinalsAreReadInAnyCase() {
        assertThat(QueryDates.in("MARCH 3RD, 2024")).containsExactly(day(2024, 3, 3));
        assertThat(QueryDates.in("on 22nd february 2024")).containsExactly(day(2024, 2, 22));
        assertThat(QueryDates.in("september, 2025"))
                .containsExactly(new QueryDates.Period(LocalDate.of(2025, 9, 1), LocalDate.of(2025, 9, 30)));
    }

    @Test
    void monthsEndOnTheirLastDayLeapYearsIncluded() {
        assertThat(QueryDates.in("February 2024"))
                .containsExactly(new QueryDates.Period(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 29)));
        assertThat(QueryDates.in("February 2023"))
                .containsExactly(new QueryDates.Period(LocalDate.of(2023, 2, 1), LocalDate.of(2023, 2, 28)));
        assertThat(QueryDates.in("29 February 2024")).containsExactly(day(2024, 2, 29));
    }

    @Test
    void anImpossibleDayIsNoPeriodAndItsYearIsNotReadAgain() {
        assertThat(QueryDates.in("29 February 2023")).isEmpty();
        assertThat(QueryDates.in("2023-13-01")).isEmpty();
        assertThat(QueryDates.in("2023-00-10")).isEmpty();
        assertThat(QueryDates.in("April 31, 2023")).isEmpty();
    }

    @Test
    void onlyYearsOfThisAndTheLastCenturyStandAlone() {
        assertThat(QueryDates.in("from 1999 to 2001")).containsExactly(year(1999), year(2001));
        assertThat(QueryDates.in("in 1899 or 2100, port 20231, v2023")).isEmpty();
        assertThat(QueryDates.in("")).isEmpty();
    }
}
