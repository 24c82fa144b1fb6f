package dev.governor.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.approvals.ApprovalSubject;
import dev.governor.auth.Responsibility;
import dev.governor.auth.User;
import dev.governor.core.FieldError;
import dev.governor.core.JsonFields;
import dev.governor.core.Refusal;
import dev.governor.guardrail.Finding;
import dev.governor.guardrail.Verdict;
import dev.governor.proposals.NewProposal;
import dev.governor.proposals.Proposal;
import dev.governor.proposals.ProposalKind;
import dev.governor.proposals.ProposalRules;
import dev.governor.proposals.Proposals;
import dev.governor.reference.Catalog;
import dev.governor.reference.CatalogService;
import dev.governor.ruleset.CheckGroups;
import dev.governor.ruleset.Evaluation;
import dev.governor.ruleset.Ruleset;
import dev.governor.ruleset.RulesetHistory;
import dev.governor.ruleset.Rulesets;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * PriceService answers "may I set this price?" — as a check, a recorded proposal, or a whole batch —
 * and, as the owner of price proposals, re-checks them at approval and carries them out once approved.
 */
public final class PriceService implements ProposalRules {

    /** How many rows of a batch go into one rules session. */
    static final int BATCH_CHUNK = 2_000;

    /** BatchRow is the answer for one row of a batch: its verdict and findings, or the errors that kept it from being checked. */
    public record BatchRow(int row, String sku, String channel, BigDecimal price, Verdict verdict,
                           List<Finding> findings, List<Evaluation.MarginFigures> margins, List<FieldError> errors) {
    }

    /** BatchSummary closes the answer to a batch: the ruleset that answered, how many rows, and counts per verdict. */
    public record BatchSummary(String rulesetVersion, int rows, Map<String, Integer> summary) {
    }

    private final CatalogService catalogs;
    private final Rulesets rulesets;
    private final Proposals proposals;
    private final ApprovedPrices approved;
    private final RulesetHistory history;
    private final Clock clock;

    public PriceService(CatalogService catalogs, Rulesets rulesets, RulesetHistory history, Proposals proposals,
                        Clock clock) {
        this.clock = clock;
        this.catalogs = catalogs;
        this.rulesets = rulesets;
        this.history = history;
        this.proposals = proposals;
        this.approved = new ApprovedPrices(catalogs);
    }

    /**
     * Checks without recording. With {@code asOf} (an instant) the check uses the ruleset version that
     * was in force then — for disputes about what the rules said at the time.
     */
    public Evaluation check(User user, JsonNode body) {
        return checkLater(user, body, null).join();
    }

    /**
     * Validates and authorises a check at once (a bad or forbidden request throws), then answers it
     * in a group with the other checks waiting in {@code groups}, or alone when {@code groups} is null.
     */
    public CompletableFuture<Evaluation> checkLater(User user, JsonNode body, CheckGroups groups) {
        Ruleset ruleset = rulesets.asOf(JsonFields.instant(body, "asOf"), history);
        PriceRequest request = parse(body, clock);
        Responsibility.require(user, Responsibility.checkers(request.channel().engine()),
                "check prices on " + request.channel().code() + " (" + request.channel().engine() + ")");
        return CheckGroups.answer(groups, ruleset, facts(request));
    }

    /**
     * Checks and records a price proposal; the RACI table of the same ruleset says who may propose it
     * and who approves it. The size it is routed by is the move in % of the price in force on its date.
     */
    public Proposal propose(User user, JsonNode body) {
        PriceRequest request = parse(body, clock);
        Ruleset ruleset = rulesets.active();
        Evaluation evaluation = evaluate(ruleset, request);
        BigDecimal move = catalogs.current().priceOn(request.product().sku(), request.channel().code(),
                        request.effectiveFrom())
                .map(current -> request.price().subtract(current).abs().multiply(BigDecimal.valueOf(100))
                        .divide(current, 2, RoundingMode.HALF_UP))
                .orElse(BigDecimal.ZERO);
        return proposals.submit(user, ruleset, new NewProposal(ProposalKind.PRICE, request.channel().code(),
                request.channel().engine(), request.product().sku(), null, List.of(request.product().sku()),
                request.effectiveFrom(), null, null, null, request.toJson(), evaluation), move);
    }

    /** Checks a price request against a given ruleset (a draft's example cases), with today's catalog. */
    public Evaluation evaluateWith(Ruleset ruleset, JsonNode request) {
        return evaluate(ruleset, parse(request, null));
    }

