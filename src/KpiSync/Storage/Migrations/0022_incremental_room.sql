-- An incremental recompute asks which deals time alone changed since the last one: a payment falling due, a deal
-- created with a later date. That read every deal (a sequential scan, 30-100 ms at 125 000 deals); these indexes
-- answer it with two short range scans.
create index if not exists deals_connection_payment_due on kpisync.deals (connection_id, payment_due) where payment_due is not null;
create index if not exists deals_connection_created on kpisync.deals (connection_id, created_at);

-- Stored values and running months are rewritten in place by every recompute (a day changes ~8 000 value rows):
-- room left on each page lets PostgreSQL keep the new version on the same page without touching the indexes. Pages
-- written from now on keep it; existing ones after a VACUUM FULL (optional).
alter table kpisync.kpi_values set (fillfactor = 80);
alter table kpisync.kpi_cells set (fillfactor = 80);
alter table kpisync.kpi_cell_sums set (fillfactor = 80);
