package dev.governor.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import dev.governor.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded, bounded fuzz of every route: about 5,000 requests that start from the shipped samples
 * and bend them — a field's value swapped for something hostile (huge, tiny, negative, exponent,
 * deep, long, wrong type, odd text, far dates), fields dropped or added, bodies truncated or
 * replaced — and every path and query parameter given junk, as every role and as nobody. No
 * answer is a 5xx, every 4xx is problem+json, a refused request records nothing, and the audit
 * trail still verifies at the end.
 */
class FuzzApiTest {

    /** The seed; a failure names the request that broke, which this seed replays. */
    static final long SEED = 20261206L;
    static final int REQUESTS = 5_000;

    @RegisterExtension
    static final TestServer server = new TestServer();

    /** The tables any accepted request writes; a refused one must leave all of them as they were. */
    private static final List<String> TABLES = List.of("proposals", "approval_requests", "allocations",
            "budget_shifts", "ruleset_versions", "audit_events", "users", "api_tokens", "scheduled_prices",
            "current_prices", "products");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Route is one route fuzzed: method, path template and the body it starts from. */
    record Route(String method, String path, String contentType, String seed) {
    }

    @Test
    void noInputGetsA5xxAndNoRefusedRequestRecordsAnything() {
        Random random = new Random(SEED);
        List<Route> routes = routes();
        int refused = 0;
        int accepted = 0;
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        String last = "none";
        for (int i = 0; i < REQUESTS; i++) {
            Route route = routes.get(random.nextInt(routes.size()));
            String path = path(route.path(), random);
            String body = route.seed() == null ? null : body(route, random);
            Role role = random.nextInt(12) == 0 ? null : Role.values()[random.nextInt(Role.values().length)];
            if (path.startsWith("/api/approvals/")) {
                // a request overdue is recorded expired by whoever touches it first: let the sweep do it
                // now, so a refused decision is judged on what it records itself
                server.governor().sweep();
            }
            Map<String, Long> before = counts();
            String what = "#" + i + " " + route.method() + " " + cut(path) + " as " + role + " with " + cut(body);
            String previous = last;
            last = what;
            TestServer.Answer answer;
            try {
                answer = send(route, path, body, role);
            } catch (UncheckedIOException noAnswer) {
                throw new AssertionError("no answer to " + what + " (the request before: " + previous + ")", noAnswer);
            }
            byStatus.merge(answer.status() / 100 + "xx", 1, Integer::sum);
            assertThat(answer.status()).as(what).isLessThan(500);
            if (answer.status() >= 400) {
                refused++;
                assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
                assertThat(answer.json().get("code").asText()).as(what).matches("[a-z0-9_]+");
                assertThat(counts()).as(what + " answered " + cut(answer.body())).isEqualTo(before);
            } else {
                accepted++;
            }
        }
        assertThat(refused).isGreaterThan(REQUESTS / 2);
        assertThat(accepted).isGreaterThan(0);
        JsonNode verified = server.get("/api/audit/verify", Role.REVENUE_OPS).json();
        assertThat(verified.get("ok").asBoolean()).as(verified.toString()).isTrue();
        System.out.println("fuzzed " + REQUESTS + " requests (seed " + SEED + "): " + byStatus);
    }

