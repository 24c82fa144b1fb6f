package dev.governor.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.governor.TestServer;
import dev.governor.auth.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.threeten.extra.MutableClock;

/**
 * Budget shifts over real HTTP on the shipped tables: recorded and answered with the lines' figures,
 * the week's flex, the full cross-engine approval, who may ask, bad input, and the flex race. Each test
 * works in its own week, so their flex does not mix.
 */
class BudgetApiTest {

    static final MutableClock CLOCK = MutableClock.of(Instant.parse("2026-11-22T15:00:00Z"), ZoneOffset.UTC);

    @RegisterExtension
    static final TestServer server = new TestServer().withClock(CLOCK);

    static String shift(String week, String from, String to, String amount, String roas, String evidence) {
        return """
                {"week": "%s", "fromLine": "%s", "toLine": "%s", "amount": %s, "marginalRoas": %s%s}
                """.formatted(week, from, to, amount, roas, evidence == null ? ""
                : ", \"evidence\": {\"kind\": \"" + evidence + "\", \"reference\": \"GEO-2026-11\", \"measuredLiftPercent\": 12}");
    }

    /** In a week of its own: 5,000 then 0.01 without evidence is one move of 5,000.01; withdrawing the second frees it. */
    @Test
    void aMoveWithoutEvidenceCannotBeSplitToStayUnderTheThreshold() {
        var first = server.post("/api/budget-shifts", Role.DTC_LEAD, shift("2027-W09", "meta-prospecting",
                "google-shopping", "5000", "3.1", null));
        assertThat(first.json().get("verdict").asText()).as(first.body()).isEqualTo("APPROVED");
        var second = server.post("/api/budget-shifts", Role.DTC_LEAD, shift("2027-W09", "meta-retargeting",
                "google-shopping", "0.01", "3.1", null));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.json().get("verdict").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(second.body()).contains("BUDGET_NO_EVIDENCE", "to 5000.01");
        long request = second.json().get("approvalRequest").asLong();
        assertThat(server.post("/api/approvals/" + request + "/withdraw", Role.DTC_LEAD, "{}").status()).isEqualTo(200);
        var withEvidence = server.post("/api/budget-shifts", Role.DTC_LEAD, shift("2027-W09", "meta-retargeting",
                "google-shopping", "0.01", "3.1", "geo"));
        assertThat(withEvidence.body()).doesNotContain("BUDGET_NO_EVIDENCE");
        assertThat(server.get("/api/audit/verify", Role.REVENUE_OPS).json().get("ok").asBoolean()).isTrue();
    }

    private static JsonNode line(JsonNode week, String code) {
        return StreamSupport.stream(week.get("lines").spliterator(), false)
                .filter(line -> line.get("line").asText().equals(code)).findFirst().orElseThrow();
    }

    private static List<String> codes(JsonNode shift) {
        return StreamSupport.stream(shift.get("findings").spliterator(), false).map(f -> f.get("code").asText()).toList();
    }

