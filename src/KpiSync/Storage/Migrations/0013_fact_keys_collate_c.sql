-- 0013: fact keys compare byte-wise (issue #3, sync throughput).
-- Why: source_key is a technical key ("note:123", "lead:45:created"), never shown sorted to a person, yet under the
-- database's linguistic collation every comparison in its primary-key index went through strcoll. Each stored fact
-- and each "which of these do we hold" probe makes a dozen such comparisons; byte-wise ones cost a fraction.
-- For ASCII keys the order is the same as C.UTF-8's, so tie-breaks by source_key do not move. Rebuilds the index.
alter table kpisync.funnel_events alter column source_key type text collate "C";
