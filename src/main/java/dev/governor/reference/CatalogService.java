package dev.governor.reference;

import dev.governor.core.ErrorCode;
import dev.governor.core.Refusal;
import dev.governor.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CatalogService owns the reference data: it seeds the shipped sample data into an empty database,
 * lets finance replace the catalog or the current prices from a CSV (all or nothing), and keeps an
 * in-memory {@link Catalog} snapshot that checks read without touching the database.
 */
public final class CatalogService {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogService.class);
    static final List<String> CHANNEL_COLUMNS = List.of("code", "name", "engine", "currency", "time_zone",
            "referral_percent", "fulfilment_fee", "payment_percent", "return_rate_percent", "cost_per_return");
    static final List<String> PRODUCT_COLUMNS = List.of("sku", "name", "brand", "category", "unit_cost", "msrp",
            "launch_date", "hero");
    static final List<String> PRICE_COLUMNS = List.of("sku", "channel", "price");
    /** The engines a channel (or a budget line) belongs to. */
    public static final List<String> ENGINES = List.of("DTC", "MARKETPLACE", "WHOLESALE");

    /** ReplaceSummary says what an upload changed. */
    public record ReplaceSummary(int products, int prices, int pricesDropped) {
    }

    private final Database database;
    private final AtomicReference<Catalog> current = new AtomicReference<>();

    public CatalogService(Database database) {
        this.database = database;
        reload();
    }

    public Catalog current() {
        return current.get();
    }

    /**
     * Writes the reference data in force as the three CSV files {@link #seedIfEmpty} reads
     * ({@code channels.csv}, {@code products.csv}, {@code prices.csv}) into {@code folder}: what a
     * draft's check in a child process starts from.
     */
    public void exportTo(Path folder) {
        Catalog catalog = current();
        try {
            Files.createDirectories(folder);
            write(folder.resolve("channels.csv"), CHANNEL_COLUMNS, catalog.channels().stream()
                    .map(c -> List.<Object>of(c.code(), c.name(), c.engine(), c.currency(), c.timeZone(),
                            c.referralPercent(), c.fulfilmentFee(), c.paymentPercent(), c.returnRatePercent(),
                            c.costPerReturn())).toList());
            write(folder.resolve("products.csv"), PRODUCT_COLUMNS, catalog.products().stream()
                    .map(p -> List.<Object>of(p.sku(), p.name(), p.brand(), p.category(), p.unitCost(), p.msrp(),
                            p.launchDate() == null ? "" : p.launchDate(), p.hero())).toList());
            write(folder.resolve("prices.csv"), PRICE_COLUMNS, catalog.prices().stream()
                    .map(p -> List.<Object>of(p.sku(), p.channel(), p.price())).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, List<String> header, List<List<Object>> rows) throws IOException {
        try (var out = Files.newBufferedWriter(file); var csv = new org.apache.commons.csv.CSVPrinter(out,
                org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (List<Object> row : rows) {
                csv.printRecord(row.stream().map(cell -> cell instanceof BigDecimal number ? number.toPlainString()
                        : String.valueOf(cell)).toList());
            }
        }
    }

    /** Loads the shipped channels, catalog and prices when the database has none yet. */
    public void seedIfEmpty(Path samplesFolder) {
        if (database.read(handle -> handle.attach(CatalogDao.class).channelCount()) > 0) {
            return;
        }
        byte[] channels = sample(samplesFolder, "channels.csv");
        byte[] products = sample(samplesFolder, "products.csv");
        byte[] prices = sample(samplesFolder, "prices.csv");
        List<Channel> parsedChannels = CatalogCsv.parseChannels(channels);
        List<Product> parsedProducts = CatalogCsv.parseProducts(products);
        Catalog preview = new Catalog(parsedChannels, parsedProducts, List.of());
        List<CurrentPrice> parsedPrices = CatalogCsv.parsePrices(prices, preview);
        database.write(handle -> {
            CatalogDao dao = handle.attach(CatalogDao.class);
            dao.insertChannels(parsedChannels);
            dao.insertProducts(parsedProducts);
            dao.insertPrices(parsedPrices);
            return null;
        });
        reload();
        LOG.info("seeded {} channels, {} products and {} current prices from the shipped samples",
                parsedChannels.size(), parsedProducts.size(), parsedPrices.size());
    }

    /**
     * Replaces the catalog with the products of {@code csv}. Products it would remove (and their
     * prices) are refused while anything waits on them (409 {@code catalog_in_use}); otherwise they
     * are removed only when {@code confirmed}, else the answer lists them (409 {@code confirm_removal}).
     */
    public ReplaceSummary replaceProducts(byte[] csv, boolean confirmed) {
        List<Product> products = CatalogCsv.parseProducts(csv);
        Set<String> listed = new HashSet<>();
        products.forEach(product -> listed.add(product.sku()));
        List<String> removed = current().products().stream().map(Product::sku).filter(sku -> !listed.contains(sku))
                .sorted().toList();
        int dropped = database.write(handle -> {
            CatalogDao dao = handle.attach(CatalogDao.class);
            refuseRemoval(dao, removed, List.of(), confirmed);
            dao.deletePrices();
            dao.deleteProducts();
            dao.insertProducts(products);
            List<CurrentPrice> kept = keptPrices(products);
            dao.insertPrices(kept);
            return current().priceCount() - kept.size();
        });
        reload();
        return new ReplaceSummary(products.size(), current().priceCount(), dropped);
    }

    /**
     * Replaces the current prices with those of {@code csv}. Prices it would remove are refused while
     * a pending proposal or a scheduled price of that SKU and channel waits on them; otherwise they are
     * removed only when {@code confirmed}, else the answer lists them.
     */
    public ReplaceSummary replacePrices(byte[] csv, boolean confirmed) {
        List<CurrentPrice> prices = CatalogCsv.parsePrices(csv, current());
        int before = current().priceCount();
        Set<String> kept = new HashSet<>();
        prices.forEach(price -> kept.add(price.sku() + " on " + price.channel()));
        List<CurrentPrice> removed = current().prices().stream()
                .filter(price -> !kept.contains(price.sku() + " on " + price.channel())).toList();
        database.write(handle -> {
            CatalogDao dao = handle.attach(CatalogDao.class);
            refuseRemoval(dao, List.of(), removed, confirmed);
            dao.deletePrices();
            dao.insertPrices(prices);
            return null;
        });
        reload();
        return new ReplaceSummary(current().products().size(), prices.size(), Math.max(0, before - prices.size()));
    }

    /** Most rows a refusal lists; the answer says how many there were in all. */
    static final int LISTED = 200;

    /**
     * Refuses, inside the replacing write, to remove products or prices that something waits on, and
     * to remove anything unconfirmed; nothing has been written when it throws.
     */
    private static void refuseRemoval(CatalogDao dao, List<String> skus, List<CurrentPrice> prices, boolean confirmed) {
        if (skus.isEmpty() && prices.isEmpty()) {
            return;
        }
        Set<String> removedSkus = new HashSet<>(skus);
        Set<String> removedPrices = new HashSet<>();
        prices.forEach(price -> removedPrices.add(price.sku() + " on " + price.channel()));
        List<Map<String, Object>> inUse = new ArrayList<>();
        for (CatalogDao.Reference reference : dao.references()) {
            boolean product = removedSkus.contains(reference.sku());
            boolean price = reference.channel() != null
                    && removedPrices.contains(reference.sku() + " on " + reference.channel());
            if (product || price) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("sku", reference.sku());
                if (reference.channel() != null) {
                    row.put("channel", reference.channel());
                }
                row.put("waiting", reference.what());
                inUse.add(row);
            }
        }
        if (!inUse.isEmpty()) {
            throw new Refusal(ErrorCode.CATALOG_IN_USE, inUse.size() + " record(s) still wait on rows this file "
                    + "removes: decide or withdraw them first, or keep those rows", List.of(),
                    Map.of("inUse", inUse.subList(0, Math.min(LISTED, inUse.size())), "count", inUse.size()));
        }
        if (!confirmed) {
            Map<String, Object> removal = new LinkedHashMap<>();
            removal.put("productsRemoved", skus.subList(0, Math.min(LISTED, skus.size())));
            removal.put("productCount", skus.size());
            removal.put("pricesRemoved", prices.subList(0, Math.min(LISTED, prices.size())));
            removal.put("priceCount", prices.size());
            throw new Refusal(ErrorCode.CONFIRM_REMOVAL, "this file removes " + skus.size() + " product(s) and "
                    + prices.size() + " price(s) listed in details; send it again with ?confirm=remove to go ahead",
                    List.of(), removal);
        }
    }

    private List<CurrentPrice> keptPrices(List<Product> products) {
        Set<String> skus = new HashSet<>();
        products.forEach(product -> skus.add(product.sku()));
        List<CurrentPrice> kept = new ArrayList<>();
        for (Product product : current().products()) {
            if (skus.contains(product.sku())) {
                current().pricesOf(product.sku()).forEach((channel, price) ->
                        kept.add(new CurrentPrice(product.sku(), channel, price)));
            }
        }
        return kept;
    }

    /**
     * Records an approved price change inside the caller's write; it becomes current through
     * {@link #applyDuePrices} once its effective date has come in the channel's time zone.
     */
    public boolean approvePrice(Handle handle, ScheduledPrice price, Instant now) {
        return CatalogDao.approve(handle, price, isDue(price, current(), now), now);
    }

    /**
     * Brings the snapshot up to date after an approved price change committed: the new current price,
     * or the change waiting for its date. Cheaper than {@link #reload()}, which reads everything; the
     * sweep reloads every minute in any case.
     */
    public synchronized void priceApproved(ScheduledPrice price, boolean current) {
        this.current.updateAndGet(catalog -> current ? catalog.withCurrentPrice(price.sku(), price.channel(), price.price())
                : catalog.withScheduled(price));
    }

    private static boolean isDue(ScheduledPrice price, Catalog catalog, Instant now) {
        return !price.effectiveFrom().isAfter(LocalDate.ofInstant(now, catalog.zoneOf(price.channel())));
    }

    /**
     * Makes every approved price change whose effective date has come (in its channel's time zone)
     * the current price, and refreshes the snapshot. Returns how many became current. A change for a
     * SKU no longer in the catalog waits until the SKU is back.
     */
    public int applyDuePrices(Instant now) {
        int applied = database.write(handle -> {
            CatalogDao dao = handle.attach(CatalogDao.class);
            Catalog catalog = current();
            int count = 0;
            for (ScheduledPrice change : dao.scheduledPrices()) {
                if (isDue(change, catalog, now) && dao.productCount(change.sku()) > 0) {
                    dao.makeCurrent(change);
                    count += dao.markApplied(change.proposalId(), now);
                }
            }
            return count;
        });
        reload();
        return applied;
    }

    /** Reads the reference data again, after a change made in someone else's write. */
    public synchronized void reload() {
        current.set(database.read(handle -> {
            CatalogDao dao = handle.attach(CatalogDao.class);
            return new Catalog(dao.channels(), dao.products(), dao.prices(), dao.scheduledPrices());
        }));
    }


    private static byte[] sample(Path folder, String name) {
        try {
            Path file = folder == null ? null : folder.resolve(name);
            if (file != null && Files.isRegularFile(file)) {
                return Files.readAllBytes(file);
            }
            try (InputStream in = CatalogService.class.getClassLoader().getResourceAsStream("shipped/samples/reference/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("no shipped sample file " + name);
                }
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
