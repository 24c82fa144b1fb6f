-- Allocation requests: operations asks how to split scarce units between channels. One row per
-- request (one or more SKUs), recorded with its input, the ruleset version that answered, who asked,
-- and its status (APPROVED at once, or PENDING_APPROVAL when it proposes its own split).
create table allocations (
    id               integer primary key autoincrement,
    status           text    not null,
    verdict          text    not null,
    start_date       text    not null,
    horizon_weeks    integer not null check (horizon_weeks >= 1),
    sku_count        integer not null,
    available        integer not null,
    allocated        integer not null,
    shortfalls       integer not null,
    overrides        integer not null,
    note             text,
    request          text    not null,
    content_hash     text    not null,
    ruleset_version  text    not null,
    route_id         integer not null references routes (id),
    requested_by     integer not null references users (id),
    created_at       text    not null
);

create index allocations_by_status on allocations (status, created_at);
create index allocations_by_created on allocations (created_at);

-- One row per SKU of a request: its band, verdict and figures, and its whole plan (channels,
-- treatments with their table rows, waterfall, override, findings) as JSON.
create table allocation_lines (
    allocation_id  integer not null references allocations (id),
    position       integer not null,
    sku            text    not null,
    band           text    not null,
    verdict        text    not null,
    available      integer not null,
    allocated      integer not null,
    shortfalls     integer not null,
    overridden     integer not null,
    plan           text    not null,
    primary key (allocation_id, position)
);

create index allocation_lines_by_sku on allocation_lines (sku, allocation_id);
