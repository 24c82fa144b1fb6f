package dev.governor.http;

import dev.governor.auth.Responsibility;
import dev.governor.auth.Role;
import dev.governor.auth.User;
import dev.governor.core.FieldError;
import dev.governor.core.Refusal;
import dev.governor.reference.Catalog;
import dev.governor.reference.CatalogService;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** CatalogController lets finance replace the catalog or the current prices from a CSV, and anyone read them. */
public final class CatalogController {

    private final CatalogService service;

    public CatalogController(CatalogService service) {
        this.service = service;
    }

    public void replaceProducts(Context ctx) {
        requireFinance(Requests.user(ctx));
        Answers.json(ctx, service.replaceProducts(Requests.bytes(ctx), confirmed(ctx)));
    }

    public void replacePrices(Context ctx) {
        requireFinance(Requests.user(ctx));
        Answers.json(ctx, service.replacePrices(Requests.bytes(ctx), confirmed(ctx)));
    }

    public void channels(Context ctx) {
        requireReader(Requests.user(ctx));
        Answers.json(ctx, service.current().channels());
    }

    public void products(Context ctx) {
        requireReader(Requests.user(ctx));
        Catalog catalog = service.current();
        Answers.json(ctx, catalog.products().stream()
                .map(product -> Map.of("product", product, "prices", catalog.pricesOf(product.sku())))
                .toList());
    }

    /** Whether the caller confirmed that rows may be removed: {@code ?confirm=remove}. */
    private static boolean confirmed(Context ctx) {
        String confirm = Requests.param(ctx, "confirm");
        if (confirm != null && !confirm.equals("remove")) {
            throw Refusal.invalid(List.of(FieldError.field("confirm", "invalid_value",
                    "confirm takes one value: remove")));
        }
        return confirm != null;
    }

    private static void requireFinance(User user) {
        Responsibility.require(user, EnumSet.of(Role.FINANCE), "replace reference data");
    }

    private static void requireReader(User user) {
        Responsibility.require(user, Responsibility.readers(), "read reference data");
    }
}
