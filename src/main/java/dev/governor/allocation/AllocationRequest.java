package dev.governor.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.core.Bound;
import dev.governor.core.FieldError;
import dev.governor.core.Json;
import dev.governor.core.JsonFields;
import dev.governor.reference.Catalog;
import dev.governor.reference.Channel;
import dev.governor.reference.Product;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * AllocationRequest is a validated allocation request: from a start date, over a horizon of whole
 * weeks, for one or more SKUs, the units available and, per channel, its weekly forecast, stock on
 * hand and contractual commitments — and, optionally, the split the planner proposes instead.
 */
record AllocationRequest(LocalDate start, int horizonWeeks, List<Line> lines, String note) {

    /** Most SKUs in one request. */
    static final int MAX_SKUS = 20_000;
    /** Most units of one SKU in one request: the split is computed unit by unit. */
    static final long MAX_UNITS = 10_000_000;
    static final int MAX_CHANNELS = 20;
    static final int MAX_HORIZON_WEEKS = 52;
    /** Units of one SKU or one channel: whole, from 0 to {@link #MAX_UNITS}. */
    static final Bound UNITS = Bound.whole(0, MAX_UNITS);

    /** Line is one SKU of the request. {@code override} is empty unless the planner proposes a split. */
    record Line(Product product, long available, List<ChannelInput> channels, Map<String, Long> override) {
    }

    /** ChannelInput is what one channel says about a SKU: weekly forecast, stock on hand, commitments. */
    record ChannelInput(Channel channel, BigDecimal weeklyForecast, long onHand, long committed) {
    }

