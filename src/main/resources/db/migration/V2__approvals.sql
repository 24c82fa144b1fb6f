-- A RACI route as the table gave it (who is Responsible, Accountable, Consulted, Informed, how many
-- sign-offs, when requests expire, the table row), stored once and shared by every proposal routed
-- the same way; route_roles lists its roles for the queue and the feed.
create table routes (
    id          integer primary key autoincrement,
    hash        text    not null unique,
    definition  text    not null
);

create table route_roles (
    route_id  integer not null references routes (id),
    raci      text    not null check (raci in ('R', 'A', 'C', 'I')),
    role      text    not null,
    primary key (route_id, raci, role)
);

create index route_roles_by_role on route_roles (role, raci);

-- Every proposal keeps the route it was given when submitted, whatever its verdict.
alter table proposals add column route_id integer references routes (id);

-- A decision waiting for its Accountable people: a proposal whose verdict is PENDING_APPROVAL, or
-- the activation of a ruleset version; routed by the RACI table (route_id) when it was asked for.
create table approval_requests (
    id                  integer primary key autoincrement,
    subject_type        text    not null check (subject_type in ('PROPOSAL', 'RULESET')),
    subject_id          integer not null,
    decision_type       text    not null,
    channel             text,
    status              text    not null check (status in ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'EXPIRED')),
    sign_offs_required  integer not null check (sign_offs_required >= 1),
    content_hash        text    not null,
    route_id            integer not null references routes (id),
    requested_by        integer not null references users (id),
    activate_at         text,
    created_at          text    not null,
    expires_at          text    not null,
    decided_at          text
);

create unique index approval_requests_one_per_proposal on approval_requests (subject_id)
    where subject_type = 'PROPOSAL';
create index approval_requests_by_subject on approval_requests (subject_type, subject_id);
create index approval_requests_by_status on approval_requests (status, created_at);

-- One row per Accountable person who approved a request, with the re-check made at that moment.
create table sign_offs (
    request_id       integer not null references approval_requests (id),
    user_id          integer not null references users (id),
    role             text    not null,
    comment          text,
    recheck          text    not null,
    ruleset_version  text    not null,
    signed_at        text    not null,
    primary key (request_id, user_id)
);

-- Approved price changes, current from their effective date (in the channel's time zone).
create table scheduled_prices (
    proposal_id     integer primary key references proposals (id),
    sku             text    not null,
    channel         text    not null,
    price           text    not null,
    effective_from  text    not null,
    approved_at     text    not null,
    applied_at      text
);

create index scheduled_prices_pending on scheduled_prices (applied_at, effective_from);

-- The audit trail: append-only, one row per state change, each carrying the hash of the one before.
-- seq is assigned by Governor (1, 2, 3, ...) so a deleted row leaves a gap that verification finds.
create table audit_events (
    seq              integer primary key,
    at               text    not null,
    event            text    not null,
    subject_type     text    not null,
    subject_id       integer not null,
    actor_id         integer references users (id),
    actor            text    not null,
    role             text,
    comment          text,
    ruleset_version  text,
    detail           text    not null,
    prev_hash        text    not null,
    hash             text    not null
);

create index audit_events_by_subject on audit_events (subject_type, subject_id, seq);
create index audit_events_by_event on audit_events (event, seq);
