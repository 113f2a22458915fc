package dev.memax.server.platform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The one parser of timestamps clients send (filters such as {@code created_after} and
 * {@code since}, {@code expires_at}, {@code event_dates}): RFC 3339 with any offset, or a
 * {@code YYYY-MM-DD} date (its start, UTC), at microsecond precision (PostgreSQL's), between
 * years 0001 and 9999. Java reads years up to ±999,999,999 but PostgreSQL stores only 4713 BC to
 * 294276 AD, so a wider value is refused here rather than by the database.
 */
public final class Timestamps {
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");
    /** For field messages: what is accepted. */
    public static final String EXPECTED =
            "an RFC 3339 timestamp (2026-01-02T03:04:05Z) or a date (2026-01-02), years 0001-9999";

    private Timestamps() {}

    /** Throws {@link DateTimeParseException} for anything else (malformed or out of range). */
    public static Instant parse(String value) {
        String text = value.strip();
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            instant = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new DateTimeParseException("outside years 0001-9999", text, 0);
        }
        return instant;
    }

    /** RFC 3339 only (no bare date), in the same range. */
    public static Instant parseDateTime(String value) {
        String text = value.strip();
        Instant instant = OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MICROS);
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new DateTimeParseException("outside years 0001-9999", text, 0);
        }
        return instant;
    }
}
