package dev.governor.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gets a problem+json answer with a stable code and one entry per bad field, and nothing is stored. */
class BadInputApiTest {

    @RegisterExtension
    static final TestServer server = new TestServer();

    @Test
    void malformedJsonIs400() {
        var answer = server.post("/api/price-proposals", Role.DTC_LEAD, "{\"sku\": \"TEA-001\",");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("code").asText()).isEqualTo("malformed_json");
        assertNothingStored();
    }

    @Test
    void arrayWhereAnObjectBelongsIs400() {
        assertThat(server.post("/api/price-checks", Role.DTC_LEAD, "[1, 2]").json().get("code").asText())
                .isEqualTo("malformed_json");
        assertThat(server.post("/api/price-checks", Role.DTC_LEAD, "").status()).isEqualTo(400);
    }

    @Test
    void everyMissingFieldIsListed() {
        JsonNode problem = server.post("/api/price-proposals", Role.DTC_LEAD, "{}").json();
        assertThat(problem.get("status").asInt()).isEqualTo(422);
        assertThat(problem.get("code").asText()).isEqualTo("invalid_request");
        assertThat(fields(problem)).containsExactlyInAnyOrder("sku", "channel", "price", "effectiveFrom");
        assertThat(codes(problem)).containsOnly("missing_field");
        assertNothingStored();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown SKU         | {"sku": "NOPE-1", "channel": "dtc-webstore", "price": 20, "effectiveFrom": "2026-12-01"}             | sku           | unknown_sku
            unknown channel     | {"sku": "TEA-001", "channel": "ebay", "price": 20, "effectiveFrom": "2026-12-01"}                     | channel       | unknown_channel
            wrong currency      | {"sku": "TEA-001", "channel": "dtc-webstore", "price": 20, "currency": "EUR", "effectiveFrom": "2026-12-01"} | currency | wrong_currency
            zero price          | {"sku": "TEA-001", "channel": "dtc-webstore", "price": 0, "effectiveFrom": "2026-12-01"}              | price         | out_of_range
            negative price      | {"sku": "TEA-001", "channel": "dtc-webstore", "price": -5, "effectiveFrom": "2026-12-01"}             | price         | out_of_range
            fraction of a cent  | {"sku": "TEA-001", "channel": "dtc-webstore", "price": 19.999, "effectiveFrom": "2026-12-01"}         | price         | too_many_decimals
            price not a number  | {"sku": "TEA-001", "channel": "dtc-webstore", "price": "cheap", "effectiveFrom": "2026-12-01"}        | price         | invalid_number
            date does not parse | {"sku": "TEA-001", "channel": "dtc-webstore", "price": 20, "effectiveFrom": "01/12/2026"}             | effectiveFrom | invalid_date
            impossible date     | {"sku": "TEA-001", "channel": "dtc-webstore", "price": 20, "effectiveFrom": "2026-02-30"}             | effectiveFrom | invalid_date
            """)
    void badPriceFieldIsNamed(String title, String body, String field, String code) {
        var answer = server.post("/api/price-proposals", Role.DTC_LEAD, body);
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(fields(answer.json())).containsExactly(field);
        assertThat(codes(answer.json())).containsExactly(code);
        assertNothingStored();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            discount zero       | {"channel": "dtc-webstore", "skus": ["TEA-001"], "discountPercent": 0, "start": "2026-11-27", "end": "2026-11-30", "type": "coupon"}   | discountPercent | out_of_range
            discount 100        | {"channel": "dtc-webstore", "skus": ["TEA-001"], "discountPercent": 100, "start": "2026-11-27", "end": "2026-11-30", "type": "coupon"} | discountPercent | out_of_range
            discount negative   | {"channel": "dtc-webstore", "skus": ["TEA-001"], "discountPercent": -5, "start": "2026-11-27", "end": "2026-11-30", "type": "coupon"}  | discountPercent | out_of_range
            end before start    | {"channel": "dtc-webstore", "skus": ["TEA-001"], "discountPercent": 10, "start": "2026-11-27", "end": "2026-11-26", "type": "coupon"}  | end             | end_before_start
            unknown type        | {"channel": "dtc-webstore", "skus": ["TEA-001"], "discountPercent": 10, "start": "2026-11-27", "end": "2026-11-30", "type": "lottery"} | type            | invalid_type
            unknown SKU         | {"channel": "dtc-webstore", "skus": ["NOPE-1"], "discountPercent": 10, "start": "2026-11-27", "end": "2026-11-30", "type": "coupon"}   | skus            | unknown_sku
            unknown category    | {"channel": "dtc-webstore", "category": "wine", "discountPercent": 10, "start": "2026-11-27", "end": "2026-11-30", "type": "coupon"}   | category        | unknown_category
            skus and category   | {"channel": "dtc-webstore", "skus": ["TEA-001"], "category": "tea", "discountPercent": 10, "start": "2026-11-27", "end": "2026-11-30", "type": "coupon"} | category | conflicting_fields
            neither             | {"channel": "dtc-webstore", "discountPercent": 10, "start": "2026-11-27", "end": "2026-11-30", "type": "coupon"}                        | skus            | missing_field
            start not a date    | {"channel": "dtc-webstore", "skus": ["TEA-001"], "discountPercent": 10, "start": "Black Friday", "end": "2026-11-30", "type": "coupon"} | start          | invalid_date
            """)
    void badPromoFieldIsNamed(String title, String body, String field, String code) {
        var answer = server.post("/api/promo-proposals", Role.DTC_LEAD, body);
        assertThat(answer.status()).isEqualTo(422);
        assertThat(fields(answer.json())).containsExactly(field);
        assertThat(codes(answer.json())).containsExactly(code);
        assertNothingStored();
    }

    @Test
    void oversizedBodyIs413() {
        String huge = "{\"sku\": \"" + "X".repeat(2 << 20) + "\"}";
        var answer = server.post("/api/price-proposals", Role.DTC_LEAD, huge);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().get("code").asText()).isEqualTo("body_too_large");
        assertNothingStored();
    }

    @Test
    void oversizedBodySentWithoutALengthIs413() {
        byte[] huge = ("{\"sku\": \"" + "X".repeat(2 << 20) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // a body published from a stream goes out chunked, with no Content-Length to refuse it by
        var answer = server.send(server.request("/api/price-proposals", Role.DTC_LEAD)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)))
                .build());
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().get("code").asText()).isEqualTo("body_too_large");
        assertNothingStored();
    }

    @Test
    void bodyOfExactlyTheLimitIsRead() {
        String prefix = "{\"sku\": \"";
        String suffix = "\"}";
        String body = prefix + "X".repeat((int) HttpServer.MAX_BODY - prefix.length() - suffix.length()) + suffix;
        var answer = server.post("/api/price-checks", Role.DTC_LEAD, body);
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("code").asText()).isEqualTo("invalid_request");
    }

    @Test
    void badPagingIsAProblemNotA500() {
        assertThat(server.get("/api/price-proposals?page=0", Role.GM).json().get("code").asText()).isEqualTo("invalid_paging");
        assertThat(server.get("/api/price-proposals?size=abc", Role.GM).status()).isEqualTo(422);
        assertThat(server.get("/api/price-proposals?status=MAYBE", Role.GM).status()).isEqualTo(422);
        assertThat(server.get("/api/price-proposals?from=yesterday", Role.GM).status()).isEqualTo(422);
        assertThat(server.get("/api/price-proposals/abc", Role.GM).status()).isEqualTo(404);
    }

    @Test
    void wrongMethodIsAProblem() {
        var answer = server.send(server.request("/api/price-checks", Role.GM).DELETE().build());
        assertThat(answer.status()).isIn(404, 405);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    private static void assertNothingStored() {
        assertThat(server.get("/api/price-proposals", Role.GM).json().get("total").asLong()).isZero();
        assertThat(server.get("/api/promo-proposals", Role.GM).json().get("total").asLong()).isZero();
    }

    static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }

    static List<String> codes(JsonNode problem) {
        List<String> codes = new ArrayList<>();
        problem.get("errors").forEach(error -> codes.add(error.get("code").asText()));
        return codes;
    }
}
