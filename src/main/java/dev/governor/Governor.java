package dev.governor;

import dev.governor.auth.Users;
import dev.governor.decisionlog.ProposalController;
import dev.governor.decisionlog.ProposalLog;
import dev.governor.http.HttpServer;
import dev.governor.pricing.PriceController;
import dev.governor.pricing.PriceService;
import dev.governor.promo.PromoController;
import dev.governor.promo.PromoService;
import dev.governor.reference.CatalogController;
import dev.governor.reference.CatalogService;
import dev.governor.ruleset.Ruleset;
import dev.governor.ruleset.RulesetCompiler;
import dev.governor.ruleset.RulesetFiles;
import dev.governor.ruleset.Rulesets;
import dev.governor.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Governor wires the service together — store, reference data, ruleset, features, HTTP — and
 * holds it while it runs. It carries no logic of its own.
 */
public final class Governor implements AutoCloseable {

    /** Settings are where the service finds its database and its guardrails, and the port it listens on. */
    public record Settings(Path database, Path home, int port) {
    }

    private final Database database;
    private final Users users;
    private final Rulesets rulesets;
    private final HttpServer server;
    private final boolean ownsRuleset;

    private Governor(Database database, Users users, Rulesets rulesets, HttpServer server, boolean ownsRuleset) {
        this.database = database;
        this.users = users;
        this.rulesets = rulesets;
        this.server = server;
        this.ownsRuleset = ownsRuleset;
    }

    public static Governor start(Settings settings) {
        return start(settings, new RulesetCompiler().compile(guardrails(settings.home())), true);
    }

    /** Starts with an already compiled ruleset that the caller keeps (tests compile the shipped one once per run). */
    public static Governor start(Settings settings, Ruleset ruleset) {
        return start(settings, ruleset, false);
    }

    private static Governor start(Settings settings, Ruleset ruleset, boolean ownsRuleset) {
        Clock clock = Clock.systemUTC();
        Database database = Database.open(settings.database());
        try {
            CatalogService catalog = new CatalogService(database);
            catalog.seedIfEmpty(settings.home().resolve("samples/reference"));
            Rulesets rulesets = new Rulesets(ruleset);
            ProposalLog log = new ProposalLog(database, clock);
            Users users = new Users(database, clock);
            var controllers = new HttpServer.Controllers(
                    new PriceController(new PriceService(catalog, rulesets, log)),
                    new PromoController(new PromoService(catalog, rulesets, log)),
                    new ProposalController(log),
                    new CatalogController(catalog));
            HttpServer server = new HttpServer(users, rulesets, controllers).start(settings.port());
            return new Governor(database, users, rulesets, server, ownsRuleset);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The guardrails in the home folder ({@code rules/} and {@code decision-tables/}), or the ones shipped in the jar. */
    public static RulesetFiles guardrails(Path home) {
        if (Files.isDirectory(home.resolve("rules")) && Files.isDirectory(home.resolve("decision-tables"))) {
            return RulesetFiles.fromDirectory(home);
        }
        return RulesetFiles.shipped();
    }

    public Users users() {
        return users;
    }

    public Rulesets rulesets() {
        return rulesets;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
        if (ownsRuleset) {
            rulesets.active().close();
        }
        database.close();
    }
}
