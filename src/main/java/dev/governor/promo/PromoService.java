package dev.governor.promo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.approvals.ApprovalSubject;
import dev.governor.auth.Responsibility;
import dev.governor.auth.User;
import dev.governor.core.FieldError;
import dev.governor.core.JsonFields;
import dev.governor.core.Refusal;
import dev.governor.guardrail.Offer;
import dev.governor.guardrail.PromoTerms;
import dev.governor.guardrail.RecordedPromo;
import dev.governor.proposals.ApprovedPromo;
import dev.governor.proposals.NewProposal;
import dev.governor.proposals.Proposal;
import dev.governor.proposals.ProposalKind;
import dev.governor.proposals.ProposalLog;
import dev.governor.proposals.ProposalRules;
import dev.governor.proposals.Proposals;
import dev.governor.reference.Catalog;
import dev.governor.reference.CatalogService;
import dev.governor.reference.Channel;
import dev.governor.reference.Product;
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
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Handle;

/**
 * PromoService answers "may I run this promo?" — as a check or as a recorded proposal — and, as the
 * owner of promo proposals, re-checks them at approval.
 */
public final class PromoService implements ProposalRules {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final CatalogService catalogs;
    private final Rulesets rulesets;
    private final ProposalLog log;
    private final Proposals proposals;
    private final RulesetHistory history;
    private final Clock clock;

    public PromoService(CatalogService catalogs, Rulesets rulesets, RulesetHistory history, ProposalLog log,
                        Proposals proposals, Clock clock) {
        this.clock = clock;
        this.catalogs = catalogs;
        this.rulesets = rulesets;
        this.history = history;
        this.log = log;
        this.proposals = proposals;
    }

    /**
     * Checks without recording. With {@code asOf} (an instant) the check uses the ruleset version that
     * was in force then — for disputes about what the rules said at the time.
     */
    public Evaluation check(User user, JsonNode body) {
        return checkLater(user, body, null).join();
    }

    /**
     * Validates and authorises a check at once (a bad or forbidden request throws), reads the approved
     * promos it is judged against, then answers it in a group with the other checks waiting in
     * {@code groups}, or alone when {@code groups} is null.
     */
    public CompletableFuture<Evaluation> checkLater(User user, JsonNode body, CheckGroups groups) {
        Ruleset ruleset = rulesets.asOf(JsonFields.instant(body, "asOf"), history);
        PromoRequest request = parse(body, clock);
        Responsibility.require(user, Responsibility.checkers(request.channel().engine()),
                "check promos on " + request.channel().code() + " (" + request.channel().engine() + ")");
        return CheckGroups.answer(groups, ruleset, facts(request, approvedAround(request)));
    }

    /**
     * Checks and records a promo proposal; the RACI table of the same ruleset says who may propose it
     * and who approves it. The size it is routed by is its discount in %.
     */
    public Proposal propose(User user, JsonNode body) {
        PromoRequest request = parse(body, clock);
        Ruleset ruleset = rulesets.active();
        Evaluation evaluation = evaluate(ruleset, request);
        return proposals.submit(user, ruleset, new NewProposal(ProposalKind.PROMO, request.channel().code(),
                request.channel().engine(), null, request.category(), request.skus(), null, request.start(),
                request.end(), request.discountPercent(), request.toJson(), evaluation), request.discountPercent());
    }

    /**
     * Checks a promo request against a given ruleset (a draft's example cases), with today's catalog and
     * no recorded promos, so a case says the same whatever was approved since.
     */
    public Evaluation evaluateWith(Ruleset ruleset, JsonNode request) {
        return evaluate(ruleset, parse(request, null), List.of());
    }

    /** Checks a recorded promo proposal again against today's catalog, approved promos and the ruleset in force. */
    @Override
    public Evaluation recheck(Proposal proposal) {
        return evaluate(rulesets.active(), parse(proposal.request(), null));
    }

    /** An approved promo changes nothing else: later checks count it by its status. */
    @Override
    public ApprovalSubject.Approval approved(Handle handle, Proposal proposal, Instant at) {
        return ApprovalSubject.Approval.of(new LinkedHashMap<>());
    }

    /** The advertised promo price: the current price less the discount, rounded half-up to the cent. */
    static BigDecimal promoPrice(BigDecimal regular, BigDecimal discountPercent) {
        return regular.multiply(HUNDRED.subtract(discountPercent)).divide(HUNDRED, 2, RoundingMode.HALF_UP);
    }

    private Evaluation evaluate(Ruleset ruleset, PromoRequest request) {
        return evaluate(ruleset, request, approvedAround(request));
    }

    /** The approved promos a request is judged against: every 90-day period that holds a day of it lies within 89 days either side. */
    private List<ApprovedPromo> approvedAround(PromoRequest request) {
        return log.approvedPromos(request.skus(), request.start().minusDays(89), request.end().plusDays(89));
    }

    private Evaluation evaluate(Ruleset ruleset, PromoRequest request, List<ApprovedPromo> history) {
        return CheckGroups.alone(ruleset, facts(request, history));
    }

    /** The facts of one promo request against today's catalog and the given recorded promos, tagged with the ref they are given. */
    private CheckGroups.Facts facts(PromoRequest request, List<ApprovedPromo> history) {
        Catalog catalog = catalogs.current();
        return (ref, list) -> addFacts(ref, request, history, catalog, list);
    }

    /** Adds the facts of one promo request, every one tagged with {@code ref}: per SKU the offer, its terms and its recorded promos. */
    private static void addFacts(int ref, PromoRequest request, List<ApprovedPromo> history, Catalog catalog,
                                 List<Object> facts) {
        Channel channel = request.channel();
        for (Product product : request.products()) {
            BigDecimal regular = catalog.priceOn(product.sku(), channel.code(), request.start()).orElseThrow();
            Offer offer = new Offer(ref, Offer.PROMO, product.sku(), product.brand(), product.category(),
                    product.launchDate(), channel.code(), channel.engine(), promoPrice(regular, request.discountPercent()),
                    product.unitCost(), channel.referralPercent(), channel.fulfilmentFee(), channel.paymentPercent(),
                    channel.returnRatePercent(), channel.costPerReturn(), BigDecimal.ZERO);
            facts.add(offer);
            facts.add(new PromoTerms(offer, channel.code(), channel.engine(), product.category(), request.type(),
                    request.discountPercent(), request.start(), request.end(), regular));
            for (ApprovedPromo promo : history) {
                if (promo.sku().equals(product.sku())) {
                    facts.add(new RecordedPromo(offer, promo.proposalId(), promo.channel(), promo.engine(),
                            promo.discountPercent(), promo.startDate(), promo.endDate()));
                }
            }
        }
    }

    /** Parses a request; with a {@code clock} its window must not have begun (see PromoRequest.parse). */
    private PromoRequest parse(JsonNode body, Clock clock) {
        List<FieldError> errors = new ArrayList<>();
        var request = PromoRequest.parse(JsonFields.of(body, errors), catalogs.current(), clock);
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        return request.orElseThrow();
    }

}