    private static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        String json = "application/json";
        routes.add(new Route("POST", "/api/price-checks", json, sample("pricing/price-check.json")));
        routes.add(new Route("POST", "/api/price-proposals", json, sample("pricing/price-proposal.json")));
        routes.add(new Route("POST", "/api/price-checks/batch", json, "[" + sample("pricing/price-check.json") + ","
                + sample("pricing/price-proposal.json") + "]"));
        routes.add(new Route("POST", "/api/price-checks/batch", "text/csv", sample("pricing/price-batch.csv")));
        routes.add(new Route("POST", "/api/promo-checks", json, sample("promo/promo-check.json")));
        routes.add(new Route("POST", "/api/promo-proposals", json, sample("promo/promo-proposal.json")));
        routes.add(new Route("POST", "/api/approvals/{id}/approve", json, sample("approvals/approve.json")));
        routes.add(new Route("POST", "/api/approvals/{id}/reject", json, sample("approvals/reject.json")));
        routes.add(new Route("POST", "/api/approvals/{id}/withdraw", json, sample("approvals/comment.json")));
        routes.add(new Route("POST", "/api/approvals/{id}/comments", json, sample("approvals/comment.json")));
        routes.add(new Route("POST", "/api/rulesets", "multipart/form-data; boundary=fuzz",
                "--fuzz\r\nContent-Disposition: form-data; name=\"rules/pricing/pricing.drl\"; filename=\"p.drl\"\r\n\r\n"
                        + "package x;\r\n--fuzz--\r\n"));
        routes.add(new Route("POST", "/api/rulesets/{id}/impact", json, sample("rulesets/impact.json")));
        routes.add(new Route("POST", "/api/rulesets/{id}/activation", json, sample("rulesets/activation.json")));
        routes.add(new Route("POST", "/api/rulesets/{id}/rebase", json, "{}"));
        routes.add(new Route("POST", "/api/allocations", json, sample("allocation/allocation.json")));
        routes.add(new Route("POST", "/api/allocations", json, sample("allocation/allocation-override.json")));
        routes.add(new Route("POST", "/api/budget-shifts", json, sample("budget/shift-dtc.json")));
        routes.add(new Route("POST", "/api/budget-shifts", json, sample("budget/shift-cross-engine.json")));
        routes.add(new Route("POST", "/api/users", json, "{\"name\": \"fuzzed\", \"roles\": [\"finance\"], "
                + "\"expiresInDays\": 30}"));
        routes.add(new Route("POST", "/api/users/{name}/token", json, "{\"expiresInDays\": 30}"));
        routes.add(new Route("POST", "/api/users/{name}/revoke", json, "{}"));
        routes.add(new Route("PUT", "/api/catalog/prices", "text/csv", sample("reference/prices.csv")));
        routes.add(new Route("PUT", "/api/catalog/products", "text/csv", sample("reference/products.csv")));
        for (String get : List.of("/api/price-proposals?status={q}&channel={q}&sku={q}&from={q}&to={q}&page={q}&size={q}",
                "/api/promo-proposals?status={q}&from={q}", "/api/price-proposals/{id}", "/api/promo-proposals/{id}",
                "/api/proposals/{id}/history", "/api/approvals?status={q}&type={q}&page={q}&size={q}",
                "/api/approvals/{id}", "/api/feed?since={q}&page={q}", "/api/audit/verify", "/api/rulesets",
                "/api/rulesets/active", "/api/rulesets/{id}", "/api/rulesets/{id}/files/{path}",
                "/api/rulesets/{id}/diff?against={q}", "/api/allocations?status={q}&page={q}", "/api/allocations/{id}",
                "/api/budget-shifts?status={q}&week={q}", "/api/budget-shifts/{id}", "/api/budget-shifts/{id}/history",
                "/api/budget/weeks/{q}", "/api/channels", "/api/catalog/products", "/api/users", "/health",
                "/api/{q}")) {
            routes.add(new Route("GET", get, null, null));
        }
        return routes;
    }

    /** Path and query parameters: mostly junk, sometimes a plausible value. */
    private static String path(String template, Random random) {
        String path = template;
        while (path.contains("{id}")) {
            path = path.replaceFirst("\\{id}", quoted(pick(random, "1", "2", "3", "0", "-1", "99999999999999999999",
                    "1e5", "abc", "1.5", " ", "%00", "9".repeat(400), "1;drop table proposals", "../../etc/passwd")));
        }
        path = path.replace("{name}", encode(pick(random, "fuzz-" + random.nextInt(50), "nobody", "a".repeat(300),
                "ä", "<script>", "..")));
        path = path.replace("{path}", pick(random, "decision-tables/pricing/map.drl.xlsx", "rules/pricing/pricing.drl",
                "..%2F..%2Fetc%2Fpasswd", "nope.txt", "decision-tables/" + "x".repeat(500)));
        while (path.contains("{q}")) {
            path = path.replaceFirst("\\{q}", quoted(queryValue(random)));
        }
        return path;
    }

    private static String queryValue(Random random) {
        return pick(random, "", "PENDING", "APPROVED", "ALL", "pending", "2026-12-01", "2026-02-30", "+999999999-01-01",
                "2026-W49", "2026-W99", "dtc-webstore", "TEA-001", "1", "0", "-5", "1e10000", "500", "501",
                "99999999999", "x".repeat(random.nextInt(3000)), "\u0000", "' or 1=1 --", "ü€𝄞", "%");
    }

    /** The route's body, bent one to three ways. */
    private static String body(Route route, Random random) {
        String body = route.seed();
        if (route.contentType().startsWith("application/json")) {
            JsonNode tree = parse(body);
            int changes = 1 + random.nextInt(3);
            for (int i = 0; i < changes; i++) {
                tree = bend(tree, random);
            }
            String text = tree.toString();
            return switch (random.nextInt(20)) {
                case 0 -> text.substring(0, random.nextInt(text.length() + 1));
                case 1 -> "[".repeat(1 + random.nextInt(2000));
                case 2 -> randomText(random, random.nextInt(200));
                default -> text;
            };
        }
        return switch (random.nextInt(6)) {
            case 0 -> body.substring(0, random.nextInt(body.length() + 1));
            case 1 -> body.replaceFirst(",", ",,");
            case 2 -> body.replace(".", ",");
            case 3 -> body.lines().findFirst().orElse("") + "\n";
            case 4 -> body + randomText(random, 40) + "\n";
            default -> insertCell(body, random);
        };
    }

    /** The tree with one value somewhere in it replaced, removed, or joined by a new field. */
    private static JsonNode bend(JsonNode tree, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(tree, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            int what = random.nextInt(10);
            if (names.isEmpty() || what == 0) {
                object.set(pick(random, "extra", "price", "sku", "__proto__", "x".repeat(100)), hostile(random));
            } else if (what == 1) {
                object.remove(names.get(random.nextInt(names.size())));
            } else {
                object.set(names.get(random.nextInt(names.size())), hostile(random));
            }
        } else if (target instanceof ArrayNode array) {
            if (array.isEmpty() || random.nextBoolean()) {
                array.add(hostile(random));
            } else {
                array.set(random.nextInt(array.size()), hostile(random));
            }
        }
        return tree;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                collect(children.next(), containers);
            }
        }
    }

    /** A value meant to hurt: huge, tiny, negative, exponent, deep, long, of the wrong type, or oddly written. */
    private static JsonNode hostile(Random random) {
        return switch (random.nextInt(24)) {
            case 0 -> NODES.numberNode(new java.math.BigDecimal("1e1000"));
            case 1 -> NODES.numberNode(new java.math.BigDecimal("-1e999999999"));
            case 2 -> NODES.numberNode(new java.math.BigDecimal("1e-999999999"));
            case 3 -> NODES.numberNode(new java.math.BigDecimal("1000000000.01"));
            case 4 -> NODES.numberNode(random.nextLong());
            case 5 -> NODES.numberNode(-random.nextInt(1000));
            case 6 -> NODES.numberNode(random.nextDouble() * 100);
            case 7 -> NODES.numberNode(0);
            case 8 -> NODES.textNode("1e100000000");
            case 9 -> NODES.textNode("x".repeat(random.nextInt(5000)));
            case 10 -> NODES.textNode(pick(random, "2026-12-01", "2026-02-30", "+999999999-12-31", "-0001-01-01",
                    "2099-12-31", "2101-01-01", "1999-12-31", "2026-W53", "2026-W00"));
            case 11 -> NODES.textNode(pick(random, "TEA-001", "dtc-webstore", "amazon-us", "wholesale", "tea",
                    "coupon", "meta-prospecting", "google-shopping", "amazon-sp", "holdout", "PENDING"));
            case 12 -> NODES.textNode(randomText(random, random.nextInt(60)));
            case 13 -> NODES.nullNode();
            case 14 -> NODES.booleanNode(random.nextBoolean());
            case 15 -> NODES.arrayNode();
            case 16 -> NODES.objectNode();
            case 17 -> {
                ArrayNode many = NODES.arrayNode();
                int n = random.nextInt(3000);
                for (int i = 0; i < n; i++) {
                    many.add("TEA-001");
                }
                yield many;
            }
            case 18 -> {
                JsonNode deep = NODES.objectNode();
                for (int i = 0; i < 10 + random.nextInt(100); i++) {
                    ObjectNode outer = NODES.objectNode();
                    outer.set("a", deep);
                    deep = outer;
                }
                yield deep;
            }
            case 19 -> NODES.numberNode(new java.math.BigInteger("9".repeat(1 + random.nextInt(99))));
            case 20 -> NODES.textNode("\u0000\u202e\ud83d\ude00" + "'; drop table proposals; --");
            case 21 -> NODES.numberNode(new java.math.BigDecimal("0.000000001"));
            case 22 -> NODES.textNode(" " + random.nextInt(100) + " ");
            default -> NODES.numberNode(random.nextInt(100_000));
        };
    }

    private static String insertCell(String csv, Random random) {
        List<String> lines = new ArrayList<>(csv.lines().toList());
        if (lines.size() < 2) {
            return csv;
        }
        int row = 1 + random.nextInt(lines.size() - 1);
        String[] cells = lines.get(row).split(",", -1);
        cells[random.nextInt(cells.length)] = pick(random, "1e1000", "-5", "", "x".repeat(300), "2026-02-30", "\"",
                "0", "1000000000.01", "NaN", "=cmd|' /C calc'!A0", "TEA-001");
        lines.set(row, String.join(",", cells));
        return String.join("\n", lines) + "\n";
    }

    private static TestServer.Answer send(Route route, String path, String body, Role role) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.governor().port() + path));
        } catch (IllegalArgumentException notAUri) {
            request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.governor().port() + "/api/x"));
        }
        request.header("Authorization", "Bearer " + (role == null ? "gov_nobody" : server.token(role)));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", route.contentType())
                    .method(route.method(), HttpRequest.BodyPublishers.ofString(body));
        }
        return server.send(request.build());
    }

    /** How many rows each table holds, and how many requests are decided and users revoked: one query, one connection. */
    private static Map<String, Long> counts() {
        List<String> queries = new ArrayList<>();
        TABLES.forEach(table -> queries.add("(select count(*) from " + table + ")"));
        queries.add("(select count(*) from approval_requests where status <> 'PENDING')");
        queries.add("(select count(*) from users where revoked_at is not null)");
        Map<String, Long> counts = new LinkedHashMap<>();
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + server.folder().resolve("governor.db"));
             var rows = connection.createStatement().executeQuery("select " + String.join(", ", queries))) {
            rows.next();
            for (int i = 0; i < queries.size(); i++) {
                counts.put(i < TABLES.size() ? TABLES.get(i) : i == TABLES.size() ? "decided" : "revoked",
                        rows.getLong(i + 1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    /** A kept sample, dated as the guides' curls date it: YYYY is the year after the server's today. */
    private static String sample(String name) {
        try {
            return Files.readString(Path.of("samples").resolve(name)).replace("YYYY", "2027");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(random.nextInt(4) == 0 ? 0x20 + random.nextInt(0x2fff) : 0x20 + random.nextInt(0x5e));
        }
        return text.toString();
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }

    /** The value encoded for a URL, quoted for use as a regex replacement. */
    private static String quoted(String value) {
        return java.util.regex.Matcher.quoteReplacement(encode(value));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%252F", "%2F");
    }

    private static String cut(String text) {
        return text == null ? "no body" : text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
