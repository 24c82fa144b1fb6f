package dev.governor.http;

import dev.governor.promo.PromoService;
import dev.governor.ruleset.CheckGroups;
import io.javalin.http.Context;

/** PromoController is the HTTP face of promo checks and promo proposals. */
public final class PromoController {

    private final PromoService service;
    private final CheckGroups groups;

    public PromoController(PromoService service, CheckGroups groups) {
        this.service = service;
        this.groups = groups;
    }

    public void check(Context ctx) {
        Answers.jsonLater(ctx, service.checkLater(Requests.user(ctx), Requests.jsonObject(ctx), groups));
    }

    public void propose(Context ctx) {
        Answers.created(ctx, service.propose(Requests.user(ctx), Requests.jsonObject(ctx)));
    }

}
