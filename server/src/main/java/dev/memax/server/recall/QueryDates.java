package dev.memax.server.recall;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The periods a recall query names: a day ({@code 2023-05-21}, {@code 21 May 2023},
 * {@code May 21st, 2023}), a month of a year ({@code July 2022}) or a year ({@code 2023}), in
 * English. A memory whose {@code event_dates} fall in one of them is the likelier answer to
 * "what did we decide in March 2024?" (see {@link RecallRanker}). A month without a year or a
 * relative expression ("last week") names no period: recall has no reference date for it.
 */
public final class QueryDates {
    private static final String MONTH =
            "(january|february|march|april|may|june|july|august|september|october|november" + "|december)";
    private static final String YEAR = "((?:19|20)\\d\\d)";
    private static final String DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
    private static final Pattern ISO = Pattern.compile("\\b" + YEAR + "-(\\d\\d)-(\\d\\d)\\b");
    private static final Pattern DAY_MONTH_YEAR =
            Pattern.compile("\\b" + DAY + "\\s+" + MONTH + ",?\\s*" + YEAR + "\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern MONTH_DAY_YEAR =
            Pattern.compile("\\b" + MONTH + "\\s+" + DAY + ",?\\s*" + YEAR + "\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern MONTH_YEAR =
            Pattern.compile("\\b" + MONTH + ",?\\s+" + YEAR + "\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern BARE_YEAR = Pattern.compile("\\b" + YEAR + "\\b");

    private QueryDates() {}

    /** A period of whole days, both ends included. */
    public record Period(LocalDate first, LocalDate last) {}

    /** Every period the query names, most precise first; a span of text counts once. */
    public static List<Period> in(String query) {
        List<Period> out = new ArrayList<>();
        boolean[] used = new boolean[query.length()];
        for (Matcher m = ISO.matcher(query); m.find(); ) {
            day(out, used, m, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }
        for (Matcher m = DAY_MONTH_YEAR.matcher(query); m.find(); ) {
            day(out, used, m, Integer.parseInt(m.group(3)), month(m.group(2)), Integer.parseInt(m.group(1)));
        }
        for (Matcher m = MONTH_DAY_YEAR.matcher(query); m.find(); ) {
            day(out, used, m, Integer.parseInt(m.group(3)), month(m.group(1)), Integer.parseInt(m.group(2)));
        }
        for (Matcher m = MONTH_YEAR.matcher(query); m.find(); ) {
            if (free(used, m)) {
                LocalDate first = LocalDate.of(Integer.parseInt(m.group(2)), month(m.group(1)), 1);
                add(out, used, m, new Period(first, first.withDayOfMonth(first.lengthOfMonth())));
            }
        }
        for (Matcher m = BARE_YEAR.matcher(query); m.find(); ) {
            if (free(used, m)) {
                int year = Integer.parseInt(m.group(1));
                add(
                        out,
                        used,
                        m,
                        new Period(
                                LocalDate.of(year, 1, 1),
                                Year.of(year).atMonth(12).atEndOfMonth()));
            }
        }
        return out;
    }

    /** A written day; an impossible one (2023-02-30) still uses up its text, so its year is not read as a year. */
    private static void day(List<Period> out, boolean[] used, Matcher m, int year, int month, int day) {
        if (!free(used, m)) {
            return;
        }
        if (month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))) {
            add(out, used, m, null);
            return;
        }
        LocalDate date = LocalDate.of(year, month, day);
        add(out, used, m, new Period(date, date));
    }

    private static int month(String name) {
        for (Month month : Month.values()) {
            if (month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).equalsIgnoreCase(name)) {
                return month.getValue();
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static boolean free(boolean[] used, Matcher m) {
        for (int i = m.start(); i < m.end(); i++) {
            if (used[i]) {
                return false;
            }
        }
        return true;
    }

    /** Marks the match's text as read and records its period (none for an impossible day). */
    private static void add(List<Period> out, boolean[] used, Matcher m, Period period) {
        for (int i = m.start(); i < m.end(); i++) {
            used[i] = true;
        }
        if (period != null) {
            out.add(period);
        }
    }
}
