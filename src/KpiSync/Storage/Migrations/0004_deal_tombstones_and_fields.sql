-- 0004: deleted deals as tombstones, and the lead fields KPIs need (issue #3).
-- Why: a deleted CRM lead must stop counting in KPIs while its history stays, and a restored one must come back;
-- deleted_at orders a deletion against later updates. Cost, segment, product, labor, source and tags feed the
-- profit, attention and product-coverage indicators.
alter table kpisync.deals add column if not exists deleted_at timestamptz;
alter table kpisync.deals add column if not exists source_id bigint;
alter table kpisync.deals add column if not exists tags text[];
alter table kpisync.deals add column if not exists labor_cost_s integer;
alter table kpisync.deals add column if not exists cost numeric(18, 2);
alter table kpisync.deals add column if not exists segment text;
alter table kpisync.deals add column if not exists product text;
alter table kpisync.deals add column if not exists paid_amount numeric(18, 2);
alter table kpisync.deals add column if not exists payment_due timestamptz;
create index if not exists deals_connection_deleted on kpisync.deals (connection_id) where is_deleted;
