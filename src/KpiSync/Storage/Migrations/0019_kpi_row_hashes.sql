-- A hash per value row beside each cell's hash (issue #4): a cell whose hash changed sent all of its ~40 rows, with
-- their explanations, through a staging table, though a day of facts changes a handful of them (calls, idle time,
-- attention, pay). Now only the rows whose hash changed are staged, and the rows that vanished are deleted by key.
-- Null for cells written before: those are staged whole, and their vanished rows found against the staging table.
alter table kpisync.kpi_cells add column if not exists row_hashes bytea;
