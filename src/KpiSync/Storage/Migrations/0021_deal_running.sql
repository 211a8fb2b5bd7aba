-- A deal touched today changes only its running-month part. That part lived among the deal's year of parts in
-- kpi_deal_parts and its digest among all digests, so the 7 000 deals a day touches were 7 000 probes into one large
-- table and 14 000 updates scattered over two (issue #4: half of an incremental recompute). The running month of each
-- deal — its parts of the month and its touches dated in it, what replaying the month from its tail takes — now lives
-- in a row of its own in a small table, which an incremental recompute reads and rewrites alone; kpi_deal_parts and the
-- digests keep the months before.
create table if not exists kpisync.kpi_deal_running (
    connection_id integer not null references kpisync.connections (id) on delete cascade,
    deal_id bigint not null,
    period text not null,            -- the running month the row was written in (a new month starts over from a full recompute)
    employees bigint[] not null,     -- whose cells the parts count in, for finding a cell's deals
    body bytea not null,             -- RunningDealCodec: the touches, then the parts by employee
    primary key (connection_id, deal_id)
) with (fillfactor = 80);            -- rows are rewritten in place (no index holds the body): room on the page keeps that cheap

-- Parts stored in the old layout go: the next recompute is a full one (parts version 3) and writes them all again.
truncate kpisync.kpi_deal_parts, kpisync.kpi_deal_digests;