    /** Checks a recorded price proposal again against today's catalog and the ruleset in force. */
    @Override
    public Evaluation recheck(Proposal proposal) {
        return evaluate(rulesets.active(), parse(proposal.request(), null));
    }

    /** An approved price becomes current from its effective date, or at approval when that has passed. */
    @Override
    public ApprovalSubject.Approval approved(Handle handle, Proposal proposal, Instant at) {
        return approved.approve(handle, proposal, at);
    }

    /** Makes the approved prices whose effective date has come current; answers how many. */
    public int applyDuePrices() {
        return catalogs.applyDuePrices(clock.instant());
    }

    /**
     * Checks many price changes at once and hands each row's answer to {@code sink}, in input order,
     * as soon as its chunk is evaluated; a bad or forbidden row is answered with its errors.
     * Returns the counts per verdict (and INVALID).
     */
    public BatchSummary checkBatch(User user, List<JsonNode> rows, List<Integer> rowNumbers, Consumer<BatchRow> sink) {
        Catalog catalog = catalogs.current();
        Ruleset ruleset = rulesets.active();
        Map<String, Integer> summary = new LinkedHashMap<>();
        for (Verdict verdict : Verdict.values()) {
            summary.put(verdict.name(), 0);
        }
        summary.put("INVALID", 0);
        for (int chunkStart = 0; chunkStart < rows.size(); chunkStart += BATCH_CHUNK) {
            int chunkEnd = Math.min(rows.size(), chunkStart + BATCH_CHUNK);
            BatchRow[] answers = new BatchRow[chunkEnd - chunkStart];
            PriceRequest[] requests = new PriceRequest[answers.length];
            List<Object> facts = new ArrayList<>();
            for (int i = chunkStart; i < chunkEnd; i++) {
                int rowNumber = rowNumbers.get(i);
                List<FieldError> errors = new ArrayList<>();
                JsonNode row = rows.get(i);
                PriceRequest request = null;
                if (row == null || !row.isObject()) {
                    errors.add(FieldError.row(rowNumber, "", "invalid_row", "row " + rowNumber + " is not a JSON object"));
                } else {
                    request = PriceRequest.parse(new JsonFields(row, "", rowNumber, errors), catalog, clock).orElse(null);
                }
                if (request != null && !user.hasAny(Responsibility.checkers(request.channel().engine()))) {
                    errors.add(FieldError.row(rowNumber, "channel", "forbidden_role", "checking prices on "
                            + request.channel().code() + " needs the role "
                            + Responsibility.names(Responsibility.checkers(request.channel().engine()))));
                    request = null;
                }
                if (request == null) {
                    answers[i - chunkStart] = new BatchRow(rowNumber, text(row, "sku"), text(row, "channel"), null, null,
                            null, null, errors);
                } else {
                    requests[i - chunkStart] = request;
                    PriceFacts.add(i, request, catalog, facts);
                }
            }
            Map<Integer, Evaluation> evaluations = facts.isEmpty() ? Map.of() : ruleset.evaluations(ruleset.evaluate(facts));
            for (int i = chunkStart; i < chunkEnd; i++) {
                BatchRow answer = answers[i - chunkStart];
                if (answer == null) {
                    PriceRequest checked = requests[i - chunkStart];
                    Evaluation evaluation = evaluations.get(i);
                    answer = new BatchRow(rowNumbers.get(i), checked.product().sku(), checked.channel().code(),
                            checked.price(), evaluation.verdict(), evaluation.findings(), evaluation.margins(), null);
                }
                summary.merge(answer.verdict() == null ? "INVALID" : answer.verdict().name(), 1, Integer::sum);
                sink.accept(answer);
            }
        }
        return new BatchSummary(ruleset.hash(), rows.size(), summary);
    }

    private Evaluation evaluate(Ruleset ruleset, PriceRequest request) {
        return CheckGroups.alone(ruleset, facts(request));
    }

    /** The facts of one price request against today's catalog, tagged with the ref they are given. */
    private CheckGroups.Facts facts(PriceRequest request) {
        Catalog catalog = catalogs.current();
        return (ref, list) -> PriceFacts.add(ref, request, catalog, list);
    }

    /** Parses a request; with a {@code clock} its effective date must not have passed (see PriceRequest.parse). */
    private PriceRequest parse(JsonNode body, Clock clock) {
        List<FieldError> errors = new ArrayList<>();
        var request = PriceRequest.parse(JsonFields.of(body, errors), catalogs.current(), clock);
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        return request.orElseThrow();
    }

    private static String text(JsonNode row, String field) {
        return row != null && row.hasNonNull(field) && row.get(field).isTextual() ? row.get(field).asText() : null;
    }
}
