-- An incremental recompute redid every dirty deal from its whole history: a touch today on a year-old deal read the
-- deal's year of facts, one heap visit each (issue #4: a day of facts took two fifths of a full recompute). A deal
-- dirtied only by new touches dated in the running month changes only its running-month part, and that part can be
-- replayed from what the deal's last replay stored (its tail: the deal and its deal facts, and the touch that answered
-- its assignment in force when the month began) plus the month's touches alone.

-- The tail beside the digest of the parts it belongs to (DealTailCodec); a deal without one is replayed whole.
alter table kpisync.kpi_deal_digests add column if not exists tail bytea;

-- Why a deal is dirty: touched_from is the earliest of the touches a statement inserted on it when that is all the
-- statement did to it; null for anything else (a deal fact, an update, a delete, a change of the deal row).
alter table kpisync.kpi_dirty_deals add column if not exists touched_from timestamptz;

-- A deal's facts of the running month are found by the deal index without visiting the rest of its history.
create index if not exists funnel_events_connection_deal_time on kpisync.funnel_events (connection_id, deal_id, occurred_at) where deal_id is not null;
drop index if exists kpisync.funnel_events_connection_deal;

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
        insert into kpisync.kpi_dirty_deals (connection_id, deal_id, touched_from)
        select connection_id, deal_id,
               case when tg_op = 'INSERT' and bool_and(kind in ('call_in', 'call_out', 'meeting', 'task')) then min(occurred_at) end
        from new_facts where deal_id is not null
        group by connection_id, deal_id;
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
