package dev.governor.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Filter narrows a listing of records; every field is optional. {@code from} and {@code to} are
 * inclusive days of the record's creation, in UTC.
 */
public record Filter(String status, String channel, String sku, LocalDate from, LocalDate to) {

    /** The first instant of {@code from}, or null when there is no lower bound. */
    public Instant fromInstant() {
        return from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after {@code to}, or null when there is no upper bound. */
    public Instant untilInstant() {
        return to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
