package dev.governor.reference;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Product is one SKU of the catalog, as finance maintains it. */
public record Product(String sku, String name, String brand, String category, BigDecimal unitCost, BigDecimal msrp,
                      LocalDate launchDate, boolean hero) {
}
