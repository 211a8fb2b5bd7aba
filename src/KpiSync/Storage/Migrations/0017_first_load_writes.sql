-- A connection's first sync writes its whole history: every index and every dirty mark is paid per row.

-- (connection_id, occurred_at) served two recompute queries only — the earliest fact, and the facts that became the
-- past since the last recompute — and cost 1.5 µs of a fact's write. Both now walk the (connection, employee, time)
-- index employee by employee (KpiInputStore), a few hundred probes instead of an index entry per fact.
drop index if exists kpisync.funnel_events_connection_time;

-- Before a connection's first recompute nothing is marked dirty: that recompute is a full one (it has no kpi_state
-- row), and marking a first load's facts and deals was a tenth of its write time. Writers hold the recompute lock
-- shared (ConnectionHold), so the first recompute can neither run unseen while a statement skips its marks nor start
-- before that statement's transaction ends. A statement that writes for several connections marks as before.
create or replace function kpisync.has_kpi_state(rows_connection integer) returns boolean language sql stable as $$
    select exists (select 1 from kpisync.kpi_state where connection_id = rows_connection)
$$;

create or replace function kpisync.mark_dirty_facts() returns trigger language plpgsql as $$
declare
    c integer;
begin
    -- (Each transition table is named only in the branches of the operations that have it.)
    if tg_op = 'INSERT' then
        select connection_id into c from new_facts limit 1;
        if not kpisync.has_kpi_state(c) and not exists (select 1 from new_facts where connection_id <> c) then
            return null;
        end if;
    elsif tg_op = 'UPDATE' then
        select connection_id into c from new_facts limit 1;
        if not kpisync.has_kpi_state(c) and not exists (select 1 from new_facts where connection_id <> c)
           and not exists (select 1 from old_facts where connection_id <> c) then
            return null;
        end if;
    else
        select connection_id into c from old_facts limit 1;
        if not kpisync.has_kpi_state(c) and not exists (select 1 from old_facts where connection_id <> c) then
            return null;
        end if;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        insert into kpisync.kpi_dirty_days (connection_id, employee_id, day)
        select distinct f.connection_id, f.employee_id, (f.occurred_at at time zone coalesce(cn.time_zone, 'UTC'))::date + d
        from new_facts f join kpisync.connections cn on cn.id = f.connection_id, (values (0), (1)) n(d)
        where f.employee_id is not null and f.kind in ('call_in', 'call_out', 'meeting', 'task');
        insert into kpisync.kpi_dirty_deals (connection_id, deal_id)
        select distinct connection_id, deal_id from new_facts where deal_id is not null;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        insert into kpisync.kpi_dirty_days (connection_id, employee_id, day)
        select distinct f.connection_id, f.employee_id, (f.occurred_at at time zone coalesce(cn.time_zone, 'UTC'))::date + d
        from old_facts f join kpisync.connections cn on cn.id = f.connection_id, (values (0), (1)) n(d)
        where f.employee_id is not null and f.kind in ('call_in', 'call_out', 'meeting', 'task');
        insert into kpisync.kpi_dirty_deals (connection_id, deal_id)
        select distinct connection_id, deal_id from old_facts where deal_id is not null;
    end if;
    return null;
end $$;

create or replace function kpisync.mark_dirty_deals() returns trigger language plpgsql as $$
declare
    c integer;
begin
    select connection_id into c from new_deals limit 1;
    if not kpisync.has_kpi_state(c) and not exists (select 1 from new_deals where connection_id <> c) then
        return null;
    end if;
    insert into kpisync.kpi_dirty_deals (connection_id, deal_id)
    select distinct connection_id, crm_id from new_deals;
    return null;
end $$;
