package dev.governor.reference;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** Channel is where a brand sells: its engine, currency, time zone and fee economics per unit. */
public record Channel(String code, String name, String engine, String currency, String timeZone,
                      BigDecimal referralPercent, BigDecimal fulfilmentFee, BigDecimal paymentPercent,
                      BigDecimal returnRatePercent, BigDecimal costPerReturn) {

    /** The channel's time zone: its days (effective dates, promo windows) begin and end there. */
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** The date it is now in this channel's time zone: the day its prices and promos are judged from. */
    public LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), zone());
    }

    /** Why {@code date} is refused at the door when it is before this channel's today, or null when it is not. */
    public String passed(String field, LocalDate date, Clock clock) {
        LocalDate today = today(clock);
        return date.isBefore(today) ? field + " " + date + " has passed: it is " + today + " on " + code + " ("
                + timeZone + "), so give " + today + " or a later day" : null;
    }
}
