-- 0007: the KPI engine's tables (issue #4): schemes and their versions, plans, scheme assignments, periods and their
-- audit trail, payouts, adjustments of closed periods, and the dirty sets that make recompute incremental.

-- A scheme version takes effect from a period start and is never edited: a change is a new version (KPI.md).
create table if not exists kpisync.kpi_schemes (
    connection_id  integer not null references kpisync.connections(id) on delete cascade,
    name           text not null,
    version        integer not null,
    effective_from text not null,          -- YYYY-MM; the first version of a scheme uses '0001-01' (always in force)
    body           jsonb not null,
    author         text not null,
    created_at     timestamptz not null,
    primary key (connection_id, name, version)
);

-- Which scheme an employee follows, from a period on; the latest row with effective_from <= P applies to P.
create table if not exists kpisync.employee_schemes (
    connection_id  integer not null references kpisync.connections(id) on delete cascade,
    employee_id    bigint not null,
    effective_from text not null,
    scheme_name    text not null,
    author         text not null,
    assigned_at    timestamptz not null,
    primary key (connection_id, employee_id, effective_from)
);

create table if not exists kpisync.kpi_plans (
    connection_id integer not null references kpisync.connections(id) on delete cascade,
    employee_id   bigint not null,
    period        text not null,
    indicator     text not null,
    plan          numeric not null,
    primary key (connection_id, employee_id, period, indicator)
);

create table if not exists kpisync.periods (
    connection_id integer not null references kpisync.connections(id) on delete cascade,
    period        text not null,
    status        text not null check (status in ('open', 'closed')),
    changed_at    timestamptz not null,
    changed_by    text not null,
    primary key (connection_id, period)
);

create table if not exists kpisync.audit_log (
    id            bigint generated always as identity primary key,
    at            timestamptz not null,
    actor         text not null,
    action        text not null,
    connection_id integer references kpisync.connections(id) on delete cascade,
    details       jsonb not null default '{}'::jsonb
);
create index if not exists audit_log_connection_at on kpisync.audit_log (connection_id, at desc);

-- Pay per employee-period as the scheme computed it: what a payroll export reads.
create table if not exists kpisync.payouts (
    connection_id  integer not null references kpisync.connections(id) on delete cascade,
    employee_id    bigint not null,
    period         text not null,
    scheme_name    text not null,
    scheme_version integer not null,
    kpi_index      numeric,
    fixed          numeric(18, 2) not null,
    bonus          numeric(18, 2) not null,
    penalties      numeric(18, 2) not null,
    total          numeric(18, 2) not null,
    breakdown      jsonb not null,
    computed_at    timestamptz not null,
    primary key (connection_id, period, employee_id)
);

-- A closed period keeps its values; what a recompute would give now is shown beside them, never written over them.
create table if not exists kpisync.kpi_adjustments (
    connection_id integer not null references kpisync.connections(id) on delete cascade,
    employee_id   bigint not null,
    period        text not null,
    indicator     text not null,
    frozen_value  numeric,
    current_value numeric,
    detected_at   timestamptz not null,
    primary key (connection_id, period, employee_id, indicator)
);

-- Stages may be mapped to the potential or the real phase (KPI.md "Potential vs real deals").
alter table kpisync.stages add column if not exists phase text check (phase in ('potential', 'real'));

-- The client (amoCRM company) a deal belongs to: new clients and repeat purchases.
alter table kpisync.deals add column if not exists client_id bigint;

-- An index for per-employee reads (incremental recompute, explanations).
create index if not exists funnel_events_connection_employee_time on kpisync.funnel_events (connection_id, employee_id, occurred_at);

-- Dirty sets. Triggers on the fact and deal tables fill them in the writing transaction, so no path that changes a
-- fact (sync, quarantine retry, deletion) can forget to; a recompute takes what it handles in its own transaction.
-- Activity facts (calls, meetings, tasks) dirty their maker's month: everything a touch feeds (response time, attention)
-- counts for its maker in the touch's month, and a recompute redoes an employee's months from the earliest dirty one
-- on, so a late earlier touch that takes over "first response" is covered too. Deal facts dirty the deal, because a
-- deal's facts are attributed through its whole responsible history.
-- No unique keys, on purpose: parallel sync streams mark overlapping rows in different orders, and unique inserts
-- would make them wait on each other (and deadlock). Duplicates are cheap; the recompute takes them all and de-duplicates.
create table if not exists kpisync.kpi_dirty_months (
    connection_id integer not null,
    employee_id   bigint not null,
    period        text not null
);
create index if not exists kpi_dirty_months_connection on kpisync.kpi_dirty_months (connection_id);

