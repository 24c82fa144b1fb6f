package dev.governor.guardrail;

/** NegativeMarginPolicy says how hard a negative contribution margin speaks on an engine. */
public record NegativeMarginPolicy(Offer offer, Severity severity, TableRow row) {
}
