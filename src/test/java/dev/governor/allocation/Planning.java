package dev.governor.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.ShippedRuleset;
import dev.governor.core.FieldError;
import dev.governor.core.Json;
import dev.governor.core.Refusal;
import dev.governor.reference.Catalog;
import dev.governor.reference.CatalogService;
import dev.governor.ruleset.Ruleset;
import dev.governor.store.Database;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Planning plans allocation requests with the shipped ruleset and the sample catalog, as the service does. */
final class Planning {

    static final LocalDate TODAY = LocalDate.parse("2026-11-22");

    private Planning() {
    }

    private static final class Holder {
        static final Catalog CATALOG = load();

        private static Catalog load() {
            try {
                Path folder = Files.createTempDirectory("governor-allocation-catalog");
                try (Database database = Database.open(folder.resolve("catalog.db"))) {
                    CatalogService catalogs = new CatalogService(database);
                    catalogs.seedIfEmpty(Path.of("samples/reference"));
                    return catalogs.current();
                }
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Catalog catalog() {
        return Holder.CATALOG;
    }

    static AllocationRequest request(String json) {
        try {
            return request(Json.MAPPER.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static AllocationRequest request(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        var request = AllocationRequest.parse(body, catalog(), TODAY, errors);
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        return request.orElseThrow();
    }

    static List<FieldError> errors(String json) {
        List<FieldError> errors = new ArrayList<>();
        try {
            AllocationRequest.parse(Json.MAPPER.readTree(json), catalog(), TODAY, errors);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return errors;
    }

    static SkuPlan plan(String json) {
        return plan(ShippedRuleset.get(), json);
    }

    static SkuPlan plan(Ruleset ruleset, String json) {
        return AllocationPlanner.plan(ruleset, request(json)).get(0);
    }
}
