package dev.governor.approvals;

import dev.governor.audit.AuditTrail;
import dev.governor.auth.Role;
import dev.governor.auth.User;
import dev.governor.core.ErrorCode;
import dev.governor.core.Page;
import dev.governor.core.Refusal;
import dev.governor.ruleset.ApprovalRoute;
import dev.governor.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Queue shows approval requests as their people see them: one request with its subject, route,
 * sign-offs, comments and the actions the caller may take; the queue of what waits on the caller's
 * roles, oldest first; and the feed of what happened to the caller's requests.
 */
public final class Queue {

    /** Filter narrows the approval queue; null fields match everything. */
    public record Filter(String status, String decisionType, String channel) {
    }

    private final Database database;
    private final Subjects subjects;
    private final AuditTrail audit;
    private final Clock clock;

    public Queue(Database database, Subjects subjects, AuditTrail audit, Clock clock) {
        this.database = database;
        this.subjects = subjects;
        this.audit = audit;
        this.clock = clock;
    }

    public ApprovalView view(User user, long requestId) {
        RequestRow row = database.read(handle -> handle.attach(ApprovalDao.class).find(requestId)).orElseThrow(() ->
                new Refusal(ErrorCode.APPROVAL_NOT_FOUND, "there is no approval request " + requestId));
        return toView(user, row);
    }

    /** Requests of a status, oldest first: those that wait on the caller's roles (revenue ops sees all). */
    public Page<ApprovalView> list(User user, Filter filter, int page, int size) {
        Page.check(page, size);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<String> roles = user.roles().stream().map(Role::id).toList();
        return database.read(handle -> {
            ApprovalDao dao = handle.attach(ApprovalDao.class);
            // revenue ops reads everything (DOMAIN.md), so it sees every request, with no action to take
            boolean everything = user.has(Role.REVENUE_OPS);
            List<RequestRow> rows = dao.queue(filter.status(), now, filter.decisionType(), filter.channel(), user.id(),
                    roles, everything, size, Page.offset(page, size));
            long total = dao.queueCount(filter.status(), now, filter.decisionType(), filter.channel(), user.id(), roles,
                    everything);
            return new Page<>(rows.stream().map(row -> toView(user, row)).toList(), page, size, total);
        });
    }

    /** What happened to the caller's requests and to what waits on the caller's roles, newest first. */
    public Page<FeedItem> feed(User user, int page, int size) {
        Page.check(page, size);
        List<String> roles = user.roles().stream().map(Role::id).toList();
        return database.read(handle -> {
            ApprovalDao dao = handle.attach(ApprovalDao.class);
            return new Page<>(dao.feed(user.id(), roles, size, Page.offset(page, size)), page, size,
                    dao.feedCount(user.id(), roles));
        });
    }

    private ApprovalView toView(User user, RequestRow row) {
        ApprovalRoute routing = Routes.of(row);
        ApprovalSubject subject = subjects.of(row);
        Object described = subject.describe(row);
        List<SignOff> given = database.read(handle -> handle.attach(ApprovalDao.class).signOffs(row.id()));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // a request whose time ran out is expired, even before the sweep has recorded it
        boolean lapsed = row.status().equals(Decisions.PENDING) && !row.expiresAt().isAfter(now);
        String status = lapsed ? "EXPIRED" : row.status();
        Instant until = row.decidedAt() != null ? row.decidedAt() : lapsed ? row.expiresAt() : now;
        Duration waited = Duration.between(row.createdAt(), until);
        List<String> actions = new ArrayList<>();
        boolean pending = status.equals(Decisions.PENDING);
        boolean proposer = row.requestedById() == user.id();
        boolean signed = given.stream().anyMatch(signOff -> signOff.user().equals(user.name()));
        if (pending && !proposer && routing.isAccountable(user.roles()) && !signed) {
            actions.add("approve");
            actions.add("reject");
        }
        if (pending && proposer) {
            actions.add("withdraw");
        }
        if (proposer || routing.isConsulted(user.roles()) || routing.isAccountable(user.roles())) {
            actions.add("comment");
        }
        List<ApprovalView.Comment> comments = audit.history(row.subjectType(), row.subjectId()).stream()
                .filter(event -> event.event().equals("commented"))
                .map(event -> new ApprovalView.Comment(event.actor(), event.role(), event.at(), event.comment()))
                .toList();
        String name = subject.name();
        return new ApprovalView(row.id(), status, row.decisionType(), row.channel(),
                name.equals("proposal") ? described : null, name.equals("activation") ? described : null,
                name.equals("allocation") ? described : null, name.equals("budgetShift") ? described : null,
                new ApprovalView.Waiting(row.createdAt(), waited.toSeconds(), text(waited)), row.expiresAt(),
                row.decidedAt(), new ApprovalView.SignOffs(row.signOffsRequired(), given), comments, routing,
                row.contentHash(), actions);
    }

    private static String text(Duration waited) {
        long days = waited.toDays();
        long hours = waited.toHoursPart();
        long minutes = waited.toMinutesPart();
        return days > 0 ? days + " d " + hours + " h" : hours > 0 ? hours + " h " + minutes + " min" : minutes + " min";
    }
}
