package dev.governor.tools;

import dev.governor.ruleset.ExampleCases;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * ShippedWorkbooks writes the decision tables Governor ships with, in Drools' spreadsheet format.
 * It bootstraps the workbooks once; after that finance owns them and edits them in Excel or
 * LibreOffice, so running it again overwrites their edits.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.governor.tools.ShippedWorkbooks}
 */
public final class ShippedWorkbooks {

    private static final String IMPORTS = "dev.governor.guardrail.*";

    record Column(String keyword, String objectType, String snippet, String header, String guide) {
    }

    record Table(String name, String guide, List<Column> columns, List<Object[]> rows) {
    }

    static Column condition(String objectType, String field, String header, String guide) {
        return new Column("CONDITION", objectType, field + " == \"$param\"", header, guide);
    }

    static Column value(String key, String header, String guide) {
        return new Column("METADATA", "", key + "(\"$param\")", header, guide);
    }

    static Column severity(String insert, String header, String guide) {
        return new Column("ACTION", "", "insert(" + insert + ");", header, guide);
    }

    static Object[] row(Object... cells) {
        return cells;
    }

    static BigDecimal n(String number) {
        return new BigDecimal(number);
    }

    private static final String SEVERITY_GUIDE = "How hard the finding speaks: BLOCK, NEEDS_APPROVAL, WARN or INFO";

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        writeMap(root.resolve("decision-tables/pricing/map.drl.xlsx"));
        writeMargin(root.resolve("decision-tables/pricing/margin.drl.xlsx"));
        writePricePolicy(root.resolve("decision-tables/pricing/price-policy.drl.xlsx"));
        writePromoCalendar(root.resolve("decision-tables/promo/promo-calendar.drl.xlsx"));
        writePromoLimits(root.resolve("decision-tables/promo/promo-limits.drl.xlsx"));
        writeRaci(root.resolve("decision-tables/approvals/raci.drl.xlsx"), shippedRaciRows());
        writeAllocation(root.resolve("decision-tables/allocation/allocation.drl.xlsx"));
        writeBudget(root.resolve("decision-tables/budget/budget.drl.xlsx"));
    }

    static void writeMap(Path file) throws IOException {
        writeMap(file, 0);
    }

    /** The MAP workbook, with {@code generatedSkuRows} more SKU rows (GEN-00001, …) for compile benchmarks. */
    public static void writeMap(Path file, int generatedSkuRows) throws IOException {
        String offer = "$o : Offer";
        List<Object[]> skuRows = new java.util.ArrayList<>(List.of(row("TEA-001", n("17.99"), "BLOCK"),
                row("COF-001", n("16.99"), "BLOCK"),
                row("GFT-004", n("39.99"), "BLOCK")));
        for (int i = 1; i <= generatedSkuRows; i++) {
            skuRows.add(row(String.format("GEN-%05d", i), n("9.99").add(BigDecimal.valueOf(i % 500, 2)), "BLOCK"));
        }
        var bySku = new Table("MapBySku",
                "MAP for one SKU. A SKU row beats a category row, which beats a brand row.",
                List.of(condition(offer, "sku", "SKU", "Product code as in the catalog"),
                        value("map", "MAP", "Minimum advertised price, net of tax, in the channel currency"),
                        severity("MapLimit.from($o, 3, TableRow.of(drools), Severity.$param)", "Severity", SEVERITY_GUIDE)),
                skuRows);
        var byCategory = new Table("MapByCategory",
                "MAP for every SKU of a category, unless a SKU row sets its own.",
                List.of(condition(offer, "category", "Category", "Category as in the catalog"),
                        value("map", "MAP", "Minimum advertised price, net of tax, in the channel currency"),
                        severity("MapLimit.from($o, 2, TableRow.of(drools), Severity.$param)", "Severity", SEVERITY_GUIDE)),
                List.of(row("tea", n("12.99"), "BLOCK"),
                        row("coffee", n("11.99"), "BLOCK"),
                        row("gift-sets", n("27.99"), "BLOCK")));
        var byBrand = new Table("MapByBrand",
                "MAP for every SKU of a brand, unless a category or SKU row sets its own.",
                List.of(condition(offer, "brand", "Brand", "Brand as in the catalog"),
                        value("map", "MAP", "Minimum advertised price, net of tax, in the channel currency"),
                        severity("MapLimit.from($o, 1, TableRow.of(drools), Severity.$param)", "Severity", SEVERITY_GUIDE)),
                List.of(row("Leafy", n("9.99"), "BLOCK"),
                        row("Brewhaus", n("9.99"), "BLOCK"),
                        row("Cocoa Lane", n("7.99"), "BLOCK")));
        write(file, "governor.tables.map", List.of(sheet("MAP",
                "Minimum advertised prices (MAP). A price or promo price below the MAP that applies is a finding.",
                bySku, byCategory, byBrand)));
    }

    static void writeMargin(Path file) throws IOException {
        String offer = "$o : Offer";
        var byCategoryChannel = new Table("FloorByCategoryChannel",
                "Margin floor for a category on one channel; beats the category-wide floor.",
                List.of(condition(offer, "category", "Category", "Category as in the catalog"),
                        condition(offer, "channel", "Channel", "Channel code, e.g. amazon-us"),
                        value("floorPercent", "Floor (CM %)", "Lowest contribution margin allowed, in % of price"),
                        severity("MarginFloor.from($o, 2, TableRow.of(drools), Severity.$param)", "Severity", SEVERITY_GUIDE)),
                List.of(row("tea", "amazon-us", n("30"), "NEEDS_APPROVAL"),
                        row("tea", "amazon-us-fbm", n("28"), "NEEDS_APPROVAL"),
                        row("coffee", "amazon-us", n("25"), "NEEDS_APPROVAL"),
                        row("tea", "wholesale", n("20"), "NEEDS_APPROVAL"),
                        row("coffee", "wholesale", n("15"), "NEEDS_APPROVAL"),
                        row("gift-sets", "wholesale", n("15"), "NEEDS_APPROVAL")));
        var byCategory = new Table("FloorByCategory",
                "Margin floor for a category on every channel without its own row.",
                List.of(condition(offer, "category", "Category", "Category as in the catalog"),
                        value("floorPercent", "Floor (CM %)", "Lowest contribution margin allowed, in % of price"),
                        severity("MarginFloor.from($o, 1, TableRow.of(drools), Severity.$param)", "Severity", SEVERITY_GUIDE)),
                List.of(row("tea", n("35"), "NEEDS_APPROVAL"),
                        row("coffee", n("30"), "NEEDS_APPROVAL"),
                        row("cocoa", n("30"), "NEEDS_APPROVAL"),
                        row("accessories", n("25"), "NEEDS_APPROVAL"),
                        row("gift-sets", n("25"), "NEEDS_APPROVAL")));
        var negative = new Table("NegativeMargin",
                "What happens when a unit would be sold at a loss (contribution margin below zero).",
                List.of(condition(offer, "engine", "Engine", "DTC, MARKETPLACE or WHOLESALE"),
                        severity("new NegativeMarginPolicy($o, Severity.$param, TableRow.of(drools))", "Severity", SEVERITY_GUIDE)),
                List.of(row("DTC", "BLOCK"), row("MARKETPLACE", "BLOCK"), row("WHOLESALE", "BLOCK")));
        write(file, "governor.tables.margin", List.of(
                sheet("Floors", "Contribution margin floors by category and channel.", byCategoryChannel, byCategory),
                sheet("Negative margin", "Selling at a loss.", negative)));
    }

    static void writePricePolicy(Path file) throws IOException {
        String offer = "$o : Offer";
        var step = new Table("PriceStep",
                "Largest price change against the current price. If several rows match, the strictest applies.",
                List.of(condition(offer, "engine", "Engine", "DTC, MARKETPLACE or WHOLESALE"),
                        value("maxChangePercent", "Max change (%)", "Largest move up or down, in % of the current price"),
                        severity("PriceStepLimit.from($o, TableRow.of(drools), Severity.$param)", "Severity", SEVERITY_GUIDE)),
                List.of(row("DTC", n("15"), "NEEDS_APPROVAL"),
                        row("MARKETPLACE", n("10"), "NEEDS_APPROVAL"),
                        row("WHOLESALE", n("5"), "NEEDS_APPROVAL")));
        var parity = new Table("Parity",
                "Parity between engines. DTC row: how far DTC may undercut marketplace prices (Buy Box risk). "
                        + "MARKETPLACE row: how far a marketplace may undercut DTC.",
                List.of(condition(offer, "engine", "Engine of the proposed price", "DTC or MARKETPLACE"),
                        value("tolerancePercent", "Tolerance (%)", "How far below the other engine's price is still fine, in %"),
                        severity("ParityTolerance.from($o, TableRow.of(drools), Severity.$param)", "Severity", SEVERITY_GUIDE)),
                List.of(row("DTC", n("5"), "WARN"),
                        row("MARKETPLACE", n("10"), "WARN")));
        write(file, "governor.tables.pricepolicy", List.of(
                sheet("Price step", "How far a price may move in one change.", step),
                sheet("Parity", "Price parity between DTC and marketplaces.", parity)));
    }

    static void writePromoCalendar(Path file) throws IOException {
        String terms = "$t : PromoTerms";
        String yearlyGuide = "YES: the same days come back every year, from the year typed on (blank: that year only)";
        var windows = new Table("PromoWindows",
                "Allowed promo windows. A promo must fit inside one window of its engine (or channel).",
                List.of(condition(terms, "engine", "Engine", "DTC, MARKETPLACE or WHOLESALE"),
                        condition(terms, "channel", "Channel", "Optional: only this channel"),
                        value("window", "Window", "Name shown to the leads"),
                        value("start", "Start", "First day, YYYY-MM-DD, channel time zone"),
                        value("end", "End", "Last day (inclusive), YYYY-MM-DD"),
                        value("everyYear", "Every year", yearlyGuide),
                        value("maxDepthPercent", "Max depth (%)", "Deepest discount allowed inside the window"),
                        severity("PromoWindow.from($t, TableRow.of(drools), Severity.$param)", "Too deep: severity", SEVERITY_GUIDE)),
                List.of(row("DTC", "", "Members' week", "2026-09-14", "2026-09-20", "YES", n("20"), "NEEDS_APPROVAL"),
                        row("DTC", "", "Black Friday-Cyber Monday", "2026-11-27", "2026-11-30", "YES", n("30"), "NEEDS_APPROVAL"),
                        row("DTC", "", "Holiday gifting", "2026-12-01", "2026-12-20", "YES", n("20"), "NEEDS_APPROVAL"),
                        row("MARKETPLACE", "", "Prime Day", "2026-07-14", "2026-07-15", "YES", n("35"), "NEEDS_APPROVAL"),
                        row("MARKETPLACE", "", "Prime Big Deal Days", "2026-10-06", "2026-10-07", "YES", n("30"), "NEEDS_APPROVAL"),
                        row("MARKETPLACE", "", "Black Friday-Cyber Monday", "2026-11-20", "2026-11-30", "YES", n("35"), "NEEDS_APPROVAL"),
                        row("MARKETPLACE", "", "Prime Day", "2027-07-13", "2027-07-14", "", n("35"), "NEEDS_APPROVAL"),
                        row("WHOLESALE", "", "Trade show season", "2026-01-05", "2026-03-31", "YES", n("10"), "NEEDS_APPROVAL")));
        var blackouts = new Table("Blackouts",
                "Periods in which no promo may run on an engine (or channel).",
                List.of(condition(terms, "engine", "Engine", "DTC, MARKETPLACE or WHOLESALE"),
                        condition(terms, "channel", "Channel", "Optional: only this channel"),
                        value("blackout", "Blackout", "Name shown to the leads"),
                        value("start", "Start", "First day, YYYY-MM-DD"),
                        value("end", "End", "Last day (inclusive), YYYY-MM-DD"),
                        value("everyYear", "Every year", yearlyGuide),
                        severity("PromoBlackout.from($t, TableRow.of(drools), Severity.$param)", "Severity", SEVERITY_GUIDE)),
                List.of(row("MARKETPLACE", "", "Prime Day reference-price lock", "2026-06-15", "2026-07-13", "YES", "BLOCK"),
                        row("MARKETPLACE", "", "BFCM reference-price lock", "2026-10-23", "2026-11-19", "YES", "BLOCK"),
                        row("DTC", "", "Holiday full-price week", "2026-12-21", "2026-12-27", "YES", "BLOCK")));
        var launch = new Table("LaunchBlackout",
                "No promo in the first days after a SKU's launch date (0 = no launch blackout).",
                List.of(condition(terms, "engine", "Engine", "DTC, MARKETPLACE or WHOLESALE"),
                        value("daysAfterLaunch", "Days after launch", "Number of days, counting the launch day"),
                        severity("LaunchBlackout.from($t, TableRow.of(drools), Severity.$param)", "Severity", SEVERITY_GUIDE)),
                List.of(row("DTC", 14, "BLOCK"),
                        row("MARKETPLACE", 30, "BLOCK"),
                        row("WHOLESALE", 0, "BLOCK")));
        write(file, "governor.tables.promocalendar", List.of(
                sheet("Windows", "When promos may run.", windows),
                sheet("Blackouts", "When promos may not run.", blackouts, launch)));
    }

    static void writePromoLimits(Path file) throws IOException {
        String terms = "$t : PromoTerms";
        var depth = new Table("PromoDepth",
                "Deepest discount outside promo windows. If several rows match, the strictest applies.",
                List.of(condition(terms, "engine", "Engine", "DTC, MARKETPLACE or WHOLESALE"),
                        condition(terms, "category", "Category", "Optional: only this category"),
                        value("maxDepthPercent", "Max depth (%)", "Deepest discount allowed"),
                        severity("PromoDepthLimit.from($t, TableRow.of(drools), Severity.$param)", "Severity", SEVERITY_GUIDE)),
                List.of(row("DTC", "", n("20"), "NEEDS_APPROVAL"),
                        row("DTC", "gift-sets", n("15"), "NEEDS_APPROVAL"),
                        row("MARKETPLACE", "", n("20"), "NEEDS_APPROVAL"),
                        row("WHOLESALE", "", n("10"), "NEEDS_APPROVAL")));
        var policy = new Table("PromoPolicy",
                "Per engine: promos off-calendar, stacking, how often a SKU may be on promo, and depth gaps between engines.",
                List.of(condition(terms, "engine", "Engine", "DTC, MARKETPLACE or WHOLESALE"),
                        severity("new OutsideWindowPolicy($t, Severity.$param, TableRow.of(drools))", "Outside windows: severity",
                                "A promo not inside any window of the Windows sheet"),
                        severity("new StackingPolicy($t, Severity.$param, TableRow.of(drools))", "Stacking: severity",
                                "A promo overlapping an approved promo on the same SKU and channel"),
                        value("maxPromoDays", "Max promo days per 90", "Most days a SKU may be on promo on a channel in any 90 days"),
                        severity("FrequencyLimit.from($t, TableRow.of(drools), Severity.$param)", "Frequency: severity", SEVERITY_GUIDE),
                        value("conflictTolerancePoints", "Conflict tolerance (points)",
                                "Largest depth gap, in percentage points, with an overlapping promo on the other engine"),
                        severity("ChannelConflictTolerance.from($t, TableRow.of(drools), Severity.$param)", "Conflict: severity",
                                SEVERITY_GUIDE)),
                List.of(row("DTC", "NEEDS_APPROVAL", "BLOCK", 30, "NEEDS_APPROVAL", n("10"), "WARN"),
                        row("MARKETPLACE", "NEEDS_APPROVAL", "BLOCK", 35, "NEEDS_APPROVAL", n("10"), "WARN"),
                        row("WHOLESALE", "NEEDS_APPROVAL", "BLOCK", 45, "NEEDS_APPROVAL", n("15"), "WARN")));
        write(file, "governor.tables.promolimits", List.of(
                sheet("Depth", "How deep promos may go.", depth),
                sheet("Policy", "Promo policy per engine.", policy)));
    }

    static void writeAllocation(Path file) throws IOException {
        String supply = "$s : SupplySituation";
        var bands = new Table("Bands",
                "How tight supply is: units available ÷ units the channels still need over the horizon (forecast "
                        + "less stock on hand). The FIRST row from the top that matches decides the band.",
                List.of(new Column("CONDITION", supply, "tightness >= $param", "Tightness at least",
                                "Optional: lowest tightness in the band, e.g. 0.5 (inclusive)"),
                        new Column("CONDITION", supply, "tightness < $param", "Tightness below",
                                "Optional: the band ends below this tightness (exclusive)"),
                        value("band", "Band", "Name the Priorities sheet uses, e.g. CRITICAL"),
                        severity("SupplyBand.from($s, TableRow.of(drools), Severity.$param)", "Override: severity",
                                "How hard a request that overrides the computed split speaks")),
                List.of(row(0, n("0.5"), "CRITICAL", "NEEDS_APPROVAL"),
                        row(n("0.5"), n("0.8"), "TIGHT", "NEEDS_APPROVAL"),
                        row(n("0.8"), 1, "SHORT", "NEEDS_APPROVAL"),
                        row(1, "", "AMPLE", "NEEDS_APPROVAL")));
        String channel = "$c : ChannelSituation";
        var priorities = new Table("Priorities",
                "How each channel is treated. The FIRST row from the top that matches a channel decides: put "
                        + "specific rows (a channel, a band, hero or launch SKUs) above the general row of their engine.",
                List.of(condition(channel, "engine", "Engine", "DTC, MARKETPLACE or WHOLESALE"),
                        condition(channel, "channel", "Channel", "Optional: only this channel, e.g. amazon-us (FBA)"),
                        condition(channel, "band", "Band", "Optional: only in this band of the Bands sheet"),
                        new Column("CONDITION", channel, "hero == YesNo.$param", "Hero SKU",
                                "Optional: YES for hero SKUs only, NO for the others"),
                        new Column("CONDITION", channel, "daysSinceLaunch <= $param", "Launched within (days)",
                                "Optional: only SKUs launched at most this many days before the horizon starts "
                                        + "(or launching later)"),
                        value("tier", "Tier", "1 is served first: commitments, then floors, go tier by tier"),
                        value("floorWeeks", "Floor (weeks of cover)", "Safety floor: weeks of forecast the channel "
                                + "holds (with its stock on hand) before anyone gets units by weight"),
                        value("weight", "Weight", "Share of what is left after floors, relative to the other channels"),
                        value("maxSharePercent", "Max share (%)", "Most of the available units the channel may "
                                + "hold from the weight-based share, in %"),
                        severity("AllocationPolicy.from($c, TableRow.of(drools), Severity.$param)",
                                "Below floor: severity", SEVERITY_GUIDE)),
                List.of(row("DTC", "", "", "", 56, 1, 2, 60, 80, "WARN"),
                        row("MARKETPLACE", "", "", "", 56, 2, 1, 40, 60, "WARN"),
                        row("MARKETPLACE", "amazon-us", "", "YES", "", 1, 3, 60, 70, "WARN"),
                        row("MARKETPLACE", "amazon-us", "CRITICAL", "", "", 1, 2, 50, 70, "WARN"),
                        row("MARKETPLACE", "amazon-us", "", "", "", 1, 2, 50, 70, "WARN"),
                        row("MARKETPLACE", "", "", "", "", 3, n("0.5"), 10, 30, "INFO"),
                        row("DTC", "", "CRITICAL", "", "", 2, 1, 30, 60, "WARN"),
                        row("DTC", "", "", "", "", 2, 1, 40, 70, "WARN"),
                        row("WHOLESALE", "", "CRITICAL", "", "", 4, 0, 0, 0, "INFO"),
                        row("WHOLESALE", "", "", "", "", 4, 0, 10, 25, "INFO")));
        writeWith(file, "governor.tables.allocation", List.of(
                sheet("Bands", "Tightness bands: how short supply is.", bands),
                sheet("Priorities", "Per channel and supply situation: tier, safety floor, weight, max share. "
                        + "Contractual commitments are always filled first.", priorities)),
                (workbook, styles) -> writeExamples(workbook, styles, ALLOCATION_HEADERS, ALLOCATION_EXAMPLES,
                        "Example cases: each row is one SKU allocated with these tables when they are uploaded. An "
                                + "upload whose cases fail cannot be activated.",
                        "Kind: ALLOCATION. Channels: 'channel weekly-forecast [on hand N] [committed N]', separated "
                                + "by semicolons. Expected units: 'channel units', in the same order. Expected "
                                + "findings: the finding codes, comma-separated (blank: none)."));
    }

    static void writeBudget(Path file) throws IOException {
        String week = "$w : BudgetWeek";
        var lines = new Table("Lines",
                "Media budget lines and their weekly plans. The FIRST row from the top that plans a line decides: "
                        + "put a row for some weeks (a sale, a launch) above the line's all-weeks row.",
                List.of(condition(week, "engine", "Engine", "DTC or MARKETPLACE: whose lead runs the line"),
                        new Column("CONDITION", week, "fromWeek(\"$param\")", "From week",
                                "Optional: the row applies from this ISO week on, e.g. 2026-W48"),
                        new Column("CONDITION", week, "toWeek(\"$param\")", "To week",
                                "Optional: the row applies up to and including this ISO week"),
                        value("line", "Line", "Code of the budget line, as leads name it in requests"),
                        value("mediaChannel", "Media channel", "Where the money is spent, e.g. Meta, Google, Amazon Ads"),
                        value("planAmount", "Weekly plan", "Planned spend per week, in USD"),
                        value("fixedPercent", "Fixed (%)", "Share of the plan that cannot move, in %"),
                        value("maxShiftPercent", "Max weekly shift (%)", "Most of the plan that may move out of the "
                                + "line in one week, in %"),
                        value("shiftSeverity", "Shift too large: severity", SEVERITY_GUIDE),
                        value("evidenceAmount", "Evidence above", "A shift into the line above this amount needs "
                                + "a holdout, geo or budget test behind its marginal ROAS"),
                        value("evidenceSeverity", "No evidence: severity", SEVERITY_GUIDE),
                        value("cmPercent", "CM (%)", "Contribution margin of what the line sells, in % of revenue "
                                + "before ad cost: break-even ROAS = 100 ÷ CM %"),
                        value("safetyFactor", "Safety factor", "A shift into the line needs a marginal ROAS of at "
                                + "least break-even ROAS × this factor"),
                        value("breakevenSeverity", "Below break-even: severity", SEVERITY_GUIDE),
                        severity("BudgetLine.from($w, TableRow.of(drools), Severity.$param)",
                                "Beyond flex: severity", "How hard a shift larger than what remains of the "
                                        + "line's flex this week speaks")),
                List.of(row("DTC", "2026-W48", "2026-W49", "meta-retargeting", "Meta", 25000, 80, 20, "NEEDS_APPROVAL",
                                2500, "NEEDS_APPROVAL", 45, n("1.1"), "BLOCK", "BLOCK"),
                        row("DTC", "", "", "meta-prospecting", "Meta", 50000, 85, 20, "NEEDS_APPROVAL",
                                2500, "NEEDS_APPROVAL", 45, n("1.1"), "BLOCK", "BLOCK"),
                        row("DTC", "", "", "meta-retargeting", "Meta", 15000, 80, 20, "NEEDS_APPROVAL",
                                2500, "NEEDS_APPROVAL", 45, n("1.1"), "BLOCK", "BLOCK"),
                        row("DTC", "", "", "google-shopping", "Google", 60000, 50, 40, "NEEDS_APPROVAL",
                                5000, "NEEDS_APPROVAL", n("41.67"), n("1.2"), "BLOCK", "BLOCK"),
                        row("MARKETPLACE", "", "", "amazon-sp", "Amazon Ads", 40000, 50, 25, "NEEDS_APPROVAL",
                                5000, "NEEDS_APPROVAL", 32, n("1.1"), "BLOCK", "BLOCK"),
                        row("MARKETPLACE", "", "", "amazon-sb", "Amazon Ads", 15000, 60, 25, "NEEDS_APPROVAL",
                                5000, "NEEDS_APPROVAL", 32, n("1.1"), "BLOCK", "BLOCK"),
                        row("MARKETPLACE", "", "", "amazon-dsp", "Amazon Ads", 10000, 70, 30, "NEEDS_APPROVAL",
                                2500, "NEEDS_APPROVAL", 30, n("1.3"), "BLOCK", "BLOCK")));
        String planned = "$l : BudgetLine";
        var tacos = new Table("Tacos",
                "TACoS caps of marketplace lines: ad spend ÷ total sales of what the line advertises. "
                        + "The FIRST row for a line decides.",
                List.of(condition(planned, "line", "Line", "Code of a line on the Lines sheet"),
                        value("tacosCapPercent", "TACoS cap (%)", "Highest ad spend ÷ total sales allowed, in %"),
                        value("salesAmount", "Weekly sales", "Total sales (organic and ad-driven) of what the line "
                                + "advertises in a week at plan, in USD"),
                        severity("TacosCap.from($l, TableRow.of(drools), Severity.$param)", "Above cap: severity",
                                SEVERITY_GUIDE)),
                List.of(row("amazon-sp", 12, 500000, "NEEDS_APPROVAL"),
                        row("amazon-sb", 5, 400000, "NEEDS_APPROVAL"),
                        row("amazon-dsp", 4, 400000, "NEEDS_APPROVAL")));
        String crossing = "$c : EngineCrossing";
        var engines = new Table("Engines",
                "Shifts from a line of one engine to a line of another. The FIRST matching row decides.",
                List.of(condition(crossing, "fromEngine", "From engine", "Engine of the line the money leaves"),
                        condition(crossing, "toEngine", "To engine", "Optional: engine of the line the money goes to"),
                        severity("CrossingPolicy.from($c, TableRow.of(drools), Severity.$param)", "Severity",
                                SEVERITY_GUIDE)),
                List.of(row("DTC", "MARKETPLACE", "NEEDS_APPROVAL"),
                        row("MARKETPLACE", "DTC", "NEEDS_APPROVAL")));
        writeWith(file, "governor.tables.budget", List.of(
                sheet("Lines", "Weekly media budget per line: the fixed part stays, the flex part may move "
                        + "to lines that earn more than they cost.", lines),
                sheet("Tacos", "TACoS caps for marketplace lines.", tacos),
                sheet("Engines", "Shifts across engines (DTC and marketplace).", engines)),
                (workbook, styles) -> writeExamples(workbook, styles, BUDGET_HEADERS, BUDGET_EXAMPLES,
                        "Example cases: each row is a budget shift checked against these tables, as if nothing had "
                                + "moved yet in its week, when they are uploaded. An upload whose cases fail cannot be "
                                + "activated.",
                        "Kind: BUDGET. Evidence: holdout, geo or budget_test (blank: none). Expected findings: the "
                                + "finding codes, comma-separated (blank: none)."));
    }

    /** The shipped RACI rows, as in DOMAIN.md: the engine's lead prepares, the GM approves, finance is consulted, operations informed. */
    public static List<Object[]> shippedRaciRows() {
        return List.of(
                row("PRICE_CHANGE", "DTC", "", "", "dtc_lead", "gm", 1, "finance", "operations", 7),
                row("PRICE_CHANGE", "MARKETPLACE", "", "", "marketplace_lead", "gm", 1, "finance", "operations", 7),
                row("PRICE_CHANGE", "WHOLESALE", "", "", "gm", "gm", 1, "finance", "operations", 7),
                row("PROMOTION", "DTC", "", "", "dtc_lead", "gm", 1, "finance", "operations", 14),
                row("PROMOTION", "MARKETPLACE", "", "", "marketplace_lead", "gm", 1, "finance", "operations", 14),
                row("PROMOTION", "WHOLESALE", "", "", "gm", "gm", 1, "finance", "operations", 14),
                row("SUPPLY_ALLOCATION", "", "", "", "operations", "gm", 1, "", "dtc_lead, marketplace_lead", 7),
                row("BUDGET_SHIFT", "DTC", "", "", "dtc_lead", "gm", 1, "finance", "", 7),
                row("BUDGET_SHIFT", "MARKETPLACE", "", "", "marketplace_lead", "gm", 1, "finance", "", 7),
                row("BUDGET_SHIFT_CROSS_ENGINE", "", "", "", "dtc_lead, marketplace_lead", "gm", 1, "finance",
                        "dtc_lead, marketplace_lead", 7),
                row("RULESET_ACTIVATION", "", "", "", "finance", "gm", 1, "",
                        "gm, dtc_lead, marketplace_lead, finance, operations, revenue_ops", 14));
    }

    /** Writes a RACI workbook with these rows (Decision, Engine, Finding, Amount, R, A, sign-offs, C, I, expiry days). */
    public static void writeRaci(Path file, List<Object[]> rows) throws IOException {
        String approvalCase = "$c : ApprovalCase";
        var raci = new Table("Raci",
                "Who decides. The FIRST row from the top that matches a decision routes it: put specific rows "
                        + "(a finding, a size) above the general row of their decision type.",
                List.of(condition(approvalCase, "decisionType", "Decision",
                                "PRICE_CHANGE, PROMOTION, SUPPLY_ALLOCATION, BUDGET_SHIFT (within one engine), "
                                        + "BUDGET_SHIFT_CROSS_ENGINE or RULESET_ACTIVATION"),
                        condition(approvalCase, "engine", "Engine", "Optional: DTC, MARKETPLACE or WHOLESALE"),
                        new Column("CONDITION", approvalCase, "findingCodes contains \"$param\"", "When finding present",
                                "Optional: only when the proposal carries this finding code, e.g. MARGIN_BELOW_FLOOR"),
                        new Column("CONDITION", approvalCase, "amount >= $param", "Size at least",
                                "Optional: price change = move in % of the current price; promotion = discount in %; "
                                        + "allocation = units moved away from the computed split, in % of available; "
                                        + "budget shift = the amount moved"),
                        value("responsibleRoles", "Responsible",
                                "Roles that prepare and submit it, comma-separated: dtc_lead, marketplace_lead, gm, …"),
                        new Column("ACTION", "", "insert(RaciRoute.from($c, TableRow.of(drools), Roles.of(\"$param\")));",
                                "Accountable", "Roles that approve it; the proposer never approves their own"),
                        value("signOffs", "Sign-offs", "How many different Accountable people must approve (1 or more)"),
                        value("consultedRoles", "Consulted", "Roles asked for their view; they can comment (blank: none)"),
                        value("informedRoles", "Informed", "Roles told the outcome in their feed (blank: none)"),
                        value("expiresAfterDays", "Expires after (days)",
                                "A pending request expires after this many days, or once its effective date has passed")),
                rows);
        writeWith(file, "governor.tables.approvals", List.of(sheet("RACI",
                "Responsible, Accountable, Consulted, Informed for each decision. Role ids: gm, dtc_lead, "
                        + "marketplace_lead, finance, operations, revenue_ops.", raci)),
                (workbook, styles) -> writeExamples(workbook, styles, RACI_HEADERS, RACI_EXAMPLES,
                        "Example cases: each row is a decision routed by this table when it is uploaded. An upload "
                                + "whose cases fail cannot be activated.",
                        "Kind: ROUTE. Findings present: finding codes, comma-separated. Size: a price change's move "
                                + "in %, a promotion's discount in %. Expected roles: role ids, comma-separated."));
    }

    static final List<String> RACI_HEADERS = List.of("Case", "Kind", "Decision", "Engine", "Findings present", "Size",
            "Expected responsible", "Expected accountable", "Expected sign-offs");

    static final List<Object[]> RACI_EXAMPLES = List.of(
            new Object[] {"A DTC price change goes from the DTC lead to the GM", "ROUTE", "PRICE_CHANGE", "DTC",
                    "PRICE_CHANGE_TOO_LARGE", 20, "dtc_lead", "gm", 1},
            new Object[] {"A marketplace promo goes from the marketplace lead to the GM", "ROUTE", "PROMOTION",
                    "MARKETPLACE", "PROMO_OUTSIDE_WINDOW", 15, "marketplace_lead", "gm", 1},
            new Object[] {"A wholesale price change: one GM prepares, another approves", "ROUTE", "PRICE_CHANGE", "WHOLESALE", "", 5,
                    "gm", "gm", 1},
            new Object[] {"An allocation override goes from operations to the GM", "ROUTE", "SUPPLY_ALLOCATION", "",
                    "ALLOCATION_OVERRIDE", 10, "operations", "gm", 1},
            new Object[] {"A DTC budget shift that needs approval goes from the DTC lead to the GM", "ROUTE",
                    "BUDGET_SHIFT", "DTC", "BUDGET_SHIFT_TOO_LARGE", 12000, "dtc_lead", "gm", 1},
            new Object[] {"A budget shift across engines: either lead asks, the GM approves", "ROUTE",
                    "BUDGET_SHIFT_CROSS_ENGINE", "", "BUDGET_CROSS_ENGINE", 20000, "dtc_lead, marketplace_lead", "gm", 1},
            new Object[] {"Finance asks for an activation, the GM approves", "ROUTE", "RULESET_ACTIVATION", "", "", "",
                    "finance", "gm", 1});

    record SheetSpec(String name, String notes, List<Table> tables) {
    }

    static final List<String> ALLOCATION_HEADERS = List.of("Case", "Kind", "SKU", "Available", "Horizon weeks",
            "Start", "Channels", "Expected band", "Expected units", "Expected findings");

    static final List<Object[]> ALLOCATION_EXAMPLES = List.of(
            new Object[] {"Tight: the contract, then floors by tier, then the rest by weight", "ALLOCATION", "TEA-003",
                    1000, 4, "2026-11-22", "amazon-us 175; dtc-webstore 120; wholesale 0 committed 200", "TIGHT",
                    "amazon-us 533; dtc-webstore 267; wholesale 200", ""},
            new Object[] {"Critical: FBA's 2-week floor before DTC", "ALLOCATION", "TEA-003", 300, 4, "2026-11-22",
                    "amazon-us 175; dtc-webstore 120; wholesale 0 committed 100", "CRITICAL",
                    "amazon-us 200; dtc-webstore 0; wholesale 100", "ALLOCATION_SHORTFALL"},
            new Object[] {"DTC is served first in the 8 weeks after a launch", "ALLOCATION", "TEA-010", 500, 4,
                    "2026-11-22", "amazon-us 150; dtc-webstore 100", "TIGHT", "amazon-us 210; dtc-webstore 290", ""},
            new Object[] {"Critical: a hero keeps its 3 weeks on FBA too", "ALLOCATION", "TEA-001", 500, 4,
                    "2026-11-22", "amazon-us 175; dtc-webstore 120", "CRITICAL",
                    "amazon-us 500; dtc-webstore 0", "ALLOCATION_SHORTFALL"},
            new Object[] {"Critical: a hero's FBA floor first, then DTC's", "ALLOCATION", "TEA-001", 580, 4,
                    "2026-11-22", "amazon-us 175; dtc-webstore 120", "CRITICAL",
                    "amazon-us 525; dtc-webstore 55", "ALLOCATION_SHORTFALL"},
            new Object[] {"Ample: every demand filled, a hero keeps 3 weeks on FBA", "ALLOCATION", "TEA-001", 2000, 4,
                    "2026-11-22", "amazon-us 175; amazon-us-fbm 50; wholesale 0 committed 100", "AMPLE",
                    "amazon-us 700; amazon-us-fbm 200; wholesale 100", ""});

    static final List<String> BUDGET_HEADERS = List.of("Case", "Kind", "Week", "From line", "To line", "Amount",
            "Marginal ROAS", "Evidence", "Expected verdict", "Expected findings");

    static final List<Object[]> BUDGET_EXAMPLES = List.of(
            new Object[] {"A geo-tested DTC shift within the flex", "BUDGET", "2026-W49", "meta-prospecting",
                    "google-shopping", 5000, n("3.1"), "geo", "APPROVED", ""},
            new Object[] {"More than the flex left is blocked", "BUDGET", "2026-W49", "meta-prospecting",
                    "google-shopping", n("7500.01"), n("3.1"), "geo", "REJECTED", "BUDGET_FIXED_PORTION"},
            new Object[] {"Amazon SP must earn break-even 3.125 × 1.1", "BUDGET", "2026-W49", "amazon-sb", "amazon-sp",
                    1000, n("3.4374"), "", "REJECTED", "BUDGET_BELOW_BREAKEVEN"},
            new Object[] {"Above 40 % of Google Shopping's plan in a week", "BUDGET", "2026-W49", "google-shopping",
                    "meta-prospecting", n("24000.01"), 3, "holdout", "PENDING_APPROVAL", "BUDGET_SHIFT_TOO_LARGE"},
            new Object[] {"Across engines without evidence waits for the GM", "BUDGET", "2026-W49", "google-shopping",
                    "amazon-sp", 20000, n("3.6"), "", "PENDING_APPROVAL", "BUDGET_CROSS_ENGINE, BUDGET_NO_EVIDENCE"},
            new Object[] {"Sponsored Brands above its 5 % TACoS cap", "BUDGET", "2026-W49", "google-shopping",
                    "amazon-sb", 7000, n("3.5"), "holdout", "PENDING_APPROVAL", "BUDGET_CROSS_ENGINE, BUDGET_TACOS_CAP"});

    static final List<String> EXAMPLE_HEADERS = List.of("Case", "Kind", "SKU", "Channel", "Price", "Effective from",
            "Discount %", "Start", "End", "Promo type", "Expected verdict", "Expected findings");

    static Object[] priceCase(String name, String sku, String channel, String price, String verdict, String findings) {
        return new Object[] {name, "PRICE", sku, channel, n(price), "2026-12-01", "", "", "", "", verdict, findings};
    }

    static Object[] promoCase(String name, String skus, String channel, int discount, String start, String end,
                              String verdict, String findings) {
        return new Object[] {name, "PROMO", skus, channel, "", "", discount, start, end, "coupon", verdict, findings};
    }

    /** Example cases a workbook carries: each a check with the verdict and finding codes finance expects. */
    private static final java.util.Map<String, List<Object[]>> EXAMPLES = java.util.Map.of(
            "governor.tables.map", List.of(
                    priceCase("A SKU row beats its category row", "TEA-001", "amazon-us", "17.98", "REJECTED", "MAP_VIOLATION, MARGIN_BELOW_FLOOR, PARITY_DTC_UNDERCUT, PRICE_CHANGE_TOO_LARGE"),
                    priceCase("At the MAP is not below it", "TEA-001", "amazon-us", "17.99", "PENDING_APPROVAL", "MARGIN_BELOW_FLOOR, PARITY_DTC_UNDERCUT, PRICE_CHANGE_TOO_LARGE"),
                    priceCase("The category row applies without a SKU row", "TEA-002", "amazon-us", "12.98", "REJECTED", "MAP_VIOLATION, MARGIN_BELOW_FLOOR, PARITY_DTC_UNDERCUT, PRICE_CHANGE_TOO_LARGE")),
            "governor.tables.margin", List.of(
                    priceCase("Selling at a loss is blocked", "COC-001", "amazon-us", "8.00", "REJECTED", "NEGATIVE_MARGIN, PARITY_DTC_UNDERCUT, PRICE_CHANGE_TOO_LARGE"),
                    priceCase("A thin tea margin on amazon-us needs approval", "TEA-003", "amazon-us", "18.99", "PENDING_APPROVAL", "MARGIN_BELOW_FLOOR")),
            "governor.tables.pricepolicy", List.of(
                    priceCase("A DTC move above 15 % needs approval", "TEA-001", "dtc-webstore", "29.99", "PENDING_APPROVAL", "PRICE_CHANGE_TOO_LARGE"),
                    priceCase("Amazon more than 10 % under DTC warns", "TEA-001", "amazon-us", "21.99", "APPROVED", "PARITY_DTC_UNDERCUT")),
            "governor.tables.promocalendar", List.of(
                    promoCase("Inside the marketplace BFCM window", "COF-003", "amazon-us", 20, "2026-11-20", "2026-11-25", "APPROVED", ""),
                    promoCase("In the BFCM reference-price lock", "COF-001", "amazon-us", 20, "2026-11-10", "2026-11-15", "REJECTED", "MARGIN_BELOW_FLOOR, PROMO_BLACKOUT, PROMO_OUTSIDE_WINDOW"),
                    promoCase("The BFCM window comes back every year", "COF-003", "amazon-us", 20, "2031-11-20", "2031-11-25", "APPROVED", ""),
                    promoCase("So does the reference-price lock", "COF-001", "amazon-us", 20, "2031-11-10", "2031-11-15", "REJECTED", "MARGIN_BELOW_FLOOR, PROMO_BLACKOUT, PROMO_OUTSIDE_WINDOW")),
            "governor.tables.promolimits", List.of(
                    promoCase("Off calendar needs approval", "COF-001", "amazon-us", 15, "2026-12-05", "2026-12-10", "PENDING_APPROVAL", "MARGIN_BELOW_FLOOR, PROMO_OUTSIDE_WINDOW"),
                    promoCase("Deeper than 20 % off calendar on DTC", "TEA-003", "dtc-webstore", 25, "2026-10-01", "2026-10-05", "PENDING_APPROVAL", "MARGIN_BELOW_FLOOR, PROMO_OUTSIDE_WINDOW, PROMO_TOO_DEEP")));

    private static void writeExamples(XSSFWorkbook workbook, Styles styles, List<String> headers, List<Object[]> cases,
                                      String purpose, String guide) {
        if (cases == null) {
            return;
        }
        XSSFSheet sheet = workbook.createSheet(dev.governor.ruleset.ExampleCases.SHEET);
        int r = 0;
        text(sheet.createRow(r++), 0, purpose, styles.notes);
        text(sheet.createRow(r++), 0, guide, styles.notes);
        r++;
        Row header = sheet.createRow(r++);
        for (int c = 0; c < headers.size(); c++) {
            text(header, c, headers.get(c), styles.header);
        }
        header.setHeightInPoints(30);
        for (Object[] values : cases) {
            Row data = sheet.createRow(r++);
            for (int c = 0; c < values.length; c++) {
                if (values[c] instanceof Number number) {
                    var cell = data.createCell(c);
                    cell.setCellValue(number.doubleValue());
                    cell.setCellStyle(styles.number("General"));
                } else if (!values[c].toString().isEmpty()) {
                    text(data, c, values[c].toString(), styles.data);
                }
            }
        }
        for (int c = 0; c < headers.size(); c++) {
            sheet.setColumnWidth(c, (c == 0 || c == headers.size() - 1 ? 40 : 16) * 256);
        }
        sheet.setRepeatingRows(new CellRangeAddress(header.getRowNum(), header.getRowNum(), -1, -1));
        sheet.setPrintGridlines(true);
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setLandscape(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);
    }

    static SheetSpec sheet(String name, String notes, Table... tables) {
        return new SheetSpec(name, notes, List.of(tables));
    }

    static void write(Path file, String ruleSet, List<SheetSpec> sheets) throws IOException {
        writeWith(file, ruleSet, sheets, (workbook, styles) -> writeExamples(workbook, styles, EXAMPLE_HEADERS,
                EXAMPLES.get(ruleSet), "Example cases: each row is a check run against this workbook when it is "
                        + "uploaded. An upload whose cases fail cannot be activated.",
                "Kind: PRICE (SKU, Channel, Price, Effective from) or PROMO (SKU: one or more, comma-separated; "
                        + "Channel, Discount %, Start, End, Promo type). Expected findings: the finding codes, "
                        + "comma-separated (blank: none)."));
    }

    private interface ExtraSheets {
        void write(XSSFWorkbook workbook, Styles styles);
    }

    static void writeWith(Path file, String ruleSet, List<SheetSpec> sheets, ExtraSheets extra) throws IOException {
        try (var workbook = new XSSFWorkbook()) {
            Styles styles = new Styles(workbook);
            for (SheetSpec spec : sheets) {
                writeSheet(workbook.createSheet(spec.name()), styles, ruleSet, spec);
            }
            extra.write(workbook, styles);
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
        }
    }

    /**
     * One sheet as finance reads it: the engine rows (RuleSet, Import, and each table's RuleTable, keyword,
     * object-type and code rows) grouped, collapsed and locked; data rows unlocked, text left and numbers
     * centred with their unit in the number format (the stored value unchanged); guides wrapped in rows
     * tall enough to show them whole; printed landscape, one page wide, with gridlines and the first
     * table's header row on every page.
     */
    private static void writeSheet(XSSFSheet sheet, Styles styles, String ruleSet, SheetSpec spec) {
        int r = 0;
        text(sheet.createRow(r), 0, "RuleSet", styles.code);
        text(sheet.getRow(r++), 1, ruleSet + "." + spec.name().toLowerCase().replaceAll("[^a-z]", ""), styles.code);
        text(sheet.createRow(r), 0, "Import", styles.code);
        text(sheet.getRow(r++), 1, IMPORTS, styles.code);
        List<int[]> engineRows = new java.util.ArrayList<>();
        engineRows.add(new int[] {0, 1});
        text(sheet.createRow(r), 0, "Notes", styles.code);
        text(sheet.getRow(r++), 1, spec.notes(), styles.notes);
        r++;
        int widest = 0;
        int[] widths = new int[40];
        int firstHeader = -1;
        for (Table table : spec.tables()) {
            widest = Math.max(widest, table.columns().size());
            for (int c = 0; c < table.columns().size(); c++) {
                Column column = table.columns().get(c);
                // narrow enough that a wide table prints legibly on one landscape page: headers and guides wrap
                int longestWord = 0;
                for (String word : column.header().split(" ")) {
                    longestWord = Math.max(longestWord, word.length() + 2);
                }
                widths[c] = Math.max(widths[c], Math.max(longestWord, table.columns().size() > 8 ? 11 : 16));
                for (Object[] values : table.rows()) {
                    if (c < values.length) {
                        widths[c] = Math.max(widths[c], Math.min(24, values[c].toString().length() + 3));
                    }
                }
            }
        }
        int tableWidth = 0;
        for (int c = 0; c < Math.max(widest, 2); c++) {
            tableWidth += widths[c];
        }
        Row notes = sheet.getRow(2);
        wrapAcross(sheet, notes, 1, Math.max(widest, 2) - 1, tableWidth - widths[0], styles.notes);
        for (Table table : spec.tables()) {
            Row title = sheet.createRow(r++);
            text(title, 0, table.guide(), styles.title);
            wrapAcross(sheet, title, 0, Math.max(widest, 2) - 1, tableWidth, styles.title);
            Row guide = sheet.createRow(r++);
            int lines = 1;
            for (int c = 0; c < table.columns().size(); c++) {
                String words = table.columns().get(c).guide();
                text(guide, c, words, styles.guide);
                lines = Math.max(lines, wrappedLines(words, widths[c]));
            }
            guide.setHeightInPoints(lines * 11.5f + 4f);
            int engineFirst = r;
            text(sheet.createRow(r++), 0, "RuleTable " + table.name(), styles.code);
            Row keywords = sheet.createRow(r++);
            Row objectTypes = sheet.createRow(r++);
            Row snippets = sheet.createRow(r++);
            engineRows.add(new int[] {engineFirst, r - 1});
            Row headers = sheet.createRow(r++);
            firstHeader = firstHeader < 0 ? headers.getRowNum() : firstHeader;
            int headerLines = 1;
            for (int c = 0; c < table.columns().size(); c++) {
                headerLines = Math.max(headerLines, wrappedLines(table.columns().get(c).header(), widths[c]));
            }
            headers.setHeightInPoints(headerLines * 13f + 3f);
            int firstCondition = -1;
            int lastCondition = -1;
            for (int c = 0; c < table.columns().size(); c++) {
                Column column = table.columns().get(c);
                text(keywords, c, column.keyword(), styles.code);
                text(objectTypes, c, column.objectType(), styles.code);
                text(snippets, c, column.snippet(), styles.code);
                text(headers, c, column.header(), styles.header);
                if (column.keyword().equals("CONDITION")) {
                    firstCondition = firstCondition < 0 ? c : firstCondition;
                    lastCondition = c;
                    if (c > firstCondition) {
                        objectTypes.getCell(c).setBlank();
                    }
                }
            }
            if (lastCondition > firstCondition) {
                sheet.addMergedRegion(new CellRangeAddress(objectTypes.getRowNum(), objectTypes.getRowNum(),
                        firstCondition, lastCondition));
            }
            for (Object[] values : table.rows()) {
                Row data = sheet.createRow(r++);
                for (int c = 0; c < table.columns().size(); c++) {
                    Object value = c < values.length ? values[c] : "";
                    var cell = data.createCell(c);
                    if (value instanceof Number number) {
                        cell.setCellValue(number.doubleValue());
                        cell.setCellStyle(styles.number(unitFormat(table.columns().get(c))));
                    } else {
                        if (!value.toString().isEmpty()) {
                            cell.setCellValue(value.toString());
                        }
                        cell.setCellStyle(styles.data);
                    }
                }
            }
            r++;
        }
        for (int c = 0; c < Math.max(widest, 2); c++) {
            sheet.setColumnWidth(c, Math.max(widths[c], 12) * 256);
        }
        for (int[] rows : engineRows) {
            sheet.groupRow(rows[0], rows[1]);
            sheet.setRowGroupCollapsed(rows[0], true);
        }
        sheet.setRowSumsBelow(false);
        // engine cells stay as they are; rows can be typed, inserted and deleted inside a table
        sheet.lockInsertRows(false);
        sheet.lockDeleteRows(false);
        sheet.lockFormatCells(false);
        sheet.lockFormatColumns(false);
        sheet.lockFormatRows(false);
        sheet.lockSort(false);
        sheet.lockAutoFilter(false);
        sheet.protectSheet("");
        sheet.setFitToPage(true);
        sheet.setPrintGridlines(true);
        sheet.getPrintSetup().setLandscape(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);
        if (firstHeader >= 0) {
            sheet.setRepeatingRows(new CellRangeAddress(firstHeader, firstHeader, -1, -1));
        }
        // only the tables' columns print: the long notes and titles overflow into empty ones
        sheet.getWorkbook().setPrintArea(sheet.getWorkbook().getSheetIndex(sheet), 0, Math.max(widest, 2) - 1, 0,
                Math.max(0, r - 1));
    }

    /**
     * Merges a text row's cells from {@code first} to {@code last} and wraps the text in them, with the
     * row tall enough to show it whole ({@code width}: the merged cells' width in characters). Only the
     * notes and the titles above tables are merged: never a row Drools reads.
     */
    private static void wrapAcross(XSSFSheet sheet, Row row, int first, int last, int width, CellStyle style) {
        if (last > first) {
            sheet.addMergedRegion(new CellRangeAddress(row.getRowNum(), row.getRowNum(), first, last));
        }
        var cell = row.getCell(first);
        CellStyle wrapped = sheet.getWorkbook().createCellStyle();
        wrapped.cloneStyleFrom(style);
        wrapped.setWrapText(true);
        wrapped.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
        cell.setCellStyle(wrapped);
        row.setHeightInPoints(wrappedLines(cell.getStringCellValue(), width) * 13f + 3f);
    }

    /** How many lines a wrapped text takes in a column about {@code width} characters wide. */
    private static int wrappedLines(String text, int width) {
        int lines = 1;
        int used = 0;
        for (String word : text.split(" ")) {
            if (used > 0 && used + 1 + word.length() > width + 1) {
                lines++;
                used = 0;
            }
            used += (used > 0 ? 1 : 0) + word.length();
        }
        return lines;
    }

    /**
     * The number format that shows a column's unit without changing what is stored: money with two
     * decimals and thousands separators, a percent column as "25 %" for the stored 25 (never Excel's
     * percent format, which stores 0.25), weeks and days by name.
     */
    static String unitFormat(Column column) {
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("^(\\w+)\\(\"\\$param\"\\)$")
                .matcher(column.snippet());
        String name = key.find() ? key.group(1) : "";
        if (name.endsWith("Percent")) {
            return "General\" %\"";
        }
        if (name.equals("map") || name.endsWith("Amount")) {
            return "#,##0.00";
        }
        if (name.endsWith("Weeks")) {
            return "General\" wk\"";
        }
        if (name.endsWith("Days") || name.startsWith("days")) {
            return "General\" days\"";
        }
        if (name.endsWith("Points")) {
            return "General\" pts\"";
        }
        return "General";
    }

    private static org.apache.poi.ss.usermodel.Cell text(Row row, int column, String value, CellStyle style) {
        var cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
        return cell;
    }

    private static final class Styles {
        final CellStyle code;
        final CellStyle guide;
        final CellStyle notes;
        final CellStyle title;
        final CellStyle header;
        final CellStyle data;
        private final XSSFWorkbook workbook;
        private final java.util.Map<String, CellStyle> numbers = new java.util.HashMap<>();

        Styles(XSSFWorkbook workbook) {
            this.workbook = workbook;
            Font grey = workbook.createFont();
            grey.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
            grey.setFontHeightInPoints((short) 8);
            code = workbook.createCellStyle();
            code.setFont(grey);
            Font italic = workbook.createFont();
            italic.setItalic(true);
            guide = workbook.createCellStyle();
            guide.setFont(italic);
            guide.setWrapText(true);
            guide.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.TOP);
            notes = workbook.createCellStyle();
            notes.setFont(italic);
            Font bold = workbook.createFont();
            bold.setBold(true);
            title = workbook.createCellStyle();
            title.setFont(bold);
            header = workbook.createCellStyle();
            header.setFont(bold);
            header.setWrapText(true);
            header.setFillForegroundColor(IndexedColors.LIGHT_CORNFLOWER_BLUE.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            data = workbook.createCellStyle();
            data.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.LEFT);
            data.setLocked(false);
        }

        /** An editable number cell, centred, showing its unit by {@code format}. */
        CellStyle number(String format) {
            return numbers.computeIfAbsent(format, f -> {
                CellStyle style = workbook.createCellStyle();
                style.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.CENTER);
                style.setDataFormat(workbook.createDataFormat().getFormat(f));
                style.setLocked(false);
                return style;
            });
        }
    }
}
