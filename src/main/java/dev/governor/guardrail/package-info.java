/**
 * The rules' published vocabulary: the facts the DRL files and decision tables see (Offer,
 * PriceChange, PromoTerms, MapLimit, BudgetLine, SupplySituation, RaciRoute, …), the
 * {@code results} global they report through ({@link dev.governor.guardrail.Results}), and what
 * a finding is made of ({@link dev.governor.guardrail.Finding}, {@link dev.governor.guardrail.Severity},
 * {@link dev.governor.guardrail.Source}, {@link dev.governor.guardrail.Verdict}, {@link dev.governor.guardrail.Figures}).
 *
 * <p>Every stored ruleset version imports this package by name ({@code import dev.governor.guardrail.*;}
 * in each DRL file, {@code TableRow.of(drools)} and fact constructors in the workbooks' engine
 * cells), and versions stay in the database for as long as their decisions are audited. So a class
 * here is renamed, moved or changed incompatibly only together with a new version of every stored
 * file that names it — a versioned import change — and never as a refactoring. The evaluation's
 * outputs stay here for the same reason: {@code Results} builds {@code Finding}s inside the rules,
 * so they are part of what the rules speak; {@code dev.governor.ruleset.Evaluation} is what
 * Governor makes of them.
 *
 * <p>This package depends on the JDK alone (ArchitectureTest holds it to that), so stored rules
 * never reach into Governor's own code.
 */
package dev.governor.guardrail;
