-- 0014: what a cell is made of, stored, so an incremental recompute redoes only what new facts touch (issue #4).
-- Why: a cell's deal totals are the sum of its deals' parts and its activity totals the sum of its days. A day of facts
-- then costs the deals and employee-days it touches — not every employee's months since the oldest deal closed today.

-- One employee's activities on one local day (the connection's zone); covered_seconds is that day's working time covered.
create table if not exists kpisync.kpi_activity_days (
    connection_id   integer not null references kpisync.connections(id) on delete cascade,
    employee_id     bigint not null,
    day             date not null,
    activities      integer not null,
    calls_out       bigint not null,
    calls_in        bigint not null,
    call_seconds    bigint not null,
    calls_attempted bigint not null,
    meetings        bigint not null,
    tasks_done      bigint not null,
    touches         bigint not null,
    covered_seconds bigint not null,
    primary key (connection_id, employee_id, day)
);

-- A digest of each employee-month's days: a full recompute rewrites only the months whose days changed.
create table if not exists kpisync.kpi_day_digests (
    connection_id integer not null references kpisync.connections(id) on delete cascade,
    employee_id   bigint not null,
    period        text not null,
    digest        bigint not null,
    primary key (connection_id, employee_id, period)
);

-- What one deal contributed to one employee-month (KpiPartCodec's encoding of its totals).
create table if not exists kpisync.kpi_deal_parts (
    connection_id integer not null references kpisync.connections(id) on delete cascade,
    deal_id       bigint not null,
    employee_id   bigint not null,
    period        text not null,
    body          bytea not null,
    primary key (connection_id, deal_id, employee_id, period)
);
create index if not exists kpi_deal_parts_cell on kpisync.kpi_deal_parts (connection_id, period, employee_id);

-- A digest of each deal's parts: a full recompute rewrites only the deals whose parts changed.
create table if not exists kpisync.kpi_deal_digests (
    connection_id integer not null references kpisync.connections(id) on delete cascade,
    deal_id       bigint not null,
    digest        bigint not null,
    primary key (connection_id, deal_id)
);

-- Deals finally won, by client: a client's first win is a new client, the later ones repeat purchases.
create table if not exists kpisync.kpi_client_wins (
    connection_id integer not null references kpisync.connections(id) on delete cascade,
    deal_id       bigint not null,
    client_id     bigint not null,
    won_at        timestamptz not null,
    employee_id   bigint,
    period        text,
    primary key (connection_id, deal_id)
);
create index if not exists kpi_client_wins_client on kpisync.kpi_client_wins (connection_id, client_id, won_at, deal_id);
create index if not exists kpi_client_wins_cell on kpisync.kpi_client_wins (connection_id, period, employee_id);

-- Employee-days whose activities changed. No unique key, for the reason the other dirty sets have none (0007).
create table if not exists kpisync.kpi_dirty_days (
    connection_id integer not null,
    employee_id   bigint not null,
    day           date not null
);
create index if not exists kpi_dirty_days_connection on kpisync.kpi_dirty_days (connection_id);

-- parts_version: 0 until a full recompute stored the parts above; grid_from: the first month they were computed for;
-- active_since: the active employees and their first fact then (their cells exist from that month on, empty or not).
alter table kpisync.kpi_state add column if not exists parts_version integer not null default 0;
alter table kpisync.kpi_state add column if not exists grid_from text;
alter table kpisync.kpi_state add column if not exists active_since jsonb;

-- Activity facts now dirty their maker's local day and the next one (a call across midnight covers both; a day's
-- covered time depends on the day before), and the deal they touch (attention and response time are the deal's parts).
-- Deal facts dirty their deal, as before.
create or replace function kpisync.mark_dirty_facts() returns trigger language plpgsql as $$
begin
    if tg_op in ('INSERT', 'UPDATE') then
        insert into kpisync.kpi_dirty_days (connection_id, employee_id, day)
        select distinct f.connection_id, f.employee_id, (f.occurred_at at time zone coalesce(c.time_zone, 'UTC'))::date + d
        from new_facts f join kpisync.connections c on c.id = f.connection_id, (values (0), (1)) n(d)
        where f.employee_id is not null and f.kind in ('call_in', 'call_out', 'meeting', 'task');
        insert into kpisync.kpi_dirty_deals (connection_id, deal_id)
        select distinct connection_id, deal_id from new_facts where deal_id is not null;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        insert into kpisync.kpi_dirty_days (connection_id, employee_id, day)
        select distinct f.connection_id, f.employee_id, (f.occurred_at at time zone coalesce(c.time_zone, 'UTC'))::date + d
        from old_facts f join kpisync.connections c on c.id = f.connection_id, (values (0), (1)) n(d)
        where f.employee_id is not null and f.kind in ('call_in', 'call_out', 'meeting', 'task');
        insert into kpisync.kpi_dirty_deals (connection_id, deal_id)
        select distinct connection_id, deal_id from old_facts where deal_id is not null;
    end if;
    return null;
end $$;

-- kpi_dirty_months stays for plan imports (PlanStore): a month whose plans changed is re-evaluated. Values computed
-- before this migration have no parts: the next recompute is a full one (parts_version 0).
