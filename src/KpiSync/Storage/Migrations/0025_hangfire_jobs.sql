-- 0025: jobs run by Hangfire instead of Quartz.
-- Why: Hangfire keeps its own tables in schema hangfire, installed by the migrator after these scripts; Quartz's
-- schema and tables are no longer read by anything. job_runs keeps its history but now records Hangfire jobs: a job
-- id instead of a fire instance, a queue instead of a trigger group, what started it, and the outcomes a cycle job
-- can have besides success and failure (skipped: the connection's cycle was already running; cancelled: deleted or
-- aborted; requeued: the node stopped and handed it back).
drop schema if exists quartz cascade;

alter table kpisync.job_runs rename column job_group to queue;
alter table kpisync.job_runs rename column job_name to job;
alter table kpisync.job_runs rename column trigger_name to kind;
alter table kpisync.job_runs rename column fire_instance_id to job_id;
alter table kpisync.job_runs add column if not exists connection_id integer references kpisync.connections(id) on delete cascade;
alter table kpisync.job_runs drop constraint if exists job_runs_status_check;
alter table kpisync.job_runs add constraint job_runs_status_check
    check (status in ('running', 'succeeded', 'failed', 'vetoed', 'skipped', 'cancelled', 'requeued'));
drop index if exists kpisync.job_runs_job_started;
create index if not exists job_runs_job_started on kpisync.job_runs (job, started_at desc);
create index if not exists job_runs_job_id on kpisync.job_runs (job_id);

-- A resync's range and streams: the Hangfire job carries only this row's id.
create table if not exists kpisync.resync_requests (
    id            bigint generated always as identity primary key,
    connection_id integer not null references kpisync.connections(id) on delete cascade,
    range_from    timestamptz,
    range_to      timestamptz,
    streams       text[],
    requested_by  text,
    requested_at  timestamptz not null default now()
);

-- rerun_requested: a webhook arrived while the connection's cycle was running; the running cycle goes once more.
-- schedule_paused: an admin paused the connection's recurring cycle (webhooks and resyncs still run).
alter table kpisync.connections add column if not exists rerun_requested boolean not null default false;
alter table kpisync.connections add column if not exists schedule_paused boolean not null default false;
