-- Users and their API tokens (only SHA-256 hashes of tokens are stored).
create table users (
    id          integer primary key autoincrement,
    name        text    not null unique,
    created_at  text    not null
);

create table user_roles (
    user_id     integer not null references users (id),
    role        text    not null,
    primary key (user_id, role)
);

create table api_tokens (
    token_hash  text    primary key,
    user_id     integer not null references users (id),
    created_at  text    not null
);

-- Reference data maintained by finance. Money and percentages are exact decimals kept as text.
create table channels (
    code                 text primary key,
    name                 text not null,
    engine               text not null check (engine in ('DTC', 'MARKETPLACE', 'WHOLESALE')),
    currency             text not null,
    time_zone            text not null,
    referral_percent     text not null,
    fulfilment_fee       text not null,
    payment_percent      text not null,
    return_rate_percent  text not null,
    cost_per_return      text not null
);

create table products (
    sku          text primary key,
    name         text not null,
    brand        text not null,
    category     text not null,
    unit_cost    text not null,
    msrp         text not null,
    launch_date  text,
    hero         integer not null default 0
);

create table current_prices (
    sku      text not null references products (sku),
    channel  text not null references channels (code),
    price    text not null,
    primary key (sku, channel)
);

-- Every price and promo proposal, as submitted and as evaluated; never updated by a check.
create table proposals (
    id                integer primary key autoincrement,
    kind              text    not null check (kind in ('PRICE', 'PROMO')),
    status            text    not null,
    verdict           text    not null,
    channel           text    not null,
    engine            text    not null,
    sku               text,
    category          text,
    effective_from    text,
    start_date        text,
    end_date          text,
    discount_percent  text,
    request           text    not null,
    evaluation        text    not null,
    ruleset_version   text    not null,
    requested_by      integer not null references users (id),
    created_at        text    not null
);

create index proposals_by_status on proposals (status, created_at);
create index proposals_by_channel on proposals (channel, created_at);

-- The SKUs a proposal covers (one for a price, one or more for a promo), for history look-ups.
create table proposal_skus (
    proposal_id  integer not null references proposals (id),
    sku          text    not null,
    primary key (proposal_id, sku)
);

create index proposal_skus_by_sku on proposal_skus (sku);