    /**
     * Reads a request body; every bad field is added to {@code errors}. Without a {@code start} the plan
     * starts {@code today}; a start more than a day before {@code today} is refused (in_the_past), so a
     * planner a time zone behind UTC can still plan from their own today.
     */
    static Optional<AllocationRequest> parse(JsonNode body, Catalog catalog, LocalDate today, List<FieldError> errors) {
        JsonFields fields = JsonFields.of(body, errors);
        int before = errors.size();
        LocalDate start = today;
        if (fields.has("start")) {
            start = fields.date("start");
            if (start != null && start.isBefore(today.minusDays(1))) {
                fields.error("start", "in_the_past", "start " + start + " is more than a day before today ("
                        + today + "): an allocation plans from yesterday, today or a later day");
                start = null;
            }
        }
        Long horizon = fields.whole("horizonWeeks", Bound.whole(1, MAX_HORIZON_WEEKS), null);
        String note = fields.freeText("note");
        List<Line> lines = new ArrayList<>();
        if (body.has("skus")) {
            for (String single : List.of("sku", "available", "channels", "override")) {
                if (body.has(single)) {
                    fields.error(single, "conflicting_fields", "give either 'skus' (a list of SKUs) or one SKU's '"
                            + single + "' at the top level, not both");
                }
            }
            JsonNode skus = body.get("skus");
            if (!skus.isArray() || skus.isEmpty()) {
                fields.error("skus", "invalid_value", "'skus' must be a non-empty array of SKU objects");
            } else if (skus.size() > MAX_SKUS) {
                fields.error("skus", "too_many_skus", "one request allocates at most " + MAX_SKUS + " SKUs, not "
                        + skus.size() + ": split it");
            } else {
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < skus.size(); i++) {
                    String prefix = "skus[" + i + "].";
                    JsonNode item = skus.get(i);
                    if (!item.isObject()) {
                        errors.add(FieldError.field("skus[" + i + "]", "invalid_value", "each SKU must be an object"));
                        continue;
                    }
                    line(new JsonFields(item, prefix, null, errors), item, catalog, seen).ifPresent(lines::add);
                }
            }
        } else {
            line(fields, body, catalog, new HashSet<>()).ifPresent(lines::add);
        }
        if (errors.size() > before || horizon == null || start == null) {
            return Optional.empty();
        }
        return Optional.of(new AllocationRequest(start, horizon.intValue(), List.copyOf(lines), note));
    }

    private static Optional<Line> line(JsonFields fields, JsonNode node, Catalog catalog, Set<String> seenSkus) {
        String sku = fields.text("sku");
        Product product = sku == null ? null : catalog.findProduct(sku).orElse(null);
        if (sku != null && product == null) {
            fields.error("sku", "unknown_sku", "SKU '" + sku + "' is not in the catalog");
        }
        if (sku != null && !seenSkus.add(sku)) {
            fields.error("sku", "duplicate_sku", "SKU '" + sku + "' appears twice in the request");
        }
        Long available = fields.whole("available", UNITS, null);
        List<ChannelInput> channels = new ArrayList<>();
        boolean valid = product != null && available != null;
        JsonNode list = node.get("channels");
        if (list == null || list.isNull()) {
            fields.error("channels", "missing_field", "'channels' is required: the channels that ask for units");
            valid = false;
        } else if (!list.isArray() || list.isEmpty() || list.size() > MAX_CHANNELS) {
            fields.error("channels", "invalid_value", "'channels' must be an array of 1 to " + MAX_CHANNELS
                    + " channel objects");
            valid = false;
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String prefix = "channels[" + i + "].";
                JsonNode item = list.get(i);
                if (!item.isObject()) {
                    fields.error("channels[" + i + "]", "invalid_value", "each channel must be an object");
                    valid = false;
                    continue;
                }
                JsonFields channelFields = fields.nested(item, prefix);
                String code = channelFields.text("channel");
                Channel channel = code == null ? null : catalog.findChannel(code).orElse(null);
                if (code != null && channel == null) {
                    channelFields.error("channel", "unknown_channel", "channel '" + code + "' does not exist");
                }
                if (code != null && !seen.add(code)) {
                    channelFields.error("channel", "duplicate_channel", "channel '" + code + "' appears twice for "
                            + (sku == null ? "this SKU" : sku) + ": give each channel once");
                    channel = null;
                }
                BigDecimal forecast = channelFields.decimal("weeklyForecast", Bound.WEEKLY_FORECAST);
                Long onHand = channelFields.whole("onHand", UNITS, 0L);
                Long committed = channelFields.whole("committed", UNITS, 0L);
                if (channel == null || forecast == null || onHand == null || committed == null) {
                    valid = false;
                } else {
                    channels.add(new ChannelInput(channel, forecast, onHand, committed));
                }
            }
        }
        Map<String, Long> override = new LinkedHashMap<>();
        JsonNode proposed = node.get("override");
        if (proposed != null && !proposed.isNull()) {
            if (!proposed.isObject() || proposed.isEmpty()) {
                fields.error("override", "invalid_value", "'override' must be an object of channel → units, e.g. "
                        + "{\"amazon-us\": 400, \"dtc-webstore\": 200}");
                valid = false;
            } else if (valid) {
                valid = override(fields, proposed, channels, available, override);
            }
        }
        return valid ? Optional.of(new Line(product, available, List.copyOf(channels), Map.copyOf(override)))
                : Optional.empty();
    }

    private static boolean override(JsonFields fields, JsonNode proposed, List<ChannelInput> channels, long available,
                                    Map<String, Long> override) {
        JsonFields units = fields.nested(proposed, "override.");
        boolean valid = true;
        Set<String> known = new LinkedHashSet<>();
        channels.forEach(channel -> known.add(channel.channel().code()));
        long total = 0;
        for (Iterator<String> names = proposed.fieldNames(); names.hasNext(); ) {
            String code = names.next();
            Long given = known.contains(code) ? units.whole(code, UNITS, null) : null;
            if (!known.contains(code)) {
                units.error(code, "unknown_channel", "'" + code + "' is not one of this SKU's channels");
            }
            if (given == null) {
                valid = false;
            } else {
                override.put(code, given);
                total += given;
            }
        }
        for (String code : known) {
            if (valid && !override.containsKey(code)) {
                units.error(code, "missing_field", "the override gives no units for " + code
                        + ": give every channel of the SKU its units (0 for none)");
                valid = false;
            }
        }
        if (valid && total > available) {
            fields.error("override", "over_available", "the override hands out " + total + " units but only "
                    + available + " are available");
            valid = false;
        }
        return valid;
    }

    /** The request as recorded: what was asked, in a stable order. */
    JsonNode toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("start", start.toString());
        node.put("horizonWeeks", horizonWeeks);
        if (note != null) {
            node.put("note", note);
        }
        ArrayNode skus = node.putArray("skus");
        for (Line line : lines) {
            ObjectNode sku = skus.addObject();
            sku.put("sku", line.product().sku());
            sku.put("available", line.available());
            ArrayNode channels = sku.putArray("channels");
            for (ChannelInput channel : line.channels()) {
                ObjectNode item = channels.addObject();
                item.put("channel", channel.channel().code());
                item.put("weeklyForecast", channel.weeklyForecast());
                item.put("onHand", channel.onHand());
                item.put("committed", channel.committed());
            }
            if (!line.override().isEmpty()) {
                ObjectNode override = sku.putObject("override");
                line.channels().forEach(channel -> override.put(channel.channel().code(),
                        line.override().get(channel.channel().code())));
            }
        }
        return node;
    }

    /** Whether any SKU proposes its own split. */
    boolean overrides() {
        return lines.stream().anyMatch(line -> !line.override().isEmpty());
    }
}
