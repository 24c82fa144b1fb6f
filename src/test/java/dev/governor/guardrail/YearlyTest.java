package dev.governor.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.MonthDay;
import org.junit.jupiter.api.Test;

/** A calendar row repeated every year, swept day by day over six years, for a row inside a year and one across New Year. */
class YearlyTest {

    private static boolean inside(Yearly.Period period, LocalDate day) {
        return !day.isBefore(period.start()) && !day.isAfter(period.end());
    }

    @Test
    void everyDayIsInsideTheOccurrenceOfItsYearExactlyWhenItsMonthAndDayAre() {
        LocalDate start = LocalDate.parse("2026-11-20");
        LocalDate end = LocalDate.parse("2026-11-30");
        for (LocalDate day = LocalDate.parse("2026-01-01"); day.isBefore(LocalDate.parse("2032-01-01")); day = day.plusDays(1)) {
            Yearly.Period period = Yearly.around(start, end, day);
            MonthDay monthDay = MonthDay.from(day);
            boolean expected = !monthDay.isBefore(MonthDay.of(11, 20)) && !monthDay.isAfter(MonthDay.of(11, 30));
            assertThat(inside(period, day)).as(day.toString()).isEqualTo(expected);
            assertThat(period.end()).as("the first occurrence ending on or after " + day).isAfterOrEqualTo(day);
            assertThat(period.end().minusYears(1)).as("no earlier occurrence ends on or after " + day)
                    .isBefore(day.isBefore(end) ? end : day);
        }
    }

    @Test
    void aRowAcrossNewYearCoversTheFirstDaysOfEveryFollowingYear() {
        LocalDate start = LocalDate.parse("2026-12-21");
        LocalDate end = LocalDate.parse("2027-01-03");
        for (LocalDate day = LocalDate.parse("2027-01-01"); day.isBefore(LocalDate.parse("2033-01-01")); day = day.plusDays(1)) {
            MonthDay monthDay = MonthDay.from(day);
            boolean expected = !monthDay.isBefore(MonthDay.of(12, 21)) || !monthDay.isAfter(MonthDay.of(1, 3));
            assertThat(inside(Yearly.around(start, end, day), day)).as(day.toString()).isEqualTo(expected);
        }
    }

    @Test
    void aBlackoutOverlapsALongPromoWhenItsFirstOccurrenceAfterThePromoStartsDoes() {
        // a promo from 1 December 2030 to 10 January 2031 meets the yearly holiday week of 2030
        Yearly.Period week = Yearly.around(LocalDate.parse("2026-12-21"), LocalDate.parse("2026-12-27"),
                LocalDate.parse("2030-12-01"));
        assertThat(week).isEqualTo(new Yearly.Period(LocalDate.parse("2030-12-21"), LocalDate.parse("2030-12-27")));
        // before the year typed, the row does not apply: its first occurrence is the one typed
        assertThat(Yearly.around(LocalDate.parse("2026-12-21"), LocalDate.parse("2026-12-27"), LocalDate.parse("2025-12-22")))
                .isEqualTo(new Yearly.Period(LocalDate.parse("2026-12-21"), LocalDate.parse("2026-12-27")));
    }
}
