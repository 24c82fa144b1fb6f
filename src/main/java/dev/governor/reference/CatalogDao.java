package dev.governor.reference;

import java.util.List;
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

    @SqlUpdate("delete from products")
    int deleteProducts();

    @SqlUpdate("delete from current_prices")
    int deletePrices();

    @SqlUpdate("delete from current_prices where sku not in (select sku from products)")
    int deletePricesOfUnknownSkus();

    @SqlQuery("select count(*) from channels")
    int channelCount();
}
