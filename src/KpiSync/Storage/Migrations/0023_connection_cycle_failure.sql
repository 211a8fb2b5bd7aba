-- 0023: a connection's last failed cycle: why and when.
-- Why: a cycle that failed for any reason but revoked credentials or a block (the CRM down, a cut-off response, a
-- bug) left the connection showing "active". Kept apart from status on purpose: a status other than active stops the
-- jobs until an admin acts, while a failing connection goes on being tried and a successful cycle clears this.
alter table kpisync.connections add column if not exists cycle_error text;
alter table kpisync.connections add column if not exists cycle_failed_at timestamptz;
