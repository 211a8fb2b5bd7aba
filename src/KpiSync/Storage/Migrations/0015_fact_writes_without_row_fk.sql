-- A sync writes facts and deals by the hundred thousand, and PostgreSQL checks a foreign key row by row: the key to
-- connections cost about 4.4 µs of a fact's 18 µs of insert work. Each sync batch now holds its connection row once
-- (select … for key share, StreamRunner's batch), which is what the per-row check guaranteed: a connection cannot be
-- deleted under a batch that writes for it. Deleting a connection still deletes its facts and deals, by this trigger.
alter table kpisync.funnel_events drop constraint if exists funnel_events_connection_id_fkey;
alter table kpisync.deals drop constraint if exists deals_connection_id_fkey;

create or replace function kpisync.delete_connection_facts() returns trigger language plpgsql as $$
begin
    delete from kpisync.funnel_events where connection_id = old.id;
    delete from kpisync.deals where connection_id = old.id;
    return old;
end $$;

drop trigger if exists connections_delete_facts on kpisync.connections;
create trigger connections_delete_facts after delete on kpisync.connections
    for each row execute function kpisync.delete_connection_facts();
