-- 0008: a hash of each stored employee-period's values (issue #4).
-- Why: a recompute produces every value of its scope; comparing one hash per cell instead of every row lets it
-- send PostgreSQL only the cells that changed — a full recompute of an unchanged year writes almost nothing.
create table if not exists kpisync.kpi_cells (
    connection_id integer not null references kpisync.connections(id) on delete cascade,
    employee_id   bigint not null,
    period        text not null,
    hash          text not null,
    primary key (connection_id, period, employee_id)
);
