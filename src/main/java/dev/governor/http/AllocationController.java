package dev.governor.http;

import dev.governor.allocation.Allocation;
import dev.governor.allocation.AllocationService;
import dev.governor.auth.Responsibility;
import io.javalin.http.Context;

/** AllocationController: ask for an allocation plan (recorded), read one back, list them. */
public final class AllocationController {

    private final AllocationService service;

    public AllocationController(AllocationService service) {
        this.service = service;
    }

    public void allocate(Context ctx) {
        Allocation allocation = service.allocate(Requests.user(ctx), Requests.jsonObject(ctx));
        ctx.header("Location", "/api/allocations/" + allocation.id());
        Answers.created(ctx, allocation);
    }

    /** One allocation with its plans; {@code ?sku=} narrows the plans to one SKU. */
    public void find(Context ctx) {
        Responsibility.require(Requests.user(ctx), Responsibility.readers(), "read allocations");
        Answers.json(ctx, service.find(Requests.id(ctx), Requests.param(ctx, "sku")));
    }

    /** Allocations newest first, filtered by status, SKU and dates (from/to, inclusive, UTC). */
    public void list(Context ctx) {
        Responsibility.require(Requests.user(ctx), Responsibility.readers(), "read allocations");
        Answers.json(ctx, service.list(Requests.filter(ctx), Requests.intParam(ctx, "page", 1),
                Requests.intParam(ctx, "size", 50)));
    }
}
