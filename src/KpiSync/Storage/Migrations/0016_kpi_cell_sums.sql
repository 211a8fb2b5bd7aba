-- 0016: each cell's sum of parts, stored, so an incremental recompute moves a cell by its redone deals' new parts minus
-- their old ones instead of re-reading every part, day and client win of the cell (issue #4).
-- Why: a day of facts redoes a few thousand deals, but the cells they reach hold hundreds of thousands of parts; a
-- running month alone holds a part for every open deal. The body (CellSumCodec) is the cell's totals plus what taking a
-- part out needs: parts per product sold and per decimal scale. The first recompute after this one is a full one.
create table if not exists kpisync.kpi_cell_sums (
    connection_id integer not null references kpisync.connections(id) on delete cascade,
    employee_id   bigint not null,
    period        text not null,
    body          bytea not null,
    primary key (connection_id, employee_id, period)
);
