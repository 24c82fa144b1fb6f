package dev.governor.http;

import dev.governor.auth.Responsibility;
import dev.governor.budget.BudgetRecords;
import dev.governor.budget.BudgetService;
import dev.governor.budget.BudgetShiftView;
import io.javalin.http.Context;

/** BudgetController: ask to move media budget (recorded), read shifts back, see a week's lines. */
public final class BudgetController {

    private final BudgetService service;
    private final BudgetRecords records;

    public BudgetController(BudgetService service, BudgetRecords records) {
        this.service = service;
        this.records = records;
    }

    public void submit(Context ctx) {
        BudgetShiftView shift = service.submit(Requests.user(ctx), Requests.jsonObject(ctx));
        ctx.header("Location", "/api/budget-shifts/" + shift.id());
        Answers.created(ctx, shift);
    }

    public void find(Context ctx) {
        Responsibility.require(Requests.user(ctx), Responsibility.readers(), "read budget shifts");
        Answers.json(ctx, records.find(Requests.id(ctx)));
    }

    public void history(Context ctx) {
        Responsibility.require(Requests.user(ctx), Responsibility.readers(), "read budget shift histories");
        Answers.json(ctx, records.history(Requests.id(ctx)));
    }

    /** Shifts newest first, filtered by status, week and line. */
    public void list(Context ctx) {
        Responsibility.require(Requests.user(ctx), Responsibility.readers(), "read budget shifts");
        Answers.json(ctx, records.list(Requests.param(ctx, "status"), Requests.param(ctx, "week"), Requests.param(ctx, "line"),
                Requests.intParam(ctx, "page", 1), Requests.intParam(ctx, "size", 50)));
    }

    public void week(Context ctx) {
        Responsibility.require(Requests.user(ctx), Responsibility.readers(), "read the media budget");
        Answers.json(ctx, records.week(ctx.pathParam("isoWeek")));
    }
}
