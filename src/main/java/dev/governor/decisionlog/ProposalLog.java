package dev.governor.decisionlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.governor.auth.User;
import dev.governor.http.ApiProblem;
import dev.governor.http.Json;
import dev.governor.ruleset.Evaluation;
import dev.governor.store.Database;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * ProposalLog is the append-only record of price and promo proposals: each is written with its
 * request, evaluation, ruleset version and requester in one transaction, committed before the
 * caller is answered.
 */
public final class ProposalLog {

    /** Page is one page of a listing, with the total number of matches. */
    public record Page(List<Proposal> items, int page, int size, long total) {
    }

    /** Filter narrows a listing; every field is optional. */
    public record Filter(String kind, String status, String channel, String sku, LocalDate from, LocalDate to) {
    }

    private final Database database;
    private final Clock clock;

    public ProposalLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Proposal record(User user, NewProposal proposal) {
        String request = write(proposal.request());
        String evaluation = write(proposal.evaluation());
        String verdict = proposal.evaluation().verdict().name();
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long id = database.write(handle -> {
            ProposalDao dao = handle.attach(ProposalDao.class);
            long proposalId = dao.insert(proposal.kind(), verdict, verdict, proposal.channel(), proposal.engine(),
                    proposal.sku(), proposal.category(), proposal.effectiveFrom(), proposal.start(), proposal.end(),
                    proposal.discountPercent(), request, evaluation, proposal.evaluation().rulesetVersion(),
                    user.id(), createdAt);
            for (String sku : proposal.skus()) {
                dao.insertSku(proposalId, sku);
            }
            return proposalId;
        });
        return new Proposal(id, proposal.kind(), verdict, proposal.channel(), proposal.sku(), proposal.category(),
                proposal.skus().stream().sorted().toList(), proposal.request(), proposal.evaluation(), user.name(),
                createdAt);
    }

    public Optional<Proposal> find(String kind, long id) {
        return database.read(handle -> {
            ProposalDao dao = handle.attach(ProposalDao.class);
            return dao.find(id).filter(row -> row.kind().equals(kind)).map(row -> toProposal(row, dao.skus(id)));
        });
    }

    public Page list(Filter filter, int page, int size) {
        if (page < 1 || size < 1 || size > 500) {
            throw new ApiProblem(400, "invalid_paging", "page must be 1 or more and size between 1 and 500");
        }
        Instant from = filter.from() == null ? null : filter.from().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        Instant to = filter.to() == null ? null : filter.to().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        return database.read(handle -> {
            ProposalDao dao = handle.attach(ProposalDao.class);
            List<Proposal> items = dao.list(filter.kind(), filter.status(), filter.channel(), filter.sku(), from, to,
                            size, (page - 1) * size).stream()
                    .map(row -> toProposal(row, dao.skus(row.id())))
                    .toList();
            long total = dao.count(filter.kind(), filter.status(), filter.channel(), filter.sku(), from, to);
            return new Page(items, page, size, total);
        });
    }

    /** Approved promos on any of these SKUs that overlap the period, for the promo rules. */
    public List<ApprovedPromo> approvedPromos(Collection<String> skus, LocalDate from, LocalDate to) {
        if (skus.isEmpty()) {
            return List.of();
        }
        return database.read(handle -> handle.attach(ProposalDao.class).approvedPromos(skus, from, to));
    }

    private static Proposal toProposal(ProposalRow row, List<String> skus) {
        try {
            return new Proposal(row.id(), row.kind(), row.status(), row.channel(), row.sku(), row.category(), skus,
                    Json.MAPPER.readTree(row.request()), Json.MAPPER.readValue(row.evaluation(), Evaluation.class),
                    row.requestedBy(), row.createdAt());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("proposal " + row.id() + " holds unreadable JSON", e);
        }
    }

    private static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
