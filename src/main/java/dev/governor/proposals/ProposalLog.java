package dev.governor.proposals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.auth.User;
import dev.governor.core.Filter;
import dev.governor.core.Json;
import dev.governor.core.Page;
import dev.governor.ruleset.Evaluation;
import dev.governor.store.Database;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * ProposalLog is the record of price and promo proposals: each is written once with its request,
 * evaluation, ruleset version and requester; afterwards only its status moves (approved, rejected,
 * withdrawn, expired), each move recorded in the audit trail in the same transaction.
 */
public final class ProposalLog {

    /** Page is one page of a listing, with the total number of matches. */

    private final Database database;

    public ProposalLog(Database database) {
        this.database = database;
    }

    /**
     * Serialized is a proposal as it will be written, with its request, evaluation and content (but for
     * the numbers the turn gives it) already written as JSON, off the writer's turn.
     */
    public record Serialized(NewProposal proposal, User user, Instant createdAt, String request, String evaluation,
                             StoredContent.WithoutIds content) {
    }

    public static Serialized serialize(NewProposal proposal, User user, Instant createdAt) {
        String request = write(proposal.request());
        String evaluation = write(proposal.evaluation());
        // the content as it will be stored, in the same text forms as the columns are bound
        StoredContent.WithoutIds content = StoredContent.WithoutIds.of(proposal.kind().name(), proposal.channel(),
                proposal.engine(), proposal.sku(), proposal.category(), text(proposal.effectiveFrom()),
                text(proposal.start()), text(proposal.end()),
                proposal.discountPercent() == null ? null : proposal.discountPercent().toPlainString(), request,
                evaluation, proposal.evaluation().rulesetVersion(), user.id(), Database.text(createdAt));
        return new Serialized(proposal, user, createdAt, request, evaluation, content);
    }

    /** Recorded is a proposal just written, with the hash of its stored content. */
    public record Recorded(Proposal proposal, String contentHash) {
    }

    /**
     * Writes a proposal with its status and route inside the caller's write transaction (the caller also
     * records its route, approval request and audit events there, so all commit together).
     */
    public Recorded insert(Handle handle, Serialized serialized, String status, long routeId) {
        NewProposal proposal = serialized.proposal();
        User user = serialized.user();
        Instant createdAt = serialized.createdAt();
        String verdict = proposal.evaluation().verdict().name();
        long id = ProposalDao.insert(handle, serialized, status, verdict, routeId);
        ProposalDao.insertSkus(handle, id, proposal.skus());
        Proposal recorded = new Proposal(id, proposal.kind(), status, proposal.channel(), proposal.sku(),
                proposal.category(), proposal.skus().stream().sorted().toList(), proposal.request(),
                proposal.evaluation(), user.name(), createdAt);
        return new Recorded(recorded, serialized.content().hash(id, routeId));
    }

    /** Moves a proposal from one status to another inside the caller's write; false when it was not in {@code from}. */
    public boolean changeStatus(Handle handle, long id, String from, String to) {
        return handle.attach(ProposalDao.class).updateStatus(id, from, to) == 1;
    }

    /** Stored contents of proposals after {@code after}, by id, for verification. */
    public List<StoredContent> contents(long after, int limit) {
        return database.read(handle -> handle.attach(ProposalDao.class).contents(after, limit));
    }

    /** Replayable is a recorded proposal as a replay needs it. */
    public record Replayable(long id, String kind, JsonNode request, String verdict, Instant createdAt) {
    }

    /** Proposals recorded in a period (from inclusive, to exclusive), oldest first. */
    public List<Replayable> recordedBetween(Instant from, Instant to) {
        return replayable(database.read(handle -> handle.attach(ProposalDao.class).between(from, to)));
    }

    /** The last {@code n} proposals recorded, oldest first. */
    public List<Replayable> lastRecorded(int n) {
        List<ProposalDao.Recorded> rows = new java.util.ArrayList<>(
                database.read(handle -> handle.attach(ProposalDao.class).last(n)));
        java.util.Collections.reverse(rows);
        return replayable(rows);
    }

    private static List<Replayable> replayable(List<ProposalDao.Recorded> rows) {
        return rows.stream().map(row -> {
            try {
                return new Replayable(row.id(), row.kind(), Json.MAPPER.readTree(row.request()), row.verdict(),
                        row.createdAt());
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("proposal " + row.id() + " holds unreadable JSON", e);
            }
        }).toList();
    }

    /** A recorded proposal of any kind. */
    public Optional<Proposal> find(long id) {
        return database.read(handle -> {
            ProposalDao dao = handle.attach(ProposalDao.class);
            return dao.findAny(id).map(row -> toProposal(row, dao.skus(id)));
        });
    }

    public Optional<Proposal> find(ProposalKind kind, long id) {
        return database.read(handle -> {
            ProposalDao dao = handle.attach(ProposalDao.class);
            return dao.find(id).filter(row -> row.kind().equals(kind.name())).map(row -> toProposal(row, dao.skus(id)));
        });
    }

    /** Recorded proposals of {@code kind} (every kind when null), newest first. */
    public Page<Proposal> list(ProposalKind kind, Filter filter, int page, int size) {
        Page.check(page, size);
        Instant from = filter.fromInstant();
        Instant to = filter.untilInstant();
        return database.read(handle -> {
            ProposalDao dao = handle.attach(ProposalDao.class);
            List<Proposal> items = dao.list(kind == null ? null : kind.name(), filter.status(), filter.channel(), filter.sku(), from, to,
                            size, Page.offset(page, size)).stream()
                    .map(row -> toProposal(row, dao.skus(row.id())))
                    .toList();
            long total = dao.count(kind == null ? null : kind.name(), filter.status(), filter.channel(), filter.sku(), from, to);
            return new Page<>(items, page, size, total);
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
            return new Proposal(row.id(), ProposalKind.valueOf(row.kind()), row.status(), row.channel(), row.sku(), row.category(), skus,
                    Json.MAPPER.readTree(row.request()), Json.MAPPER.readValue(row.evaluation(), Evaluation.class),
                    row.requestedBy(), row.createdAt());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("proposal " + row.id() + " holds unreadable JSON", e);
        }
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
