package dev.governor.guardrail;

import java.util.Map;

/** Finding is one guardrail speaking about one SKU: its code, how hard, why, where it lives and the figures used. */
public record Finding(String code, Severity severity, String sku, String message, Source source, Map<String, Object> figures) {
}
