package dev.governor.guardrail;

/** OutsideWindowPolicy says how hard a promo outside every allowed window speaks on an engine. */
public record OutsideWindowPolicy(PromoTerms terms, Severity severity, TableRow row) {
}
