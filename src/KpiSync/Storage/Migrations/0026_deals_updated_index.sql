-- Every push stamps the KPI list with how fresh its data is: the newest change of the connection's deals. Without an
-- index that is a scan of every deal on every cycle; with it, one probe from the newest end.
create index if not exists deals_connection_updated on kpisync.deals (connection_id, updated_at);
