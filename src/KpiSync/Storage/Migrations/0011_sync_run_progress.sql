-- 0011: live progress of a running sync, and its retries (issue #5, dashboard runs page).
-- Why: the dashboard shows a running sync's progress bar (pages done of an estimated total, records/s, ETA) by
-- polling; the sync writes its counts to its sync_runs row every Sync:ProgressEvery while it runs.
alter table kpisync.sync_runs add column if not exists pages_estimate integer;
alter table kpisync.sync_runs add column if not exists retries integer not null default 0;
alter table kpisync.sync_runs add column if not exists progress_at timestamptz;
create index if not exists sync_runs_running on kpisync.sync_runs (connection_id) where status = 'running';
create index if not exists sync_runs_started on kpisync.sync_runs (started_at desc);
