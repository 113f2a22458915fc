package dev.memax.server.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** A usage period: the calendar month (UTC) holding an instant. Quotas reset at its end. */
public record UsagePeriod(LocalDate firstDay) {

    public static UsagePeriod of(Instant at) {
        return new UsagePeriod(LocalDate.ofInstant(at, ZoneOffset.UTC).withDayOfMonth(1));
    }

    public Instant start() {
        return firstDay.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public Instant end() {
        return firstDay.plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
