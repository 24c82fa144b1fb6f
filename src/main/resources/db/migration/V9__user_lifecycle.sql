-- Users can be revoked (every way in ends) and tokens can expire; a revoked user's tokens are deleted.
alter table users add column revoked_at text;
alter table api_tokens add column expires_at text;

-- Changes to users asked for on the command line while a server serves the database: the server applies
-- them on its own writer's turn (so no second process writes the audit chain) and notes the outcome.
-- A command carries a token's hash, never the token.
create table user_commands (
    id            integer primary key autoincrement,
    command       text not null,
    requested_at  text not null,
    done_at       text,
    outcome       text
);