    @Test
    void theDtcLeadMovesBudgetWithinDtcAndTheWeekShowsIt() {
        TestServer.Answer answer = server.post("/api/budget-shifts", Role.DTC_LEAD,
                shift("2026-W49", "meta-prospecting", "google-shopping", "5000", "3.1", "geo"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode shift = answer.json();
        assertThat(shift.get("verdict").asText()).isEqualTo("APPROVED");
        assertThat(shift.get("status").asText()).isEqualTo("APPROVED");
        assertThat(shift.get("findings")).isEmpty();
        assertThat(shift.get("requestedBy").asText()).isEqualTo("test-dtc_lead");
        assertThat(shift.get("rulesetVersion").asText()).isNotBlank();
        assertThat(shift.get("evidence").get("kind").asText()).isEqualTo("geo");
        assertThat(shift.get("evidence").get("measuredLiftPercent").decimalValue()).isEqualByComparingTo("12");
        assertThat(shift.get("lines").get("source").get("remaining").decimalValue()).isEqualByComparingTo("7500");
        assertThat(shift.get("lines").get("destination").get("breakEvenRoas").decimalValue()).isEqualByComparingTo("2.40");
        assertThat(shift.path("approvalRequest").isMissingNode() || shift.get("approvalRequest").isNull()).isTrue();
        long id = shift.get("id").asLong();

        JsonNode week = server.get("/api/budget/weeks/2026-W49", Role.REVENUE_OPS).json();
        JsonNode source = line(week, "meta-prospecting");
        assertThat(source.get("plan").decimalValue()).isEqualByComparingTo("50000");
        assertThat(source.get("fixed").decimalValue()).isEqualByComparingTo("42500");
        assertThat(source.get("flex").decimalValue()).isEqualByComparingTo("7500");
        assertThat(source.get("movedOut").decimalValue()).isEqualByComparingTo("5000");
        assertThat(source.get("remaining").decimalValue()).isEqualByComparingTo("2500");
        assertThat(source.get("shiftCount").asInt()).isEqualTo(1);
        assertThat(source.get("shifts").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(source.get("shifts").get(0).get("direction").asText()).isEqualTo("out");
        JsonNode destination = line(week, "google-shopping");
        assertThat(destination.get("movedIn").decimalValue()).isEqualByComparingTo("5000");
        assertThat(destination.get("remaining").decimalValue()).isEqualByComparingTo("35000");
        assertThat(destination.get("shifts").get(0).get("direction").asText()).isEqualTo("in");
        assertThat(week.get("totals").get("moved").decimalValue()).isEqualByComparingTo("5000");

        assertThat(server.get("/api/budget-shifts/" + id, Role.FINANCE).json().get("lines"))
                .isEqualTo(shift.get("lines"));
        JsonNode listed = server.get("/api/budget-shifts?week=2026-W49&line=google-shopping", Role.GM).json();
        assertThat(listed.get("items").get(0).get("id").asLong()).isEqualTo(id);

        // the next 5,000 out of meta-prospecting is more than the 2,500 left: blocked, recorded, flex untouched
        JsonNode blocked = server.post("/api/budget-shifts", Role.DTC_LEAD,
                shift("2026-W49", "meta-prospecting", "google-shopping", "5000", "3.1", "geo")).json();
        assertThat(blocked.get("verdict").asText()).isEqualTo("REJECTED");
        assertThat(codes(blocked)).containsExactly("BUDGET_FIXED_PORTION");
        assertThat(blocked.get("findings").get(0).get("source").get("sheet").asText()).isEqualTo("Lines");
        assertThat(line(server.get("/api/budget/weeks/2026-W49", Role.GM).json(), "meta-prospecting")
                .get("remaining").decimalValue()).isEqualByComparingTo("2500");
    }

    @Test
    void aCrossEngineShiftWithoutEvidenceWaitsForTheGmAndMovesOnceApproved() {
        TestServer.Answer answer = server.post("/api/budget-shifts", Role.MARKETPLACE_LEAD,
                shift("2026-W50", "google-shopping", "amazon-sp", "20000", "3.6", null));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode shift = answer.json();
        assertThat(shift.get("verdict").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(codes(shift)).containsExactlyInAnyOrder("BUDGET_CROSS_ENGINE", "BUDGET_NO_EVIDENCE");
        long id = shift.get("id").asLong();
        long request = shift.get("approvalRequest").asLong();

        // the pending shift holds its amount: google-shopping's 30,000 of flex has 10,000 left to give
        JsonNode held = line(server.get("/api/budget/weeks/2026-W50", Role.DTC_LEAD).json(), "google-shopping");
        assertThat(held.get("heldOut").decimalValue()).isEqualByComparingTo("20000");
        assertThat(held.get("remaining").decimalValue()).isEqualByComparingTo("10000");

        JsonNode queued = server.get("/api/approvals/" + request, Role.GM).json();
        assertThat(queued.get("decisionType").asText()).isEqualTo("BUDGET_SHIFT_CROSS_ENGINE");
        assertThat(queued.get("budgetShift").get("id").asLong()).isEqualTo(id);
        assertThat(queued.get("route").get("accountable").toString()).contains("gm");
        assertThat(queued.get("route").get("consulted").toString()).contains("finance");
        assertThat(queued.get("route").get("informed").toString()).contains("dtc_lead").contains("marketplace_lead");
        assertThat(queued.get("actions").toString()).contains("approve");

        assertThat(server.post("/api/approvals/" + request + "/approve", Role.MARKETPLACE_LEAD, "{}").status())
                .isEqualTo(403);
        assertThat(server.post("/api/approvals/" + request + "/approve", Role.DTC_LEAD, "{}").status()).isEqualTo(403);
        assertThat(server.post("/api/approvals/" + request + "/comments", Role.FINANCE,
                "{\"comment\": \"Amazon SP ROAS held at 3.6 for four weeks\"}").status()).isEqualTo(201);
        TestServer.Answer approved = server.post("/api/approvals/" + request + "/approve", Role.GM,
                "{\"comment\": \"BFCM follow-through\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("APPROVED");

        assertThat(server.get("/api/budget-shifts/" + id, Role.GM).json().get("status").asText()).isEqualTo("APPROVED");
        JsonNode week = server.get("/api/budget/weeks/2026-W50", Role.GM).json();
        JsonNode source = line(week, "google-shopping");
        assertThat(source.get("movedOut").decimalValue()).isEqualByComparingTo("20000");
        assertThat(source.get("heldOut").decimalValue()).isEqualByComparingTo("0");
        assertThat(source.get("remaining").decimalValue()).isEqualByComparingTo("10000");
        assertThat(line(week, "amazon-sp").get("movedIn").decimalValue()).isEqualByComparingTo("20000");
        assertThat(week.get("totals").get("movedAcrossEngines").decimalValue()).isEqualByComparingTo("20000");
        assertThat(server.get("/api/feed", Role.DTC_LEAD).body()).contains("\"subjectType\":\"BUDGET_SHIFT\"");
        JsonNode history = server.get("/api/budget-shifts/" + id + "/history", Role.REVENUE_OPS).json();
        assertThat(StreamSupport.stream(history.get("events").spliterator(), false).map(e -> e.get("event").asText()))
                .containsExactly("submitted", "evaluated", "commented", "evaluated", "approved");
        assertThat(history.get("events").get(4).get("actor").asText()).isEqualTo("test-gm");
        assertThat(history.get("events").get(4).get("detail").get("moved").toString()).isEqualTo("20000.00");
        TestServer.assertPlainNumbers(history, "the shift's history");
        JsonNode verified = server.get("/api/audit/verify", Role.GM).json();
        assertThat(verified.toString()).contains("\"ok\":true");
    }

    @Test
    void withdrawingAPendingShiftReleasesWhatItHeld() {
        JsonNode shift = server.post("/api/budget-shifts", Role.DTC_LEAD,
                shift("2026-W52", "google-shopping", "meta-prospecting", "24000.01", "3", "holdout")).json();
        assertThat(codes(shift)).containsExactly("BUDGET_SHIFT_TOO_LARGE");
        assertThat(line(server.get("/api/budget/weeks/2026-W52", Role.GM).json(), "google-shopping")
                .get("heldOut").decimalValue()).isEqualByComparingTo("24000.01");
        long request = shift.get("approvalRequest").asLong();
        assertThat(server.post("/api/approvals/" + request + "/withdraw", Role.DTC_LEAD, "{}").status()).isEqualTo(200);
        assertThat(server.get("/api/budget-shifts/" + shift.get("id").asLong(), Role.GM).json().get("status").asText())
                .isEqualTo("WITHDRAWN");
        assertThat(line(server.get("/api/budget/weeks/2026-W52", Role.GM).json(), "google-shopping")
                .get("remaining").decimalValue()).isEqualByComparingTo("30000");
    }

    @Test
    void aPendingShiftExpiresWhenItsWeekEnds() {
        Instant before = CLOCK.instant();
        try {
            CLOCK.setInstant(Instant.parse("2026-11-27T10:00:00Z"));
            JsonNode shift = server.post("/api/budget-shifts", Role.DTC_LEAD,
                    shift("2026-W48", "google-shopping", "meta-prospecting", "6000", "3", null)).json();
            assertThat(codes(shift)).containsExactly("BUDGET_NO_EVIDENCE");
            long request = shift.get("approvalRequest").asLong();
            // the RACI row gives 7 days; the week ends sooner, on Sunday 29 November at 24:00 UTC
            assertThat(server.get("/api/approvals/" + request, Role.GM).json().get("expiresAt").asText())
                    .isEqualTo("2026-11-30T00:00:00Z");
            CLOCK.setInstant(Instant.parse("2026-11-30T09:00:00Z"));
            TestServer.Answer late = server.post("/api/approvals/" + request + "/approve", Role.GM, "{}");
            assertThat(late.status()).as(late.body()).isEqualTo(409);
            assertThat(late.json().get("code").asText()).isEqualTo("approval_expired");
            assertThat(server.get("/api/budget-shifts/" + shift.get("id").asLong(), Role.GM).json().get("status").asText())
                    .isEqualTo("EXPIRED");
        } finally {
            CLOCK.setInstant(before);
        }
    }

    /** Finance retires meta-prospecting from the Lines sheet while shifts into it are recorded: none drops out of sight. */
    @Test
    void shiftsOnALineTheTablesNoLongerPlanStayInSight() {
        String week = "2027-W02";
        JsonNode approved = server.post("/api/budget-shifts", Role.DTC_LEAD,
                shift(week, "google-shopping", "meta-prospecting", "100", "3", null)).json();
        assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
        JsonNode pending = server.post("/api/budget-shifts", Role.DTC_LEAD,
                shift(week, "google-shopping", "meta-prospecting", "3000", "3", null)).json();
        assertThat(codes(pending)).containsExactly("BUDGET_NO_EVIDENCE");
        var retired = dev.governor.RulesetVariants.withEdited("decision-tables/budget/budget.drl.xlsx",
                sheet -> sheet.getRow(12).getCell(3).setCellValue("meta-prospecting-retired"));
        var shipped = server.governor().rulesets().activate(retired);
        try {
            JsonNode view = server.get("/api/budget/weeks/" + week, Role.GM).json();
            assertThat(view.get("lines").toString()).doesNotContain("\"line\":\"meta-prospecting\"");
            assertThat(view.get("shiftsOnUnplannedLines")).hasSize(2);
            assertThat(view.get("shiftsOnUnplannedLines").get(0).get("id").asLong()).isEqualTo(approved.get("id").asLong());
            assertThat(line(view, "google-shopping").get("movedOut").decimalValue()).isEqualByComparingTo("100");
            TestServer.Answer refused = server.post("/api/approvals/" + pending.get("approvalRequest").asLong()
                    + "/approve", Role.GM, "{}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.json().get("code").asText()).isEqualTo("recheck_failed");
            assertThat(refused.json().get("detail").asText()).contains("no longer plan meta-prospecting in " + week);
        } finally {
            server.governor().rulesets().activate(shipped);
            retired.close();
        }
    }

    @Test
    void theWeekListsTheLatestFiftyShiftsBehindALineAndCountsThemAll() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            ids.add(server.post("/api/budget-shifts", Role.DTC_LEAD,
                    shift("2027-W05", "meta-prospecting", "google-shopping", "1", "3.1", null)).json().get("id").asLong());
        }
        JsonNode source = line(server.get("/api/budget/weeks/2027-W05", Role.GM).json(), "meta-prospecting");
        assertThat(source.get("shiftCount").asInt()).isEqualTo(55);
        assertThat(source.get("shifts")).hasSize(BudgetRecords.SHIFTS_PER_LINE);
        assertThat(source.get("shifts").get(0).get("id").asLong()).isEqualTo(ids.get(5));
        assertThat(source.get("movedOut").decimalValue()).isEqualByComparingTo("55");
        assertThat(server.get("/api/budget-shifts?week=2027-W05&line=meta-prospecting&size=100", Role.GM).json()
                .get("total").asLong()).isEqualTo(55);
    }

    @Test
    void onlyTheLeadsOfTheLinesEnginesMayMoveTheirBudget() {
        long before = server.count("select count(*) from budget_shifts");
        String dtcShift = shift("2026-W49", "meta-retargeting", "google-shopping", "100", "3.1", null);
        assertThat(server.post("/api/budget-shifts", Role.MARKETPLACE_LEAD, dtcShift).status()).isEqualTo(403);
        assertThat(server.post("/api/budget-shifts", Role.GM, dtcShift).status()).isEqualTo(403);
        assertThat(server.post("/api/budget-shifts", Role.OPERATIONS, dtcShift).status()).isEqualTo(403);
        TestServer.Answer marketplace = server.post("/api/budget-shifts", Role.DTC_LEAD,
                shift("2026-W49", "amazon-sb", "amazon-sp", "100", "3.5", null));
        assertThat(marketplace.status()).isEqualTo(403);
        assertThat(marketplace.contentType()).startsWith("application/problem+json");
        assertThat(server.post("/api/budget-shifts", null, dtcShift).status()).isEqualTo(401);
        assertThat(server.get("/api/budget/weeks/2026-W49", Role.ADMIN).status()).isEqualTo(403);
        assertThat(server.count("select count(*) from budget_shifts")).isEqualTo(before);
        // across engines either lead is Responsible
        assertThat(server.post("/api/budget-shifts", Role.DTC_LEAD,
                shift("2026-W49", "amazon-dsp", "meta-retargeting", "100", "3", null)).status()).isEqualTo(201);
    }

    @Test
    void badInputIsRefusedFieldByFieldAndNothingIsRecorded() {
        long before = server.count("select count(*) from budget_shifts");
        record Case(String body, String field, String code) {
        }
        List<Case> cases = List.of(
                new Case(shift("2026-W49", "tiktok", "google-shopping", "100", "3", null), "fromLine", "unknown_line"),
                new Case(shift("2026-W49", "google-shopping", "nowhere", "100", "3", null), "toLine", "unknown_line"),
                new Case(shift("2026-W49", "google-shopping", "google-shopping", "100", "3", null), "toLine", "same_line"),
                new Case(shift("2026-W49", "meta-prospecting", "google-shopping", "0", "3", null), "amount", "out_of_range"),
                new Case(shift("2026-W49", "meta-prospecting", "google-shopping", "-5", "3", null), "amount", "out_of_range"),
                new Case(shift("2026-W49", "meta-prospecting", "google-shopping", "10.001", "3", null), "amount",
                        "too_many_decimals"),
                new Case(shift("2026-49", "meta-prospecting", "google-shopping", "100", "3", null), "week", "invalid_week"),
                new Case(shift("2026-W54", "meta-prospecting", "google-shopping", "100", "3", null), "week", "invalid_week"),
                new Case(shift("2026-W40", "meta-prospecting", "google-shopping", "100", "3", null), "week", "week_over"),
                new Case(shift("2026-W49", "meta-prospecting", "google-shopping", "100", "-0.5", null), "marginalRoas",
                        "out_of_range"),
                new Case(shift("2026-W49", "meta-prospecting", "google-shopping", "\"lots\"", "3", null), "amount",
                        "invalid_number"),
                new Case(shift("2026-W49", "meta-prospecting", "google-shopping", "100", "3", "survey"), "evidence.kind",
                        "invalid_value"),
                new Case("{\"week\": \"2026-W49\"}", "fromLine", "missing_field"));
        for (Case bad : cases) {
            TestServer.Answer answer = server.post("/api/budget-shifts", Role.DTC_LEAD, bad.body());
            assertThat(answer.status()).as(bad.body() + " → " + answer.body()).isEqualTo(422);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("errors").toString()).as(bad.body())
                    .contains("\"field\":\"" + bad.field() + "\"").contains("\"code\":\"" + bad.code() + "\"");
        }
        TestServer.Answer malformed = server.post("/api/budget-shifts", Role.DTC_LEAD, "{\"week\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asText()).isEqualTo("malformed_json");
        assertThat(server.get("/api/budget/weeks/2026-W60", Role.GM).status()).isEqualTo(422);
        assertThat(server.get("/api/budget-shifts/999999", Role.GM).status()).isEqualTo(404);
        assertThat(server.get("/api/budget-shifts?status=DONE", Role.GM).status()).isEqualTo(422);
        assertThat(server.get("/api/budget-shifts?week=W49", Role.GM).status()).isEqualTo(422);
        assertThat(server.count("select count(*) from budget_shifts")).isEqualTo(before);
    }

    /**
     * Eight leads ask at the same instant to move 5,000 out of meta-prospecting, which has 7,500 of flex:
     * exactly one gets it; the others are told the flex is gone; the recorded shifts never overspend.
     */
    @Test
    void concurrentRequestsNeverSpendTheSameFlexTwice() throws Exception {
        int requests = 8;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            tokens.add(server.user("racing-dtc-lead-" + i, Role.DTC_LEAD));
        }
        String body = shift("2026-W51", "meta-prospecting", "meta-retargeting", "5000", "3", "holdout");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<TestServer.Answer>> answers = new ArrayList<>();
            for (String token : tokens) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return server.postAs(token, "/api/budget-shifts", body);
                }));
            }
            start.countDown();
            int approved = 0;
            int blocked = 0;
            for (Future<TestServer.Answer> future : answers) {
                JsonNode shift = future.get(Duration.ofSeconds(30).toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                        .json();
                if (shift.get("verdict").asText().equals("APPROVED")) {
                    approved++;
                } else {
                    assertThat(codes(shift)).containsExactly("BUDGET_FIXED_PORTION");
                    blocked++;
                }
            }
            assertThat(approved).isEqualTo(1);
            assertThat(blocked).isEqualTo(requests - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.count("select sum(amount_cents) from budget_shifts where week = '2026-W51' "
                + "and from_line = 'meta-prospecting' and status in ('APPROVED', 'PENDING_APPROVAL')")).isEqualTo(500000);
        assertThat(line(server.get("/api/budget/weeks/2026-W51", Role.GM).json(), "meta-prospecting")
                .get("remaining").decimalValue()).isEqualByComparingTo("2500");
    }
}
