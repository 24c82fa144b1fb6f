-- A price change approved later for the same SKU, channel and effective date supersedes an earlier
-- one that is not current yet; superseded changes never become current.
alter table scheduled_prices add column superseded_by integer references proposals (id);

create index scheduled_prices_by_key on scheduled_prices (sku, channel, effective_from);
