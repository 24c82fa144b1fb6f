package dev.governor.reference;

import java.math.BigDecimal;

/** Channel is where a brand sells: its engine, currency, time zone and fee economics per unit. */
public record Channel(String code, String name, String engine, String currency, String timeZone,
                      BigDecimal referralPercent, BigDecimal fulfilmentFee, BigDecimal paymentPercent,
                      BigDecimal returnRatePercent, BigDecimal costPerReturn) {
}
