-- 0001: the first KpiSync tables (issue #2, walking skeleton).
-- Why: connections, the CRM reference data, the funnel event store, sync bookkeeping,
-- quarantine and computed KPI values, all in our own schema. Guarded so a re-run is harmless.

create schema if not exists kpisync;

create table if not exists kpisync.connections (
    id           integer generated always as identity primary key,
    name         text not null unique,
    kind         text not null check (kind in ('amocrm', 'bitrix24')),
    base_url     text not null,
    time_zone    text,
    settings     jsonb not null default '{}'::jsonb,
    credentials  text,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);

create table if not exists kpisync.crm_users (
    connection_id integer not null references kpisync.connections(id) on delete cascade,
    crm_id        bigint not null,
    name          text not null,
    email         text,
    is_active     boolean not null default true,
    primary key (connection_id, crm_id)
);

create table if not exists kpisync.pipelines (
    connection_id integer not null references kpisync.connections(id) on delete cascade,
    crm_id        bigint not null,
    name          text not null,
    sort          integer not null default 0,
    is_main       boolean not null default false,
    is_archive    boolean not null default false,
    primary key (connection_id, crm_id)
);

-- amoCRM reuses status ids 142/143 in every pipeline, so a stage is keyed by its pipeline too.
create table if not exists kpisync.stages (
    connection_id integer not null,
    pipeline_id   bigint not null,
    crm_id        bigint not null,
    name          text not null,
    sort          integer not null default 0,
    outcome       text not null check (outcome in ('open', 'won', 'lost')),
    primary key (connection_id, pipeline_id, crm_id),
    foreign key (connection_id, pipeline_id) references kpisync.pipelines(connection_id, crm_id) on delete cascade
);

create table if not exists kpisync.deals (
    connection_id  integer not null references kpisync.connections(id) on delete cascade,
    crm_id         bigint not null,
    name           text,
    price          numeric(18, 2) not null default 0,
    responsible_id bigint,
    pipeline_id    bigint,
    status_id      bigint,
    loss_reason_id bigint,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    closed_at      timestamptz,
    is_deleted     boolean not null default false,
    primary key (connection_id, crm_id)
);

-- One row per fact; source_key is the CRM record behind it (note:123, task:9, event:01pz…).
create table if not exists kpisync.funnel_events (
    connection_id integer not null references kpisync.connections(id) on delete cascade,
    source_key    text not null,
    kind          text not null,
    employee_id   bigint,
    deal_id       bigint,
    occurred_at   timestamptz not null,
    amount        numeric(18, 2),
    duration_s    integer,
    stage_from    bigint,
    stage_to      bigint,
    outcome       smallint,
    payload       jsonb,
    primary key (connection_id, source_key)
);
create index if not exists funnel_events_connection_time on kpisync.funnel_events (connection_id, occurred_at);
create index if not exists funnel_events_connection_deal on kpisync.funnel_events (connection_id, deal_id) where deal_id is not null;

create table if not exists kpisync.sync_cursors (
    connection_id integer not null references kpisync.connections(id) on delete cascade,
    stream        text not null,
    position      bigint not null,
    updated_at    timestamptz not null default now(),
    primary key (connection_id, stream)
);

create table if not exists kpisync.sync_runs (
    id            bigint generated always as identity primary key,
    connection_id integer not null references kpisync.connections(id) on delete cascade,
    kind          text not null,
    status        text not null check (status in ('running', 'succeeded', 'failed', 'cancelled')),
    started_at    timestamptz not null,
    finished_at   timestamptz,
    pages         integer not null default 0,
    entities      integer not null default 0,
    quarantined   integer not null default 0,
    error         text
);
create index if not exists sync_runs_connection_started on kpisync.sync_runs (connection_id, started_at desc);

create table if not exists kpisync.quarantine (
    id            bigint generated always as identity primary key,
    connection_id integer not null references kpisync.connections(id) on delete cascade,
    stream        text not null,
    record_key    text not null,
    raw           text not null,
    reason        text not null,
    first_seen_at timestamptz not null default now(),
    last_seen_at  timestamptz not null default now(),
    status        text not null default 'open' check (status in ('open', 'dismissed', 'resolved')),
    unique (connection_id, stream, record_key)
);

create table if not exists kpisync.kpi_values (
    connection_id integer not null references kpisync.connections(id) on delete cascade,
    employee_id   bigint not null,
    period        text not null,
    indicator     text not null,
    value         numeric,
    low_sample    boolean not null default false,
    explanation   jsonb not null default '{}'::jsonb,
    computed_at   timestamptz not null default now(),
    primary key (connection_id, period, employee_id, indicator)
);

-- What the CRM was last sent for each employee: the catalog element and the field values.
create table if not exists kpisync.pushback_state (
    connection_id integer not null references kpisync.connections(id) on delete cascade,
    employee_id   bigint not null,
    element_id    bigint not null,
    field_values  jsonb not null,
    pushed_at     timestamptz not null,
    primary key (connection_id, employee_id)
);
