package dev.governor.versions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.Multipart;
import dev.governor.RulesetVariants;
import dev.governor.ShippedRuleset;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Ruleset versions over HTTP: version 1 from the shipped files, downloads, drafts from uploads, and broken uploads located cell by cell. */
class VersionApiTest {

    static final String MAP = "decision-tables/pricing/map.drl.xlsx";
    static final String PRICING_DRL = "rules/pricing/pricing.drl";

    @RegisterExtension
    static final TestServer server = new TestServer();

    static TestServer.Answer upload(Role role, Map<String, byte[]> parts) {
        return server.send(server.request("/api/rulesets", role).header("Content-Type", Multipart.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Multipart.body(parts))).build());
    }

    static byte[] shippedMap(Consumer<Sheet> edit) {
        return RulesetVariants.edited(ShippedRuleset.files().files().get(MAP), edit);
    }

    static int versionCount() {
        return server.get("/api/rulesets", Role.REVENUE_OPS).json().size();
    }

    @Test
    void theShippedGuardrailsAreVersionOneAndEachFileDownloads() throws Exception {
        JsonNode active = server.get("/api/rulesets/active", Role.REVENUE_OPS).json();
        assertThat(active.get("hash").asText()).isEqualTo(ShippedRuleset.get().hash());
        assertThat(active.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(active.get("origin").asText()).isEqualTo("shipped");
        assertThat(active.get("activeFrom").asText()).isNotEmpty();
        assertThat(active.get("files").toString()).contains(MAP, PRICING_DRL, "decision-tables/approvals/raci.drl.xlsx");
        long id = active.get("id").asLong();
        HttpResponse<byte[]> file = TestServer.client().send(server.request("/api/rulesets/" + id + "/files/" + MAP,
                Role.FINANCE).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");
        assertThat(file.body()).isEqualTo(ShippedRuleset.files().files().get(MAP));
        assertThat(server.get("/api/rulesets/" + id + "/files/rules/nothing.drl", Role.FINANCE).status()).isEqualTo(404);
        assertThat(server.get("/api/rulesets/999", Role.FINANCE).json().get("code").asText()).isEqualTo("ruleset_not_found");
    }

    @Test
    void anUploadBecomesADraftWithItsExampleCasesRunAndTheActiveVersionUntouched() {
        String activeBefore = server.get("/api/rulesets/active", Role.FINANCE).json().get("hash").asText();
        // GFT-004's MAP (row 14) is in no example case; TEA-001's (row 12) is in one
        byte[] edited = shippedMap(sheet -> sheet.getRow(13).getCell(1).setCellValue(41.99));
        var draft = upload(Role.FINANCE, Map.of(MAP, edited));
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        JsonNode body = draft.json();
        assertThat(body.get("state").asText()).isEqualTo("DRAFT");
        assertThat(body.get("origin").asText()).isEqualTo("upload");
        assertThat(body.get("uploadedBy").asText()).isEqualTo("test-finance");
        assertThat(body.get("report").get("changedFiles").toString()).contains(MAP);
        assertThat(body.get("report").get("examplesFailed").asInt()).isZero();
        assertThat(body.get("report").get("examples").size()).isGreaterThanOrEqualTo(10);

        var failing = upload(Role.FINANCE, Map.of("map.drl.xlsx",
                shippedMap(sheet -> sheet.getRow(11).getCell(1).setCellValue(18.49))));
        assertThat(failing.status()).as(failing.body()).isEqualTo(201);
        JsonNode report = failing.json().get("report");
        assertThat(report.get("examplesFailed").asInt()).isEqualTo(1);
        JsonNode failed = null;
        for (JsonNode result : report.get("examples")) {
            if (!result.get("passed").asBoolean()) {
                failed = result;
            }
        }
        assertThat(failed.get("workbook").asText()).isEqualTo(MAP);
        assertThat(failed.get("name").asText()).isEqualTo("At the MAP is not below it");
        assertThat(failed.get("actualFindings").toString()).contains("MAP_VIOLATION");
        assertThat(failed.get("actualVerdict").asText()).isEqualTo("REJECTED");

        assertThat(server.get("/api/rulesets/active", Role.FINANCE).json().get("hash").asText()).isEqualTo(activeBefore);
        var again = upload(Role.FINANCE, Map.of(MAP, edited));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("no_change");
    }

    @Test
    void brokenUploadsAreLocatedWhereFinanceFixesThemAndRecordNothing() {
        int before = versionCount();
        String activeBefore = server.get("/api/rulesets/active", Role.FINANCE).json().get("hash").asText();

        JsonNode comma = upload(Role.FINANCE, Map.of(MAP, shippedMap(sheet -> sheet.getRow(11).getCell(1)
                .setCellValue("24,99")))).json();
        assertThat(comma.get("status").asInt()).isEqualTo(422);
        assertThat(comma.get("code").asText()).isEqualTo("ruleset_invalid");
        JsonNode cell = comma.get("errors").get(0);
        assertThat(cell.get("code").asText()).isEqualTo("invalid_cell");
        assertThat(cell.get("file").asText()).isEqualTo(MAP);
        assertThat(cell.get("sheet").asText()).isEqualTo("MAP");
        assertThat(cell.get("row").asInt()).isEqualTo(12);
        assertThat(cell.get("column").asText()).isEqualTo("B");
        assertThat(cell.get("message").asText()).contains("'24,99' is not a number");

        JsonNode text = upload(Role.FINANCE, Map.of(MAP, shippedMap(sheet -> sheet.getRow(11).getCell(1)
                .setCellValue("twenty")))).json();
        assertThat(text.get("errors").get(0).get("message").asText()).contains("'twenty' is not a number");

        JsonNode quotes = upload(Role.FINANCE, Map.of(MAP, shippedMap(sheet -> sheet.getRow(22).getCell(0)
                .setCellValue("\u201Ctea\u201D")))).json();
        assertThat(quotes.get("errors").get(0).get("row").asInt()).isEqualTo(23);
        assertThat(quotes.get("errors").get(0).get("message").asText()).contains("quote");

        JsonNode header = upload(Role.FINANCE, Map.of(MAP, shippedMap(sheet -> sheet.getRow(10).getCell(1)
                .setBlank()))).json();
        assertThat(header.get("status").asInt()).isEqualTo(422);
        assertThat(header.at("/errors/0/code").asText()).isEqualTo("engine_cell_missing");
        assertThat(header.at("/errors/0/row").asInt()).isEqualTo(11);
        assertThat(header.at("/errors/0/column").asText()).isEqualTo("B");

        JsonNode keyword = upload(Role.FINANCE, Map.of(MAP, shippedMap(sheet -> sheet.getRow(7).getCell(1)
                .setCellValue("METADATTA")))).json();
        assertThat(keyword.get("status").asInt()).isEqualTo(403);
        assertThat(keyword.get("code").asText()).isEqualTo("code_change_not_allowed");
        assertThat(keyword.at("/errors/0/row").asInt()).isEqualTo(8);

        JsonNode notAWorkbook = upload(Role.FINANCE, Map.of(MAP, "sku,map\nTEA-001,17.99\n".getBytes(StandardCharsets.UTF_8)))
                .json();
        assertThat(notAWorkbook.get("errors").get(0).get("code").asText()).isEqualTo("invalid_file");
        assertThat(notAWorkbook.get("errors").get(0).get("message").asText()).contains("not an Excel workbook");

        String drl = new String(ShippedRuleset.files().files().get(PRICING_DRL), StandardCharsets.UTF_8)
                .replace("$o : Offer()\nthen", "$o : Offer(\nthen");
        JsonNode syntax = upload(Role.FINANCE, Map.of(PRICING_DRL, drl.getBytes(StandardCharsets.UTF_8))).json();
        assertThat(syntax.get("code").asText()).isEqualTo("code_change_not_allowed");
        assertThat(syntax.get("errors").get(0).get("code").asText()).isEqualTo("drl_changed");
        assertThat(syntax.get("errors").get(0).get("file").asText()).isEqualTo(PRICING_DRL);

        assertThat(versionCount()).isEqualTo(before);
        assertThat(server.get("/api/rulesets/active", Role.FINANCE).json().get("hash").asText()).isEqualTo(activeBefore);
        var check = server.post("/api/price-checks", Role.MARKETPLACE_LEAD,
                "{\"sku\": \"TEA-001\", \"channel\": \"amazon-us\", \"price\": 21.99, \"effectiveFrom\": \"2026-12-01\"}");
        assertThat(check.json().get("rulesetVersion").asText()).isEqualTo(activeBefore);
    }

    @Test
    void onlyFinanceUploadsAndOnlyRulesetFilesInMultipart() {
        assertThat(upload(Role.GM, Map.of(MAP, new byte[] {1})).status()).isEqualTo(403);
        var unknown = upload(Role.FINANCE, Map.of("notes.txt", new byte[] {1}));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("errors").get(0).get("code").asText()).isEqualTo("unknown_file");
        var json = server.post("/api/rulesets", Role.FINANCE, "{}");
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.json().get("code").asText()).isEqualTo("multipart_expected");
    }

    @Test
    void checksAsOfAnInstantUseTheVersionInForceThen() {
        var before = server.post("/api/price-checks", Role.MARKETPLACE_LEAD, """
                {"sku": "TEA-001", "channel": "amazon-us", "price": 21.99, "effectiveFrom": "2026-12-01",
                 "asOf": "2020-01-01T00:00:00Z"}""");
        assertThat(before.status()).isEqualTo(422);
        assertThat(before.json().get("errors").get(0).get("code").asText()).isEqualTo("before_first_version");
        var now = server.post("/api/price-checks", Role.MARKETPLACE_LEAD, """
                {"sku": "TEA-001", "channel": "amazon-us", "price": 21.99, "effectiveFrom": "2026-12-01",
                 "asOf": "%s"}""".formatted(java.time.Instant.now().plusSeconds(1)));
        assertThat(now.status()).as(now.body()).isEqualTo(200);
        assertThat(now.json().get("rulesetVersion").asText()).isEqualTo(ShippedRuleset.get().hash());
        var bad = server.post("/api/promo-checks", Role.MARKETPLACE_LEAD, "{\"asOf\": \"yesterday\"}");
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("asOf");
    }

    @Test
    void theDiffShowsChangedAndRemovedTableRowsByKeyAndDrlAsAUnifiedDiff() {
        byte[] map = shippedMap(sheet -> {
            sheet.getRow(11).getCell(1).setCellValue(18.99);
            for (int c = 0; c < 3; c++) {
                sheet.getRow(13).getCell(c).setBlank();
            }
            // the rows below move up into the gap, as a spreadsheet's "delete row" does
            sheet.shiftRows(14, sheet.getLastRowNum(), -1);
        });
        var draft = upload(Role.FINANCE, Map.of(MAP, map));
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        long id = draft.json().get("id").asLong();
        JsonNode diff = server.get("/api/rulesets/" + id + "/diff", Role.FINANCE).json();
        assertThat(diff.get("against").asLong()).isEqualTo(draft.json().get("basedOn").asLong());
        JsonNode table = diff.get("tables").get(0);
        assertThat(table.get("workbook").asText()).isEqualTo(MAP);
        assertThat(table.get("sheet").asText()).isEqualTo("MAP");
        assertThat(table.get("table").asText()).isEqualTo("MapBySku");
        assertThat(table.get("key").toString()).isEqualTo("[\"SKU\"]");
        JsonNode changed = table.get("changed").get(0);
        assertThat(changed.get("key").get("SKU").asText()).isEqualTo("TEA-001");
        assertThat(changed.get("changes").get("MAP").get("before").asText()).isEqualTo("17.99");
        assertThat(changed.get("changes").get("MAP").get("after").asText()).isEqualTo("18.99");
        assertThat(table.get("removed").get(0).get("key").get("SKU").asText()).isEqualTo("GFT-004");
        assertThat(table.get("removed").get(0).get("oldRow").asInt()).isEqualTo(14);
        assertThat(table.get("added")).isEmpty();
        assertThat(diff.get("rules")).isEmpty();
        String drl = new String(ShippedRuleset.files().files().get(PRICING_DRL), StandardCharsets.UTF_8)
                + "\n// reviewed, December\n";
        Map<String, byte[]> reviewed = new java.util.TreeMap<>(ShippedRuleset.files().files());
        reviewed.put(PRICING_DRL, drl.getBytes(StandardCharsets.UTF_8));
        var drlDiff = RulesetDiff.between(1, ShippedRuleset.files(), 2, new dev.governor.ruleset.RulesetFiles(reviewed));
        assertThat(drlDiff.rules().get(0).file()).isEqualTo(PRICING_DRL);
        assertThat(drlDiff.rules().get(0).unified()).contains("--- a/" + PRICING_DRL, "+// reviewed, December");
        var bad = server.get("/api/rulesets/" + id + "/diff?against=abc", Role.FINANCE);
        assertThat(bad.status()).isEqualTo(422);
    }

    @Test
    void impactReplaysRecordedProposalsAndListsTheOnesThatWouldChange() {
        long below = server.post("/api/price-proposals", Role.MARKETPLACE_LEAD,
                "{\"sku\": \"TEA-001\", \"channel\": \"amazon-us\", \"price\": 21.99, \"effectiveFrom\": \"2026-12-01\"}")
                .json().get("id").asLong();
        server.post("/api/price-proposals", Role.MARKETPLACE_LEAD,
                "{\"sku\": \"TEA-001\", \"channel\": \"amazon-us\", \"price\": 23.49, \"effectiveFrom\": \"2026-12-01\"}");
        // finance raises TEA-001's MAP from 17.99 to 22.99
        var draft = upload(Role.FINANCE, Map.of(MAP, shippedMap(sheet -> sheet.getRow(11).getCell(1).setCellValue(22.99))));
        long id = draft.json().get("id").asLong();
        var answer = server.post("/api/rulesets/" + id + "/impact", Role.FINANCE, "{\"last\": 2}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode impact = answer.json();
        assertThat(impact.get("replayed").asInt()).isEqualTo(2);
        assertThat(impact.get("verdictChanged").asInt()).isEqualTo(1);
        assertThat(impact.get("summary").asText()).startsWith("replayed 2 proposal(s): 1 would change verdict");
        JsonNode item = impact.get("items").get(0);
        assertThat(item.get("proposalId").asLong()).isEqualTo(below);
        assertThat(item.get("verdictWithVersion").asText()).isEqualTo("REJECTED");
        assertThat(item.get("findingsAdded").toString()).contains("MAP_VIOLATION");
        var ranged = server.post("/api/rulesets/" + id + "/impact", Role.FINANCE,
                "{\"from\": \"2020-01-01\", \"to\": \"2020-01-31\"}").json();
        assertThat(ranged.get("replayed").asInt()).isZero();
        assertThat(server.post("/api/rulesets/" + id + "/impact", Role.FINANCE, "{\"last\": 0}").status()).isEqualTo(422);
    }
}
