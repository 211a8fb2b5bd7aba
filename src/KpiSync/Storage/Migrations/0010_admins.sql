-- 0010: dashboard admin accounts (issue #5, sign-in).
-- Why: every page under /admin needs a signed-in admin. Accounts are created with `kpisync admins add` or seeded from
-- Admin:Bootstrap:*; only ASP.NET Core Identity's password hash (PBKDF2, salted) is stored, never the password.
create table if not exists kpisync.admins (
    id               integer generated always as identity primary key,
    user_name        text not null,
    password_hash    text not null,
    created_at       timestamptz not null default now(),
    password_set_at  timestamptz not null default now(),
    last_sign_in_at  timestamptz
);
-- User names are matched case-insensitively: "Anna" and "anna" are one account.
create unique index if not exists admins_user_name on kpisync.admins (lower(user_name));
