package dev.governor.reference;

import dev.governor.store.WriterJdbc;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** CatalogDao reads and replaces channels, products and current prices. */
interface CatalogDao {

    @SqlQuery("""
            select code, name, engine, currency, time_zone, referral_percent, fulfilment_fee, payment_percent,
                   return_rate_percent, cost_per_return
            from channels order by code
            """)
    @RegisterConstructorMapper(Channel.class)
    List<Channel> channels();

    @SqlQuery("select sku, name, brand, category, unit_cost, msrp, launch_date, hero from products order by sku")
    @RegisterConstructorMapper(Product.class)
    List<Product> products();

    @SqlQuery("select sku, channel, price from current_prices order by sku, channel")
    @RegisterConstructorMapper(CurrentPrice.class)
    List<CurrentPrice> prices();

    @SqlBatch("""
            insert into channels (code, name, engine, currency, time_zone, referral_percent, fulfilment_fee,
                                  payment_percent, return_rate_percent, cost_per_return)
            values (:code, :name, :engine, :currency, :timeZone, :referralPercent, :fulfilmentFee,
                    :paymentPercent, :returnRatePercent, :costPerReturn)
            """)
    void insertChannels(@BindMethods List<Channel> channels);

    @SqlBatch("""
            insert into products (sku, name, brand, category, unit_cost, msrp, launch_date, hero)
            values (:sku, :name, :brand, :category, :unitCost, :msrp, :launchDate, :hero)
            """)
    void insertProducts(@BindMethods List<Product> products);

    @SqlBatch("insert into current_prices (sku, channel, price) values (:sku, :channel, :price)")
    void insertPrices(@BindMethods List<CurrentPrice> prices);

    /** Reference is a record still waiting on a SKU (and, for prices, a channel): what it is, and where. */
    record Reference(String what, String sku, String channel) {
    }

    /** Everything that still waits on the catalog: pending proposals, scheduled prices, pending allocations. */
    @SqlQuery("""
            select 'pending proposal ' || p.id as what, s.sku as sku, p.channel as channel
            from proposals p join proposal_skus s on s.proposal_id = p.id where p.status = 'PENDING_APPROVAL'
            union all
            select 'price scheduled by proposal ' || proposal_id || ' from ' || effective_from, sku, channel
            from scheduled_prices where applied_at is null and superseded_by is null
            union all
            select 'pending allocation ' || a.id, l.sku, null
            from allocations a join allocation_lines l on l.allocation_id = a.id where a.status = 'PENDING_APPROVAL'
            """)
    @RegisterConstructorMapper(Reference.class)
    List<Reference> references();

    @SqlUpdate("delete from products")
    int deleteProducts();

    @SqlUpdate("delete from current_prices")
    int deletePrices();

    @SqlUpdate("delete from current_prices where sku not in (select sku from products)")
    int deletePricesOfUnknownSkus();

    @SqlQuery("""
            select proposal_id, sku, channel, price, effective_from, approved_at from scheduled_prices
            where applied_at is null and superseded_by is null order by effective_from, approved_at, proposal_id
            """)
    @RegisterConstructorMapper(ScheduledPrice.class)
    List<ScheduledPrice> scheduledPrices();

    String SCHEDULE = """
            insert into scheduled_prices (proposal_id, sku, channel, price, effective_from, approved_at)
            values (:proposalId, :sku, :channel, :price, :effectiveFrom, :approvedAt)
            """;

    /** A price due now, recorded as applied when its SKU is in the catalog (else it waits, as SCHEDULE does). */
    String SCHEDULE_APPLIED = """
            insert into scheduled_prices (proposal_id, sku, channel, price, effective_from, approved_at, applied_at)
            values (:proposalId, :sku, :channel, :price, :effectiveFrom, :approvedAt,
                    (select :at where exists (select 1 from products where sku = :sku)))
            """;

    /** MAKE_CURRENT when the SKU is in the catalog: one row changed, else none. */
    String MAKE_CURRENT_IF_LISTED = """
            insert into current_prices (sku, channel, price)
            select :sku, :channel, :price where exists (select 1 from products where sku = :sku)
            on conflict (sku, channel) do update set price = excluded.price
            """;

    String SUPERSEDE = """
            update scheduled_prices set superseded_by = :proposalId
            where sku = :sku and channel = :channel and effective_from = :effectiveFrom and proposal_id <> :proposalId
              and applied_at is null and superseded_by is null
            """;

    String MAKE_CURRENT = """
            insert into current_prices (sku, channel, price) values (:sku, :channel, :price)
            on conflict (sku, channel) do update set price = excluded.price
            """;

    String MARK_APPLIED = "update scheduled_prices set applied_at = :at where proposal_id = :id and applied_at is null";

    String PRODUCT_COUNT = "select count(*) from products where sku = :sku";

    @SqlUpdate(MAKE_CURRENT)
    void makeCurrent(@BindMethods ScheduledPrice price);

    @SqlUpdate(MARK_APPLIED)
    int markApplied(@org.jdbi.v3.sqlobject.customizer.Bind("id") long proposalId,
                    @org.jdbi.v3.sqlobject.customizer.Bind("at") java.time.Instant at);

    @SqlQuery(PRODUCT_COUNT)
    int productCount(@org.jdbi.v3.sqlobject.customizer.Bind("sku") String sku);

    @SqlQuery("select count(*) from channels")
    int channelCount();

    /**
     * Inside a write, on the writer's hot path ({@link WriterJdbc}): schedules an approved price,
     * supersedes what it replaces on its date, and when it is {@code due} records it applied and makes
     * it current — each only when its SKU is in the catalog. Answers whether it became current.
     */
    static boolean approve(Handle handle, ScheduledPrice price, boolean due, Instant now) {
        WriterJdbc.update(handle, due ? SCHEDULE_APPLIED : SCHEDULE, schedule -> {
            onDate(schedule, price).set("price", price.price()).set("approvedAt", price.approvedAt());
            if (due) {
                schedule.set("at", now);
            }
        });
        WriterJdbc.update(handle, SUPERSEDE, supersede -> onDate(supersede, price));
        return due && WriterJdbc.update(handle, MAKE_CURRENT_IF_LISTED, current -> current
                .set("sku", price.sku()).set("channel", price.channel()).set("price", price.price())) == 1;
    }

    /** Sets which proposal sets a price for which SKU, channel and date. */
    private static WriterJdbc onDate(WriterJdbc statement, ScheduledPrice price) {
        return statement.set("proposalId", price.proposalId()).set("sku", price.sku()).set("channel", price.channel())
                .set("effectiveFrom", price.effectiveFrom());
    }
}
