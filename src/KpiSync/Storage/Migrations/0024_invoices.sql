-- 0024: invoices read from the account's invoices catalog ("Счета/Покупки").
-- Why: accounts that keep money in invoices need receivables from them (KPI.md: invoiced − paid). An invoice knows
-- nothing of its deal; a lead lists its catalog elements (with=catalog_elements), so the leads stream records the
-- links here and the invoices read attributes through them. invoice_catalogs says which catalog is read (and so that
-- the connection's receivables come from invoices); no row: the paid-amount lead field is the payment source.
create table if not exists kpisync.invoice_catalogs (
    connection_id integer primary key references kpisync.connections(id) on delete cascade,
    catalog_id    bigint not null,
    invoices      integer not null default 0,
    read_at       timestamptz
);

create table if not exists kpisync.invoice_links (
    connection_id integer not null references kpisync.connections(id) on delete cascade,
    invoice_id    bigint not null,
    lead_id       bigint not null,
    primary key (connection_id, invoice_id)
);
create index if not exists invoice_links_lead on kpisync.invoice_links (connection_id, lead_id);
