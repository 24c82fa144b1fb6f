package dev.governor.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.core.ErrorCode;
import dev.governor.core.Json;
import dev.governor.core.Refusal;
import dev.governor.pricing.PriceService;
import dev.governor.reference.CatalogCsv;
import dev.governor.ruleset.CheckGroups;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** PriceController is the HTTP face of price checks, price proposals and batch checks. */
public final class PriceController {

    private static final Map<String, String> CSV_FIELDS = Map.of("sku", "sku", "channel", "channel", "price", "price",
            "effectivefrom", "effectiveFrom", "currency", "currency", "adcostperunit", "adCostPerUnit");

    private final PriceService service;
    private final CheckGroups groups;

    public PriceController(PriceService service, CheckGroups groups) {
        this.service = service;
        this.groups = groups;
    }

    public void check(Context ctx) {
        Answers.jsonLater(ctx, service.checkLater(Requests.user(ctx), Requests.jsonObject(ctx), groups));
    }

    public void propose(Context ctx) {
        Answers.created(ctx, service.propose(Requests.user(ctx), Requests.jsonObject(ctx)));
    }

    /** A JSON array of price requests (rows numbered from 1), or a CSV with a header (rows numbered as in the spreadsheet). */
    public void batch(Context ctx) throws IOException {
        var user = Requests.user(ctx);
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        List<JsonNode> rows = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        if (contentType.startsWith("text/csv")) {
            var csv = CatalogCsv.read(Requests.bytes(ctx), List.of("sku", "channel", "price"));
            for (var record : csv.records()) {
                ObjectNode row = Json.MAPPER.createObjectNode();
                record.toMap().forEach((column, value) -> {
                    String field = CSV_FIELDS.get(column.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", ""));
                    if (field != null && value != null && !value.isBlank()) {
                        row.put(field, value.trim());
                    }
                });
                rows.add(row);
                numbers.add((int) record.getRecordNumber() + 1);
            }
        } else {
            JsonNode body = Requests.json(ctx);
            if (!body.isArray()) {
                throw new Refusal(ErrorCode.MALFORMED_JSON, "a batch is a JSON array of price requests, or a text/csv body");
            }
            for (int i = 0; i < body.size(); i++) {
                rows.add(body.get(i));
                numbers.add(i + 1);
            }
        }
        if (rows.isEmpty()) {
            throw new Refusal(ErrorCode.EMPTY_BATCH, "the batch holds no rows");
        }
        // the answer is streamed row by row, so a 100,000-row batch never sits whole in memory
        ctx.contentType("application/json");
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(ctx.outputStream())) {
            json.writeStartObject();
            json.writeFieldName("results");
            json.writeStartArray();
            var summary = service.checkBatch(user, rows, numbers, row -> write(json, row));
            json.writeEndArray();
            json.writeStringField("rulesetVersion", summary.rulesetVersion());
            json.writeNumberField("rows", summary.rows());
            json.writeObjectField("summary", summary.summary());
            json.writeEndObject();
        }
    }

    private static void write(JsonGenerator json, PriceService.BatchRow row) {
        try {
            json.writeObject(row);
        } catch (IOException e) {
            throw new UncheckedIOException("the client stopped reading the batch answer", e);
        }
    }

}
