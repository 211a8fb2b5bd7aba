-- 0012: one row per Quartz job execution, on whichever node ran it (issue #5, dashboard jobs page and cluster tests).
-- Why: Quartz keeps no history; the dashboard shows each job's last outcome and duration, and an operator (or a
-- test) can see which node ran a fire and whether it was a recovery of a dead node's job.
create table if not exists kpisync.job_runs (
    id               bigint generated always as identity primary key,
    job_group        text not null,
    job_name         text not null,
    trigger_name     text,
    fire_instance_id text not null,
    node             text not null,
    recovering       boolean not null default false,
    started_at       timestamptz not null,
    finished_at      timestamptz,
    status           text not null check (status in ('running', 'succeeded', 'failed', 'vetoed')),
    error            text
);
create index if not exists job_runs_job_started on kpisync.job_runs (job_group, job_name, started_at desc);
