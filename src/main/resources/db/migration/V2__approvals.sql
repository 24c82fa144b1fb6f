-- Who is Responsible, Accountable, Consulted and Informed for each recorded proposal, as the RACI
-- table routed it when the proposal was submitted (kept for every verdict, for the queue and the feed).
create table decision_roles (
    proposal_id  integer not null references proposals (id),
    raci         text    not null check (raci in ('R', 'A', 'C', 'I')),
    role         text    not null,
    primary key (proposal_id, raci, role)
);

create index decision_roles_by_role on decision_roles (role, raci);

-- A proposal that needs a decision (verdict PENDING_APPROVAL), routed by the RACI table.
create table approval_requests (
    id                  integer primary key autoincrement,
    proposal_id         integer not null unique references proposals (id),
    decision_type       text    not null,
    channel             text    not null,
    status              text    not null check (status in ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'EXPIRED')),
    sign_offs_required  integer not null check (sign_offs_required >= 1),
    content_hash        text    not null,
    route               text    not null,
    created_at          text    not null,
    expires_at          text    not null,
    decided_at          text
);

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
