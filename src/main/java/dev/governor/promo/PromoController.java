package dev.governor.promo;

import dev.governor.http.Answers;
import dev.governor.http.Requests;
import io.javalin.http.Context;

/** PromoController is the HTTP face of promo checks and promo proposals. */
public final class PromoController {

    private final PromoService service;

    public PromoController(PromoService service) {
        this.service = service;
    }

    public void check(Context ctx) {
        Answers.json(ctx, service.check(Requests.user(ctx), Requests.jsonObject(ctx)));
    }

    public void propose(Context ctx) {
        Answers.created(ctx, service.propose(Requests.user(ctx), Requests.jsonObject(ctx)));
    }

}
