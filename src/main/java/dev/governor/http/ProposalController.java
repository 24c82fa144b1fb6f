package dev.governor.http;

import dev.governor.auth.Responsibility;
import dev.governor.core.ErrorCode;
import dev.governor.core.Refusal;
import dev.governor.proposals.ProposalKind;
import dev.governor.proposals.ProposalLog;
import io.javalin.http.Handler;
import java.util.Locale;

/** ProposalController reads recorded proposals of one kind back: one by id, or a filtered, paged list. */
public final class ProposalController {

    private final ProposalLog log;

    public ProposalController(ProposalLog log) {
        this.log = log;
    }

    public Handler find(ProposalKind kind) {
        return ctx -> {
            Responsibility.require(Requests.user(ctx), Responsibility.readers(), "read proposals");
            long id = Requests.id(ctx);
            Answers.json(ctx, log.find(kind, id).orElseThrow(() -> new Refusal(ErrorCode.PROPOSAL_NOT_FOUND,
                    "there is no " + kind.name().toLowerCase(Locale.ROOT) + " proposal " + id)));
        };
    }

    public Handler list(ProposalKind kind) {
        return ctx -> {
            Responsibility.require(Requests.user(ctx), Responsibility.readers(), "read proposals");
            Answers.json(ctx, log.list(kind, Requests.filter(ctx), Requests.intParam(ctx, "page", 1),
                    Requests.intParam(ctx, "size", 50)));
        };
    }
}
