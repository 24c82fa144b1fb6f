package dev.governor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Finance replaces the catalog and current prices from a CSV; a bad file is rejected whole, one error per row and column. */
class CatalogApiTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void shippedReferenceDataIsLoaded() {
        JsonNode channels = server.get("/api/channels", Role.REVENUE_OPS).json();
        assertThat(channels).hasSize(4);
        assertThat(channels.toString()).contains("dtc-webstore", "amazon-us", "amazon-us-fbm", "wholesale");
        JsonNode products = server.get("/api/catalog/products", Role.REVENUE_OPS).json();
        assertThat(products.size()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void badCatalogIsRejectedWholeWithEveryBadCell() {
        String csv = """
                sku,name,brand,category,unit_cost,msrp,launch_date,hero
                TEA-001,Earl Grey,Leafy,tea,"6,20",24.99,2024-10-28,true
                TEA-002,Breakfast,Leafy,tea,4.75,0,2024-01-10,maybe
                TEA-001,Twice,Leafy,tea,4.75,20.00,20/01/2024,false
                ,Nameless,Leafy,tea,1.00,2.00,,false
                """;
        var answer = server.put("/api/catalog/products", Role.FINANCE, csv, "text/csv");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("code").asText()).isEqualTo("invalid_csv");
        JsonNode errors = answer.json().get("errors");
        assertThat(errors.toString()).contains("\"row\":2", "\"field\":\"unit_cost\"", "\"row\":3", "\"field\":\"msrp\"",
                "\"field\":\"hero\"", "\"row\":4", "\"field\":\"launch_date\"", "duplicate", "\"row\":5", "\"field\":\"sku\"");
        assertThat(server.get("/api/catalog/products", Role.FINANCE).json().size()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void missingColumnIsNamed() {
        var answer = server.put("/api/catalog/prices", Role.FINANCE, "sku,price\nTEA-001,20\n", "text/csv");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("errors").get(0).get("code").asText()).isEqualTo("missing_column");
        assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo("channel");
    }

    @Test
    void replacedPricesFeedTheNextCheck() {
        String prices = PromoApiTest.shippedPrices().replace("TEA-004,amazon-us,", "TEA-004,amazon-us,1");
        // a leading 1 makes the current amazon-us price of TEA-004 ten times higher: the step rule now speaks
        var replaced = server.put("/api/catalog/prices", Role.FINANCE, prices, "text/csv");
        assertThat(replaced.status()).isEqualTo(200);
        try {
            var check = server.post("/api/price-checks", Role.MARKETPLACE_LEAD,
                    "{\"sku\":\"TEA-004\",\"channel\":\"amazon-us\",\"price\":20.99,\"effectiveFrom\":\"2026-12-01\"}").json();
            assertThat(check.toString()).contains("PRICE_CHANGE_TOO_LARGE");
        } finally {
            server.put("/api/catalog/prices", Role.FINANCE, PromoApiTest.shippedPrices(), "text/csv");
        }
    }

    @Test
    void aCatalogLargerThanASingleRequestIsReadWhole() {
        StringBuilder csv = new StringBuilder("sku,name,brand,category,unit_cost,msrp,launch_date,hero\n");
        for (int i = 0; csv.length() < (3 << 19); i++) {
            csv.append("BIG-").append(i).append(",A product with a long descriptive name,Leafy,tea,1.00,")
                    .append(i == 7 ? "0" : "2.00").append(",2024-01-01,false\n");
        }
        var answer = server.put("/api/catalog/products", Role.FINANCE, csv.toString(), "text/csv");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("errors")).singleElement()
                .satisfies(error -> assertThat(error.get("row").asInt()).isEqualTo(9));
        assertThat(server.get("/api/catalog/products", Role.FINANCE).json().size()).isEqualTo(40);
    }

