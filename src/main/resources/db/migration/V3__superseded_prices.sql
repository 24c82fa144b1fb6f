-- A price change approved later for the same SKU, channel and effective date supersedes an earlier
-- one that is not current yet; superseded changes never become current.
alter table scheduled_prices add column superseded_by integer references proposals (id);

-- at most one waiting change per SKU, channel and date: found without reading the superseded ones
create index scheduled_prices_waiting on scheduled_prices (sku, channel, effective_from)
    where applied_at is null and superseded_by is null;
