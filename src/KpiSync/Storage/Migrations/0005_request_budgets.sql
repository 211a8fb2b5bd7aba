-- 0005: one CRM request budget per connection, shared by every node (issue #3).
-- Why: amoCRM allows 7 requests per second per integration; two nodes (or a CLI run beside the scheduler) pacing
-- themselves separately would exceed it together and get the account blocked. Slots are handed out from the
-- database clock, so node clock skew does not matter.
create table if not exists kpisync.request_budgets (
    connection_id integer primary key,
    next_slot     timestamptz not null
);
