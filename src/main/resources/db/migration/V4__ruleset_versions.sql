-- Ruleset versions: the full set of DRL files and workbooks, kept whole for every version, with
-- its content hash (the version every decision names), who uploaded it and when, and its state.
create table ruleset_versions (
    id           integer primary key autoincrement,
    hash         text    not null,
    state        text    not null check (state in ('DRAFT', 'SCHEDULED', 'ACTIVE', 'RETIRED')),
    origin       text    not null,
    based_on     integer references ruleset_versions (id),
    uploaded_by  integer references users (id),
    uploaded_at  text    not null,
    report       text    not null
);

create index ruleset_versions_by_hash on ruleset_versions (hash);

create table ruleset_files (
    version_id  integer not null references ruleset_versions (id),
    path        text    not null,
    content     blob    not null,
    primary key (version_id, path)
);

-- Every period a version was in force (a rollback makes an older version active again).
create table ruleset_activations (
    id            integer primary key autoincrement,
    version_id    integer not null references ruleset_versions (id),
    active_from   text    not null,
    active_to     text,
    activated_by  integer references users (id),
    reason        text    not null
);

create index ruleset_activations_by_time on ruleset_activations (active_from);
