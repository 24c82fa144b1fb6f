-- Budget shift requests: a lead asks to move part of a week's media budget from one line to another.
-- One row per request, with what was asked (request, hashed at submission), what the rules found
-- (findings and the figures of both lines, as answered), the ruleset version, who asked, and its
-- status: APPROVED at once, PENDING_APPROVAL, REJECTED, or later WITHDRAWN / EXPIRED. Amounts are
-- whole cents, so the flex sums are exact.
create table budget_shifts (
    id                 integer primary key autoincrement,
    week               text    not null,
    from_line          text    not null,
    to_line            text    not null,
    from_engine        text    not null,
    to_engine          text    not null,
    amount_cents       integer not null check (amount_cents > 0),
    marginal_roas      text    not null,
    evidence_kind      text,
    note               text,
    status             text    not null
        check (status in ('APPROVED', 'PENDING_APPROVAL', 'REJECTED', 'WITHDRAWN', 'EXPIRED')),
    verdict            text    not null check (verdict in ('APPROVED', 'PENDING_APPROVAL', 'REJECTED')),
    request            text    not null,
    findings           text    not null,
    lines              text    not null,
    content_hash       text    not null,
    ruleset_version    text    not null,
    route_id           integer not null references routes (id),
    requested_by       integer not null references users (id),
    created_at         text    not null,
    check (from_line <> to_line)
);

-- covers the flex sums each request makes inside the serialised write: no table lookups
create index budget_shifts_by_week on budget_shifts (week, status, from_line, to_line, amount_cents);
create index budget_shifts_by_created on budget_shifts (created_at);
