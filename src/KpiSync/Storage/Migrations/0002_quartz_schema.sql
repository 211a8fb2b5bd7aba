-- 0002: an empty schema for Quartz's tables (issue #2).
-- Why: Quartz creates its own tables at start-up (ProvisionSchema) with the prefix quartz.qrtz_, but it does not
-- create the schema they live in. Keeping them out of public and out of kpisync; the tables themselves stay Quartz's.
create schema if not exists quartz;
