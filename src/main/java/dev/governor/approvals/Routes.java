package dev.governor.approvals;

import dev.governor.audit.AuditTrail;
import dev.governor.audit.NewEvent;
import dev.governor.auth.Role;
import dev.governor.auth.User;
import dev.governor.core.ErrorCode;
import dev.governor.core.Json;
import dev.governor.core.Refusal;
import dev.governor.guardrail.ApprovalCase;
import dev.governor.ruleset.ApprovalRoute;
import dev.governor.ruleset.Ruleset;
import dev.governor.store.Database;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * Routes finds a decision's RACI route in the ruleset, says who may act on it, and stores each
 * route once: every subject and request points at its route's id, so a route's roles can be
 * searched (the queue shows a request to the roles it waits on).
 */
public final class Routes {

    /** Route ids by route hash, as written; only touched on the writer's turn, cleared on any rollback. */
    private final Map<String, Long> ids = new ConcurrentHashMap<>();

    public Routes(Database database) {
        database.onRollback(ids::clear);
    }

    /**
     * The RACI table's route for {@code decision}, or no_approval_route naming the decision;
     * {@code what} names the records that cannot be made until finance adds a row.
     */
    public static ApprovalRoute route(Ruleset ruleset, ApprovalCase decision, String what) {
        return ruleset.route(decision).orElseThrow(() -> new Refusal(ErrorCode.NO_APPROVAL_ROUTE,
                "the RACI table has no row for " + decision.decisionType()
                        + (decision.channel() != null ? " on " + decision.channel() + " (" + decision.engine() + ")"
                        : decision.engine() != null ? " on " + decision.engine() : "")
                        + ": finance must add one to decision-tables/approvals before " + what + " can be recorded"));
    }

    /**
     * The role in which {@code user} is Responsible for a decision routed this way, or forbidden_role
     * naming the roles that are and the table row that says so.
     */
    public static Role responsible(User user, ApprovalRoute routing, String what) {
        return held(user, routing.responsible(), "Responsible", routing, what);
    }

    /** The role in which {@code user} is Accountable for a request routed this way, or forbidden_role. */
    static Role accountable(User user, ApprovalRoute routing, String action) {
        return held(user, routing.accountable(), "Accountable", routing, action + " this request");
    }

    /** The first of {@code roles} the user holds, or forbidden_role naming them, their RACI letter and the table row. */
    private static Role held(User user, List<Role> roles, String letter, ApprovalRoute routing, String what) {
        return roles.stream().filter(user::has).findFirst().orElseThrow(() -> Refusal.forbidden("to " + what
                + " you need the role " + ids(roles) + ", " + letter + " in " + where(routing)));
    }

    /** Stored is a route as it is stored and looked up: its JSON and that JSON's hash. */
    record Stored(ApprovalRoute route, String json, String hash) {

        static Stored of(ApprovalRoute route) {
            String json = Json.write(route);
            return new Stored(route, json, AuditTrail.sha256(json));
        }
    }

    /**
     * Inside a write: the stored id of this route, stored with its roles the first time it is given.
     * Known routes are remembered, so most submissions write no route; {@code stored} is made off the
     * writer's turn when the route is known before the write.
     */
    long idOf(Handle handle, Stored stored) {
        ApprovalRoute routing = stored.route();
        String json = stored.json();
        String hash = stored.hash();
        Long known = ids.get(hash);
        if (known != null) {
            return known;
        }
        ApprovalDao dao = handle.attach(ApprovalDao.class);
        long id = dao.routeId(hash).orElseGet(() -> {
            long created = dao.insertRoute(hash, json);
            Map<String, List<Role>> byLetter = Map.of("R", routing.responsible(), "A", routing.accountable(),
                    "C", routing.consulted(), "I", routing.informed());
            byLetter.forEach((letter, held) -> held.forEach(role -> dao.insertRouteRole(created, letter, role.id())));
            return created;
        });
        ids.put(hash, id);
        return id;
    }

    /** The route as the audit trail records it: roles by letter, sign-offs and the table row. */
    public static Map<String, Object> detail(ApprovalRoute routing) {
        return NewEvent.detail("responsible", ids(routing.responsible()),
                "accountable", ids(routing.accountable()), "consulted", ids(routing.consulted()),
                "informed", ids(routing.informed()), "signOffs", routing.signOffs(), "table", where(routing));
    }

    /** The route a stored request was given. */
    static ApprovalRoute of(RequestRow row) {
        try {
            return Json.MAPPER.readValue(row.route(), ApprovalRoute.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("approval request " + row.id() + " holds an unreadable route", e);
        }
    }

    /** The table row (or rule) that gave the route, in words. */
    static String where(ApprovalRoute routing) {
        var source = routing.source();
        return source.workbook() == null ? "rule '" + source.rule() + "'"
                : source.workbook() + ", sheet " + source.sheet() + ", row " + source.row();
    }

    static String ids(List<Role> roles) {
        return roles.isEmpty() ? "nobody" : String.join(" or ", roles.stream().map(Role::id).toList());
    }
}
