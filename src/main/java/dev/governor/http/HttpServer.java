package dev.governor.http;

import dev.governor.auth.Users;
import dev.governor.core.Bound;
import dev.governor.core.ErrorCode;
import dev.governor.core.Json;
import dev.governor.core.Refusal;
import dev.governor.proposals.ProposalKind;
import dev.governor.ruleset.Rulesets;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HttpServer is Governor's HTTP API: the whole route table, bearer-token authentication, body size
 * limits, and the one place where exceptions become {@code application/problem+json} answers.
 */
public final class HttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    /** Single requests stay small; batches and reference-data uploads may carry a whole catalog. */
    static final long MAX_BODY = Bound.BODY;
    static final long MAX_BATCH_BODY = Bound.BATCH_BODY;
    private static final Set<String> BATCH_PATHS = Set.of("/api/price-checks/batch", "/api/catalog/products",
            "/api/catalog/prices", "/api/rulesets", "/api/allocations");

    /** Controllers are the features the route table reaches. */
    public record Controllers(PriceController prices, PromoController promos, ProposalController proposals,
                              CatalogController catalog, ApprovalController approvals, VersionController versions,
                              AllocationController allocations, BudgetController budget, AccountController accounts) {
    }

    private final Javalin app;
    private final Failures failures = new Failures(LOG);

    public HttpServer(Users users, Rulesets rulesets, Controllers controllers) {
        this.app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.http.maxRequestSize = MAX_BATCH_BODY;
            config.jetty.multipartConfig.maxTotalRequestSize(MAX_BATCH_BODY, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxFileSize(MAX_BATCH_BODY, SizeUnit.BYTES);
            config.jetty.modifyHttpConfiguration(Connections::configure);
            config.jetty.modifyServer(server -> Connections.configure(server, header -> bearer(header)
                    .flatMap(users::authenticate).isPresent()));
            config.startup.showJavalinBanner = false;
            var routes = config.routes;
            routes.before(ctx -> ctx.header(RequestIds.HEADER, RequestIds.of(ctx.header(RequestIds.HEADER))));
            routes.get("/health", ctx -> Answers.json(ctx, Map.of("status", "ok", "rulesetVersion", rulesets.active().hash())));
            routes.before("/api/*", ctx -> authenticate(ctx, users));

            routes.post("/api/price-checks", controllers.prices()::check);
            routes.post("/api/price-checks/batch", controllers.prices()::batch);
            routes.post("/api/price-proposals", controllers.prices()::propose);
            routes.get("/api/price-proposals", controllers.proposals().list(ProposalKind.PRICE));
            routes.get("/api/price-proposals/{id}", controllers.proposals().find(ProposalKind.PRICE));

            routes.post("/api/promo-checks", controllers.promos()::check);
            routes.post("/api/promo-proposals", controllers.promos()::propose);
            routes.get("/api/promo-proposals", controllers.proposals().list(ProposalKind.PROMO));
            routes.get("/api/promo-proposals/{id}", controllers.proposals().find(ProposalKind.PROMO));

            routes.get("/api/proposals/{id}/history", controllers.approvals()::history);
            routes.get("/api/approvals", controllers.approvals()::queue);
            routes.get("/api/approvals/{id}", controllers.approvals()::find);
            routes.post("/api/approvals/{id}/approve", controllers.approvals()::approve);
            routes.post("/api/approvals/{id}/reject", controllers.approvals()::reject);
            routes.post("/api/approvals/{id}/withdraw", controllers.approvals()::withdraw);
            routes.post("/api/approvals/{id}/comments", controllers.approvals()::comment);
            routes.get("/api/feed", controllers.approvals()::feed);
            routes.get("/api/audit/verify", controllers.approvals()::verify);

            routes.get("/api/rulesets", controllers.versions()::list);
            routes.post("/api/rulesets", controllers.versions()::upload);
            routes.get("/api/rulesets/active", controllers.versions()::active);
            routes.get("/api/rulesets/{id}", controllers.versions()::find);
            routes.get("/api/rulesets/{id}/files/<path>", controllers.versions()::file);
            routes.get("/api/rulesets/{id}/diff", controllers.versions()::diff);
            routes.post("/api/rulesets/{id}/impact", controllers.versions()::impact);
            routes.post("/api/rulesets/{id}/activation", controllers.versions()::activation);
            routes.post("/api/rulesets/{id}/rebase", controllers.versions()::rebase);

            routes.post("/api/allocations", controllers.allocations()::allocate);
            routes.get("/api/allocations", controllers.allocations()::list);
            routes.get("/api/allocations/{id}", controllers.allocations()::find);

            routes.post("/api/budget-shifts", controllers.budget()::submit);
            routes.get("/api/budget-shifts", controllers.budget()::list);
            routes.get("/api/budget-shifts/{id}", controllers.budget()::find);
            routes.get("/api/budget-shifts/{id}/history", controllers.budget()::history);
            routes.get("/api/budget/weeks/{isoWeek}", controllers.budget()::week);

            routes.get("/api/users", controllers.accounts()::list);
            routes.post("/api/users", controllers.accounts()::create);
            routes.post("/api/users/{name}/revoke", controllers.accounts()::revoke);
            routes.post("/api/users/{name}/token", controllers.accounts()::rotate);

            routes.get("/api/channels", controllers.catalog()::channels);
            routes.get("/api/catalog/products", controllers.catalog()::products);
            routes.put("/api/catalog/products", controllers.catalog()::replaceProducts);
            routes.put("/api/catalog/prices", controllers.catalog()::replacePrices);

            routes.exception(Refusal.class, (problem, ctx) -> {
                if (Problems.statusOf(problem.code()) == 503) {
                    ctx.header("Retry-After", "1");
                }
                Problems.write(ctx, problem);
            });
            routes.exception(HttpResponseException.class, (problem, ctx) ->
                    Problems.write(ctx, problem.getStatus(), problem.getMessage()));
            routes.exception(BadMessageException.class, (problem, ctx) ->
                    Problems.write(ctx, problem.getCode(), "the request could not be read: " + problem.getReason()));
            routes.exception(Exception.class, (failure, ctx) -> {
                failures.log(ctx.res().getHeader(RequestIds.HEADER), route(ctx), failure);
                Problems.write(ctx, ErrorCode.INTERNAL_ERROR, Problems.INTERNAL_ERROR_DETAIL);
            });
            routes.error(404, ctx -> {
                if (!isProblem(ctx)) {
                    Problems.write(ctx, ErrorCode.NOT_FOUND, "no such endpoint: " + ctx.method() + " " + ctx.path());
                }
            });
            routes.error(405, ctx -> {
                if (!isProblem(ctx)) {
                    Problems.write(ctx, ErrorCode.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on " + ctx.path());
                }
            });
        });
    }

    public HttpServer start(int port) {
        app.start(port);
        Connections.idleTimeouts(app.jettyServer().server());
        return this;
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }

    private static void authenticate(Context ctx, Users users) {
        String token = bearer(ctx.header("Authorization"))
                .orElseThrow(() -> new Refusal(ErrorCode.UNAUTHENTICATED, "send 'Authorization: Bearer <token>'"));
        var user = users.authenticate(token)
                .orElseThrow(() -> new Refusal(ErrorCode.INVALID_TOKEN, "the bearer token is not valid"));
        ctx.attribute(Requests.USER, user);
        long limit = bodyLimit(ctx.path());
        if (ctx.contentLength() > limit) {
            throw new Refusal(ErrorCode.BODY_TOO_LARGE, "the body is " + ctx.contentLength()
                    + " bytes; this endpoint takes at most " + limit);
        }
    }

    /** The route a request matched, as written in the route table (never the raw path, which the caller chose). */
    private static String route(Context ctx) {
        try {
            return ctx.method() + " " + ctx.endpoint().path;
        } catch (RuntimeException e) {
            return ctx.method() + " (no route)";
        }
    }

    /** The token of an {@code Authorization: Bearer <token>} header, if it is one. */
    private static Optional<String> bearer(String header) {
        if (header == null || header.length() > 512 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim());
    }

    /** The most bytes a request body may carry on this path. */
    static long bodyLimit(String path) {
        return BATCH_PATHS.contains(path) ? MAX_BATCH_BODY : MAX_BODY;
    }

    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(Problems.CONTENT_TYPE);
    }
}
