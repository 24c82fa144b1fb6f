package dev.governor.budget;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IsoWeek is an ISO-8601 week such as {@code 2026-W49}: Monday to Sunday, numbered within its
 * week-based year. Its text form sorts like the weeks themselves, which the Lines sheet relies on.
 */
public record IsoWeek(int year, int week) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-W(\\d{2})");

    /** The week a text names, or empty when it is not written as YYYY-Www or the year has no such week. */
    public static Optional<IsoWeek> parse(String text) {
        Matcher matcher = FORMAT.matcher(text == null ? "" : text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(matcher.group(1));
        int week = Integer.parseInt(matcher.group(2));
        long weeks = LocalDate.of(year, 6, 1).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        return week >= 1 && week <= weeks ? Optional.of(new IsoWeek(year, week)) : Optional.empty();
    }

    /** What a field that should name a week is told when it does not. */
    static String invalid(String field, String text) {
        return "'" + field + "' must be an ISO week written as YYYY-Www, e.g. 2026-W49, not '" + text + "'";
    }

    /** The week {@code text} names, or a 422 for {@code field}. */
    static IsoWeek required(String field, String text) {
        return parse(text).orElseThrow(() -> dev.governor.core.Refusal.invalid(List.of(
                dev.governor.core.FieldError.field(field, "invalid_week", invalid(field, text)))));
    }

    public static IsoWeek of(LocalDate day) {
        return new IsoWeek(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public LocalDate monday() {
        return LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
    }

    public LocalDate sunday() {
        return monday().plusDays(6);
    }

    @Override
    public String toString() {
        return String.format("%04d-W%02d", year, week);
    }
}
