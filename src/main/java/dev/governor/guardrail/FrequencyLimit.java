package dev.governor.guardrail;


/** FrequencyLimit is how many days in a rolling 90 a SKU may be on promo on one channel. */
public record FrequencyLimit(PromoTerms terms, int maxDays, Severity severity, TableRow row) {

    public static FrequencyLimit from(PromoTerms terms, TableRow row, Severity severity) {
        return new FrequencyLimit(terms, row.integer("maxPromoDays"), severity, row);
    }
}
