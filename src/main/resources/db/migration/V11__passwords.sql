-- People sign in with a name and a password (bcrypt hash, never the password); machines keep API tokens.
-- A password someone else set (a reset) must be changed at its first use.
alter table users add column password_hash text;
alter table users add column password_must_change integer not null default 0;
