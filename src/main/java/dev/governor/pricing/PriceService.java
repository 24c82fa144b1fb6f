package dev.governor.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.auth.Responsibility;
import dev.governor.auth.User;
import dev.governor.decisionlog.NewProposal;
import dev.governor.decisionlog.Proposal;
import dev.governor.decisionlog.ProposalLog;
import dev.governor.guardrail.Finding;
import dev.governor.guardrail.Offer;
import dev.governor.guardrail.Verdict;
import dev.governor.http.ApiProblem;
import dev.governor.http.FieldError;
import dev.governor.http.JsonFields;
import dev.governor.reference.Catalog;
import dev.governor.reference.CatalogService;
import dev.governor.ruleset.Evaluation;
import dev.governor.ruleset.Ruleset;
import dev.governor.ruleset.Rulesets;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** PriceService answers "may I set this price?" — as a check, a recorded proposal, or a whole batch. */
public final class PriceService {

    /** How many rows of a batch go into one rules session. */
    static final int BATCH_CHUNK = 2_000;

    /** BatchRow is the answer for one row of a batch: its verdict and findings, or the errors that kept it from being checked. */
    public record BatchRow(int row, String sku, String channel, BigDecimal price, Verdict verdict,
                           List<Finding> findings, List<Evaluation.MarginFigures> margins, List<FieldError> errors) {
    }

    /** BatchAnswer is the answer to a batch: one row per input row, in order, and counts per verdict. */
    public record BatchAnswer(String rulesetVersion, int rows, Map<String, Integer> summary, List<BatchRow> results) {
    }

    private final CatalogService catalogs;
    private final Rulesets rulesets;
    private final ProposalLog log;

    public PriceService(CatalogService catalogs, Rulesets rulesets, ProposalLog log) {
        this.catalogs = catalogs;
        this.rulesets = rulesets;
        this.log = log;
    }

    public Evaluation check(User user, JsonNode body) {
        PriceRequest request = parse(body);
        Responsibility.require(user, Responsibility.checkers(request.channel().engine()),
                "check prices on " + request.channel().code() + " (" + request.channel().engine() + ")");
        return evaluate(request);
    }

    public Proposal propose(User user, JsonNode body) {
        PriceRequest request = parse(body);
        Responsibility.require(user, Responsibility.proposers(request.channel().engine()),
                "propose prices on " + request.channel().code() + " (" + request.channel().engine() + ")");
        Evaluation evaluation = evaluate(request);
        return log.record(user, new NewProposal(Offer.PRICE, request.channel().code(), request.channel().engine(),
                request.product().sku(), null, List.of(request.product().sku()), request.effectiveFrom(), null, null,
                null, request.toJson(), evaluation));
    }

    /** Checks many price changes at once; a bad or forbidden row is answered with its errors, the rest are checked. */
    public BatchAnswer checkBatch(User user, List<JsonNode> rows, List<Integer> rowNumbers) {
        Catalog catalog = catalogs.current();
        Ruleset ruleset = rulesets.active();
        List<BatchRow> answers = new ArrayList<>(rows.size());
        List<Object> facts = new ArrayList<>();
        List<Integer> pending = new ArrayList<>();
        PriceRequest[] requests = new PriceRequest[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            int rowNumber = rowNumbers.get(i);
            List<FieldError> errors = new ArrayList<>();
            JsonNode row = rows.get(i);
            PriceRequest request = null;
            if (row == null || !row.isObject()) {
                errors.add(FieldError.row(rowNumber, "", "invalid_row", "row " + rowNumber + " is not a JSON object"));
            } else {
                request = PriceRequest.parse(new JsonFields(row, "", rowNumber, errors), catalog).orElse(null);
            }
            if (request != null && !user.hasAny(Responsibility.checkers(request.channel().engine()))) {
                errors.add(FieldError.row(rowNumber, "channel", "forbidden_role", "checking prices on "
                        + request.channel().code() + " needs the role "
                        + Responsibility.names(Responsibility.checkers(request.channel().engine()))));
                request = null;
            }
            if (request == null) {
                answers.add(new BatchRow(rowNumber, text(row, "sku"), text(row, "channel"), null, null, null, null,
                        errors));
            } else {
                requests[i] = request;
                answers.add(null);
                PriceFacts.add(i, request, catalog, facts);
                pending.add(i);
            }
            if (pending.size() >= BATCH_CHUNK || (i == rows.size() - 1 && !pending.isEmpty())) {
                Map<Integer, Evaluation> evaluations = ruleset.evaluations(ruleset.evaluate(facts));
                for (int ref : pending) {
                    Evaluation evaluation = evaluations.get(ref);
                    PriceRequest checked = requests[ref];
                    answers.set(ref, new BatchRow(rowNumbers.get(ref), checked.product().sku(), checked.channel().code(),
                            checked.price(), evaluation.verdict(), evaluation.findings(), evaluation.margins(), null));
                    requests[ref] = null;
                }
                facts.clear();
                pending.clear();
            }
        }
        Map<String, Integer> summary = new java.util.LinkedHashMap<>();
        Map<Verdict, Integer> byVerdict = new EnumMap<>(Verdict.class);
        int invalid = 0;
        for (BatchRow answer : answers) {
            if (answer.verdict() == null) {
                invalid++;
            } else {
                byVerdict.merge(answer.verdict(), 1, Integer::sum);
            }
        }
        for (Verdict verdict : Verdict.values()) {
            summary.put(verdict.name(), byVerdict.getOrDefault(verdict, 0));
        }
        summary.put("INVALID", invalid);
        return new BatchAnswer(ruleset.hash(), rows.size(), summary, answers);
    }

    private Evaluation evaluate(PriceRequest request) {
        Ruleset ruleset = rulesets.active();
        int ref = ruleset.newRef();
        List<Object> facts = new ArrayList<>();
        PriceFacts.add(ref, request, catalogs.current(), facts);
        return ruleset.evaluateRequest(ref, facts);
    }

    private PriceRequest parse(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        var request = PriceRequest.parse(JsonFields.of(body, errors), catalogs.current());
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return request.orElseThrow();
    }

    private static String text(JsonNode row, String field) {
        return row != null && row.hasNonNull(field) && row.get(field).isTextual() ? row.get(field).asText() : null;
    }
}
