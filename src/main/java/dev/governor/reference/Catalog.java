package dev.governor.reference;

import java.math.BigDecimal;
import java.time.LocalDate;
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
    /** Approved price changes not yet current, by SKU, in the order they take effect. */
    private final Map<String, List<ScheduledPrice>> scheduledBySku;

    Catalog(List<Channel> channels, List<Product> products, List<CurrentPrice> prices) {
        this(channels, products, prices, List.of());
    }

    Catalog(List<Channel> channels, List<Product> products, List<CurrentPrice> prices, List<ScheduledPrice> scheduled) {
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
        Map<String, List<ScheduledPrice>> pending = new HashMap<>();
        scheduled.forEach(change -> pending.put(change.sku(), withChange(pending.getOrDefault(change.sku(), List.of()), change)));
        this.scheduledBySku = pending;
    }

    private Catalog(Catalog base, Map<String, Map<String, BigDecimal>> pricesBySku,
                    Map<String, List<ScheduledPrice>> scheduledBySku) {
        this.channels = base.channels;
        this.products = base.products;
        this.skusByCategory = base.skusByCategory;
        this.pricesBySku = pricesBySku;
        this.scheduledBySku = scheduledBySku;
    }

    /** This catalog with one current price changed. */
    Catalog withCurrentPrice(String sku, String channel, BigDecimal price) {
        Map<String, Map<String, BigDecimal>> prices = new HashMap<>(pricesBySku);
        Map<String, BigDecimal> ofSku = new TreeMap<>(prices.getOrDefault(sku, Map.of()));
        ofSku.put(channel, price);
        prices.put(sku, ofSku);
        return new Catalog(this, prices, scheduledBySku);
    }

    /** This catalog with one more approved change waiting for its date. */
    Catalog withScheduled(ScheduledPrice change) {
        Map<String, List<ScheduledPrice>> pending = new HashMap<>(scheduledBySku);
        pending.put(change.sku(), withChange(pending.getOrDefault(change.sku(), List.of()), change));
        return new Catalog(this, pricesBySku, pending);
    }

    /** The changes of a SKU with one more, in effect order; it supersedes a change for the same channel and date. */
    private static List<ScheduledPrice> withChange(List<ScheduledPrice> changes, ScheduledPrice change) {
        List<ScheduledPrice> next = new java.util.ArrayList<>(changes.size() + 1);
        for (ScheduledPrice existing : changes) {
            boolean sameSlot = existing.channel().equals(change.channel())
                    && existing.effectiveFrom().equals(change.effectiveFrom());
            if (!sameSlot || ScheduledPrice.IN_EFFECT_ORDER.compare(existing, change) > 0) {
                next.add(existing);
            }
        }
        if (next.stream().noneMatch(existing -> existing.channel().equals(change.channel())
                && existing.effectiveFrom().equals(change.effectiveFrom()))) {
            next.add(change);
        }
        next.sort(ScheduledPrice.IN_EFFECT_ORDER);
        return List.copyOf(next);
    }

    public Optional<Channel> findChannel(String code) {
        return Optional.ofNullable(channels.get(code));
    }

    /** The time zone of channel {@code code}; UTC for a channel no longer in the catalog. */
    public java.time.ZoneId zoneOf(String code) {
        return findChannel(code).map(Channel::zone).orElse(java.time.ZoneOffset.UTC);
    }

    public Optional<Product> findProduct(String sku) {
        return Optional.ofNullable(products.get(sku));
    }

    public Optional<BigDecimal> findPrice(String sku, String channel) {
        return Optional.ofNullable(pricesBySku.getOrDefault(sku, Map.of()).get(channel));
    }

    /**
     * The price of a SKU on a channel on a day: the last approved change effective by then that is not
     * current yet, else the current price.
     */
    public Optional<BigDecimal> priceOn(String sku, String channel, LocalDate day) {
        BigDecimal price = pricesOf(sku).get(channel);
        for (ScheduledPrice change : scheduledBySku.getOrDefault(sku, List.of())) {
            if (change.channel().equals(channel) && !change.effectiveFrom().isAfter(day)) {
                price = change.price();
            }
        }
        return Optional.ofNullable(price);
    }

    /** The prices of a SKU on every channel that lists it on a day, by channel code (see {@link #priceOn}). */
    public Map<String, BigDecimal> pricesOn(String sku, LocalDate day) {
        List<ScheduledPrice> pending = scheduledBySku.getOrDefault(sku, List.of());
        if (pending.isEmpty()) {
            return pricesOf(sku);
        }
        Map<String, BigDecimal> prices = new TreeMap<>(pricesOf(sku));
        for (ScheduledPrice change : pending) {
            if (!change.effectiveFrom().isAfter(day)) {
                prices.put(change.channel(), change.price());
            }
        }
        return prices;
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

    /** Every current price, by SKU then channel. */
    public List<CurrentPrice> prices() {
        List<CurrentPrice> all = new java.util.ArrayList<>();
        pricesBySku.forEach((sku, prices) -> prices.forEach((channel, price) -> all.add(new CurrentPrice(sku, channel,
                price))));
        all.sort(java.util.Comparator.comparing(CurrentPrice::sku).thenComparing(CurrentPrice::channel));
        return all;
    }

    public int priceCount() {
        return pricesBySku.values().stream().mapToInt(Map::size).sum();
    }
}
