-- 0003: connection health and shared encryption keys (issue #3, real auth).
-- Why: a connection whose token was revoked, or whose account amoCRM blocked (HTML 403) or suspended (402), must stop
-- its jobs until an admin acts; and credentials are encrypted with ASP.NET Core Data Protection, whose keys every node
-- must read, so they live in the database too.
alter table kpisync.connections add column if not exists status text not null default 'active';
alter table kpisync.connections add column if not exists status_reason text;
alter table kpisync.connections add column if not exists status_changed_at timestamptz;
do $$ begin
    alter table kpisync.connections add constraint connections_status_check
        check (status in ('active', 'needs_reauthorization', 'blocked'));
exception when duplicate_object then null; end $$;

create table if not exists kpisync.data_protection_keys (
    id           integer generated always as identity primary key,
    friendly_name text not null unique,
    xml          text not null,
    created_at   timestamptz not null default now()
);
