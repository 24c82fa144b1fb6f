package dev.governor.reference;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Catalog is an immutable snapshot of the reference data a check needs — channels, products and
 * current prices — held in memory so the request path never touches the database for it.
 */
public final class Catalog {

    private final Map<String, Channel> channels;
    private final Map<String, Product> products;
    private final Map<String, Map<String, BigDecimal>> pricesBySku;
    private final Map<String, List<String>> skusByCategory;

    Catalog(List<Channel> channels, List<Product> products, List<CurrentPrice> prices) {
        this.channels = new LinkedHashMap<>();
        channels.forEach(channel -> this.channels.put(channel.code(), channel));
        this.products = new LinkedHashMap<>();
        products.forEach(product -> this.products.put(product.sku(), product));
        Map<String, Map<String, BigDecimal>> bySku = new HashMap<>();
        prices.forEach(price -> bySku.computeIfAbsent(price.sku(), sku -> new TreeMap<>()).put(price.channel(), price.price()));
        this.pricesBySku = bySku;
        Map<String, List<String>> byCategory = new TreeMap<>();
        products.forEach(product -> byCategory.computeIfAbsent(product.category(), c -> new java.util.ArrayList<>()).add(product.sku()));
        this.skusByCategory = byCategory;
    }

    public Optional<Channel> findChannel(String code) {
        return Optional.ofNullable(channels.get(code));
    }

    public Optional<Product> findProduct(String sku) {
        return Optional.ofNullable(products.get(sku));
    }

    public Optional<BigDecimal> findPrice(String sku, String channel) {
        return Optional.ofNullable(pricesBySku.getOrDefault(sku, Map.of()).get(channel));
    }

    /** Current prices of a SKU on every channel that lists it, by channel code. */
    public Map<String, BigDecimal> pricesOf(String sku) {
        return pricesBySku.getOrDefault(sku, Map.of());
    }

    public List<String> skusIn(String category) {
        return skusByCategory.getOrDefault(category, List.of());
    }

    public Collection<Channel> channels() {
        return channels.values();
    }

    public Collection<Product> products() {
        return products.values();
    }

    public int priceCount() {
        return pricesBySku.values().stream().mapToInt(Map::size).sum();
    }
}