create table if not exists kpisync.kpi_dirty_deals (
    connection_id integer not null,
    deal_id       bigint not null
);
create index if not exists kpi_dirty_deals_connection on kpisync.kpi_dirty_deals (connection_id);

-- One function for the three triggers; PL/pgSQL resolves a transition table only in the branch that runs.
create or replace function kpisync.mark_dirty_facts() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into kpisync.kpi_dirty_months (connection_id, employee_id, period)
        select distinct f.connection_id, f.employee_id, to_char(f.occurred_at at time zone coalesce(c.time_zone, 'UTC'), 'YYYY-MM')
        from new_facts f join kpisync.connections c on c.id = f.connection_id
        where f.employee_id is not null and f.kind in ('call_in', 'call_out', 'meeting', 'task');
        insert into kpisync.kpi_dirty_deals (connection_id, deal_id)
        select distinct connection_id, deal_id from new_facts where deal_id is not null and kind not in ('call_in', 'call_out', 'meeting', 'task');
    elsif tg_op = 'UPDATE' then
        insert into kpisync.kpi_dirty_months (connection_id, employee_id, period)
        select distinct f.connection_id, f.employee_id, to_char(f.occurred_at at time zone coalesce(c.time_zone, 'UTC'), 'YYYY-MM')
        from (select * from new_facts union all select * from old_facts) f join kpisync.connections c on c.id = f.connection_id
        where f.employee_id is not null and f.kind in ('call_in', 'call_out', 'meeting', 'task');
        insert into kpisync.kpi_dirty_deals (connection_id, deal_id)
        select distinct connection_id, deal_id from (select * from new_facts union all select * from old_facts) f where deal_id is not null and kind not in ('call_in', 'call_out', 'meeting', 'task');
    else
        insert into kpisync.kpi_dirty_months (connection_id, employee_id, period)
        select distinct f.connection_id, f.employee_id, to_char(f.occurred_at at time zone coalesce(c.time_zone, 'UTC'), 'YYYY-MM')
        from old_facts f join kpisync.connections c on c.id = f.connection_id
        where f.employee_id is not null and f.kind in ('call_in', 'call_out', 'meeting', 'task');
        insert into kpisync.kpi_dirty_deals (connection_id, deal_id)
        select distinct connection_id, deal_id from old_facts where deal_id is not null and kind not in ('call_in', 'call_out', 'meeting', 'task');
    end if;
    return null;
end $$;

drop trigger if exists funnel_events_dirty_insert on kpisync.funnel_events;
create trigger funnel_events_dirty_insert after insert on kpisync.funnel_events
    referencing new table as new_facts for each statement execute function kpisync.mark_dirty_facts();
drop trigger if exists funnel_events_dirty_update on kpisync.funnel_events;
create trigger funnel_events_dirty_update after update on kpisync.funnel_events
    referencing old table as old_facts new table as new_facts for each statement execute function kpisync.mark_dirty_facts();
drop trigger if exists funnel_events_dirty_delete on kpisync.funnel_events;
create trigger funnel_events_dirty_delete after delete on kpisync.funnel_events
    referencing old table as old_facts for each statement execute function kpisync.mark_dirty_facts();

-- A deal's own columns (price, responsible, stage, deletion, cost, segment, product, payment) feed its KPIs too.
create or replace function kpisync.mark_dirty_deals() returns trigger language plpgsql as $$
begin
    insert into kpisync.kpi_dirty_deals (connection_id, deal_id)
    select distinct connection_id, crm_id from new_deals;
    return null;
end $$;

drop trigger if exists deals_dirty_insert on kpisync.deals;
create trigger deals_dirty_insert after insert on kpisync.deals
    referencing new table as new_deals for each statement execute function kpisync.mark_dirty_deals();
drop trigger if exists deals_dirty_update on kpisync.deals;
create trigger deals_dirty_update after update on kpisync.deals
    referencing new table as new_deals for each statement execute function kpisync.mark_dirty_deals();

-- When each connection was last recomputed: the running period's values move with time alone (idle days complete,
-- open deals age), so every recompute covers it, and the period that ended since the last one.
create table if not exists kpisync.kpi_state (
    connection_id     integer primary key references kpisync.connections(id) on delete cascade,
    last_recompute_at timestamptz not null,
    fingerprint       text not null      -- settings, stages and catalog the values were computed with; a change means a full recompute
);

-- Work calendars for idle time: employee_id 0 is the connection's default; others override it for one employee.
create table if not exists kpisync.work_calendars (
    connection_id integer not null references kpisync.connections(id) on delete cascade,
    employee_id   bigint not null,
    body          jsonb not null,
    primary key (connection_id, employee_id)
);