    @Test
    void pricesForUnknownSkusAndChannelsAreRejected() {
        var answer = server.put("/api/catalog/prices", Role.FINANCE,
                "sku,channel,price\nNOPE,dtc-webstore,1.00\nTEA-001,ebay,2.00\n", "text/csv");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("errors").toString()).contains("unknown_sku", "unknown_channel");
    }

    @Test
    void aRowWithExtraOrMissingCellsIs422AtThatRowAndNothingChanges() {
        var answer = server.put("/api/catalog/prices", Role.FINANCE,
                "sku,channel,price\nTEA-001,dtc-webstore,24.99,oops\nTEA-002,amazon-us\n", "text/csv");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("errors")).hasSize(2);
        assertThat(answer.json().at("/errors/0/row").asInt()).isEqualTo(2);
        assertThat(answer.json().at("/errors/0/code").asText()).isEqualTo("wrong_column_count");
        assertThat(answer.json().at("/errors/1/row").asInt()).isEqualTo(3);
        assertThat(prices()).isEqualTo(160);
    }

    @Test
    void aFileThatRemovesRowsFirstSaysWhatItWouldRemoveAndRemovesNothing() {
        var headerOnly = server.put("/api/catalog/prices", Role.FINANCE, "sku,channel,price\n", "text/csv");
        assertThat(headerOnly.status()).isEqualTo(409);
        assertThat(prices()).isEqualTo(160);
        String withoutAcc004 = PromoApiTest.shippedPrices().lines().filter(line -> !line.startsWith("ACC-004,"))
                .reduce("", (all, line) -> all + line + "\n");
        var answer = server.put("/api/catalog/prices", Role.FINANCE, withoutAcc004, "text/csv");
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().get("code").asText()).isEqualTo("confirm_removal");
        assertThat(answer.json().at("/details/priceCount").asInt()).isEqualTo(4);
        assertThat(answer.json().at("/details/pricesRemoved/0/sku").asText()).isEqualTo("ACC-004");
        assertThat(prices()).isEqualTo(160);
        String withoutOne = shippedProducts().lines().filter(line -> !line.startsWith("ACC-004,"))
                .reduce("", (all, line) -> all + line + "\n");
        var products = server.put("/api/catalog/products", Role.FINANCE, withoutOne, "text/csv");
        assertThat(products.status()).isEqualTo(409);
        assertThat(products.json().at("/details/productsRemoved/0").asText()).isEqualTo("ACC-004");
        assertThat(server.get("/api/catalog/products", Role.FINANCE).json().size()).isEqualTo(40);
    }

    @Test
    void rowsAPendingProposalWaitsOnAreNotRemovedEvenWhenConfirmed() {
        var proposal = server.post("/api/price-proposals", Role.DTC_LEAD, "{\"sku\": \"COF-002\", \"channel\": "
                + "\"dtc-webstore\", \"price\": 99.00, \"effectiveFrom\": \"2099-01-04\"}");
        assertThat(proposal.json().get("status").asText()).isEqualTo("PENDING_APPROVAL");
        long id = proposal.json().get("id").asLong();
        String prices = PromoApiTest.shippedPrices().lines().filter(line -> !line.startsWith("COF-002,dtc-webstore,"))
                .reduce("", (all, line) -> all + line + "\n");
        var refused = server.put("/api/catalog/prices?confirm=remove", Role.FINANCE, prices, "text/csv");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("catalog_in_use");
        assertThat(refused.json().at("/details/inUse/0/waiting").asText()).isEqualTo("pending proposal " + id);
        String products = shippedProducts().lines().filter(line -> !line.startsWith("COF-002,"))
                .reduce("", (all, line) -> all + line + "\n");
        assertThat(server.put("/api/catalog/products?confirm=remove", Role.FINANCE, products, "text/csv").json()
                .get("code").asText()).isEqualTo("catalog_in_use");
        assertThat(prices()).isEqualTo(160);
    }

    @Test
    void aConfirmedRemovalGoesAheadAndRecordsAboutTheRemovedSkuStayReadable() {
        // a price far below MAP: recorded, REJECTED, so nothing waits on the SKU
        var proposal = server.post("/api/price-proposals", Role.DTC_LEAD, "{\"sku\": \"GFT-002\", \"channel\": "
                + "\"dtc-webstore\", \"price\": 1.00, \"effectiveFrom\": \"2099-01-04\"}");
        assertThat(proposal.status()).isEqualTo(201);
        assertThat(proposal.json().get("status").asText()).isEqualTo("REJECTED");
        long id = proposal.json().get("id").asLong();
        String products = shippedProducts().lines().filter(line -> !line.startsWith("GFT-002,"))
                .reduce("", (all, line) -> all + line + "\n");
        try {
            var removed = server.put("/api/catalog/products?confirm=remove", Role.FINANCE, products, "text/csv");
            assertThat(removed.status()).as(removed.body()).isEqualTo(200);
            assertThat(removed.json().get("products").asInt()).isEqualTo(39);
            for (String path : java.util.List.of("/api/price-proposals", "/api/price-proposals/" + id,
                    "/api/proposals/" + id + "/history", "/api/approvals?status=ALL", "/api/feed")) {
                assertThat(server.get(path, Role.REVENUE_OPS).status()).as(path).isEqualTo(200);
            }
        } finally {
            server.put("/api/catalog/products?confirm=remove", Role.FINANCE, shippedProducts(), "text/csv");
            server.put("/api/catalog/prices?confirm=remove", Role.FINANCE, PromoApiTest.shippedPrices(), "text/csv");
        }
    }

    private static int prices() {
        int count = 0;
        for (JsonNode item : server.get("/api/catalog/products", Role.REVENUE_OPS).json()) {
            count += item.get("prices").size();
        }
        return count;
    }

    static String shippedProducts() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("samples/reference/products.csv"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
