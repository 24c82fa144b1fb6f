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

-- the week view reads a week's approved and pending shifts from these two alone
create index budget_shifts_by_week on budget_shifts (week, status, from_line, to_line, from_engine, to_engine,
                                                     amount_cents);
create index budget_shifts_by_week_to on budget_shifts (week, status, to_line);
create index budget_shifts_by_created on budget_shifts (created_at);

-- What shifts did to each line in each week, in cents, kept in the same write as every change of a
-- shift's status, so a request reads its two lines in constant time however many shifts the week
-- holds. Audit verification recomputes it from budget_shifts.
create table budget_flex (
    week             text    not null,
    line             text    not null,
    moved_in_cents   integer not null default 0 check (moved_in_cents >= 0),
    moved_out_cents  integer not null default 0 check (moved_out_cents >= 0),
    held_out_cents   integer not null default 0 check (held_out_cents >= 0),
    primary key (week, line)
);
