package dev.governor.guardrail;


/** LaunchBlackout is the number of days after a SKU's launch during which it may not be promoted. */
public record LaunchBlackout(PromoTerms terms, int days, Severity severity, TableRow row) {

    public static LaunchBlackout from(PromoTerms terms, TableRow row, Severity severity) {
        return new LaunchBlackout(terms, row.integer("daysAfterLaunch"), severity, row);
    }
}
