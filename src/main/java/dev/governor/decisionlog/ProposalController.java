package dev.governor.decisionlog;

import dev.governor.auth.Responsibility;
import dev.governor.http.Answers;
import dev.governor.http.ApiProblem;
import dev.governor.http.Requests;
import io.javalin.http.Handler;
import java.util.Locale;

/** ProposalController reads recorded proposals of one kind back: one by id, or a filtered, paged list. */
public final class ProposalController {

    private final ProposalLog log;

    public ProposalController(ProposalLog log) {
        this.log = log;
    }

    public Handler find(String kind) {
        return ctx -> {
            Responsibility.require(Requests.user(ctx), Responsibility.readers(), "read proposals");
            long id = Requests.id(ctx);
            Answers.json(ctx, log.find(kind, id).orElseThrow(() -> ApiProblem.notFound("proposal_not_found",
                    "there is no " + kind.toLowerCase(Locale.ROOT) + " proposal " + id)));
        };
    }

    public Handler list(String kind) {
        return ctx -> {
            Responsibility.require(Requests.user(ctx), Responsibility.readers(), "read proposals");
            Answers.json(ctx, log.list(Requests.filter(ctx, kind), Requests.intParam(ctx, "page", 1),
                    Requests.intParam(ctx, "size", 50)));
        };
    }
}
