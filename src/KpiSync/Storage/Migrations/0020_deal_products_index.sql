-- Every recompute counts the product catalog (distinct products of live deals, for product-line coverage): a scan of
-- every deal, 40–200 ms at 125 000 deals, each time. With this index it walks the distinct products, one probe each.
create index if not exists deals_connection_product on kpisync.deals (connection_id, product)
    where not is_deleted and product is not null and product <> '';
