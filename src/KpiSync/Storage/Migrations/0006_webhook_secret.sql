-- 0006: the secret in each connection's webhook URL (issue #3, near-real-time sync).
-- Why: amoCRM signs nothing, so the URL itself carries a secret; only its SHA-256 is stored.
alter table kpisync.connections add column if not exists webhook_secret_hash text;
