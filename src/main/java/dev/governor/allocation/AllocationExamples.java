package dev.governor.allocation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.core.FieldError;
import dev.governor.core.Json;
import dev.governor.core.Refusal;
import dev.governor.guardrail.Finding;
import dev.governor.reference.CatalogService;
import dev.governor.ruleset.ExampleCases;
import dev.governor.ruleset.Ruleset;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AllocationExamples runs the allocation workbook's example cases: one SKU, the units available, a
 * horizon and start, and per channel its weekly forecast, stock on hand and commitments, written
 * {@code amazon-us 175; dtc-webstore 120 on hand 40; wholesale 0 committed 200}. The case expects a
 * band, the units of each channel (in the order of the Channels cell) and the finding codes.
 */
public final class AllocationExamples implements ExampleCases.CaseRunner {

    public static final String KIND = "ALLOCATION";
    private static final Pattern CHANNEL = Pattern.compile(
            "(\\S+)\\s+(\\d+(?:\\.\\d+)?)(?:\\s+on hand\\s+(\\d+))?(?:\\s+committed\\s+(\\d+))?");

    private final CatalogService catalogs;

    public AllocationExamples(CatalogService catalogs) {
        this.catalogs = catalogs;
    }

    @Override
    public ExampleCases.Comparison run(Ruleset ruleset, Map<String, String> cells) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("sku", cells.getOrDefault("sku", ""));
        body.put("available", new BigDecimal(number(cells, "available")));
        body.put("horizonWeeks", new BigDecimal(number(cells, "horizon weeks")));
        String start = cells.getOrDefault("start", "");
        ArrayNode channels = body.putArray("channels");
        for (String part : cells.getOrDefault("channels", "").split(";")) {
            if (part.isBlank()) {
                continue;
            }
            Matcher channel = CHANNEL.matcher(part.trim());
            if (!channel.matches()) {
                throw Refusal.invalid(List.of(FieldError.field("channels", "invalid_value", "'" + part.trim()
                        + "' is not written as 'channel forecast [on hand N] [committed N]'")));
            }
            ObjectNode input = channels.addObject().put("channel", channel.group(1))
                    .put("weeklyForecast", new BigDecimal(channel.group(2)));
            if (channel.group(3) != null) {
                input.put("onHand", Long.parseLong(channel.group(3)));
            }
            if (channel.group(4) != null) {
                input.put("committed", Long.parseLong(channel.group(4)));
            }
        }
        List<FieldError> errors = new ArrayList<>();
        LocalDate day = start.isEmpty() ? LocalDate.now(java.time.ZoneOffset.UTC) : LocalDate.parse(start);
        if (!start.isEmpty()) {
            body.put("start", start);
        }
        AllocationRequest request = AllocationRequest.parse(body, catalogs.current(), day, errors)
                .orElseThrow(() -> Refusal.invalid(errors));
        SkuPlan plan = AllocationPlanner.plan(ruleset, request).get(0);
        List<String> units = new ArrayList<>();
        plan.channels().forEach(channel -> units.add(channel.channel() + " " + channel.units()));
        TreeSet<String> codes = new TreeSet<>(plan.findings().stream().map(Finding::code).toList());
        String actual = outcome(plan.band().name(), String.join(", ", units), String.join(", ", codes));
        String expected = outcome(cells.getOrDefault("expected band", ""),
                String.join(", ", split(cells.getOrDefault("expected units", ""))),
                String.join(", ", new TreeSet<>(split(cells.getOrDefault("expected findings", "")))));
        return new ExampleCases.Comparison(expected, actual);
    }

    private static String outcome(String band, String units, String findings) {
        return "band " + band + "; " + units + "; findings: " + (findings.isEmpty() ? "none" : findings);
    }

    private static List<String> split(String cell) {
        List<String> parts = new ArrayList<>();
        for (String part : cell.split("[;,]")) {
            if (!part.isBlank()) {
                parts.add(part.trim().replaceAll("\\s+", " "));
            }
        }
        return parts;
    }

    private static String number(Map<String, String> cells, String header) {
        String value = cells.getOrDefault(header, "");
        if (!value.matches("\\d+(\\.0+)?")) {
            throw Refusal.invalid(List.of(FieldError.field(header, "invalid_number", "'" + header
                    + "' must be a whole number, not '" + value + "'")));
        }
        return value.replaceAll("\\.0+$", "");
    }
}
