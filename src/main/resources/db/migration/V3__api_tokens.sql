-- The service's own API tokens (org.kamplanner.security.ApiTokens). Only the SHA-256 of a token is
-- stored: the secret is shown once, when the token is created. A token is 32 random bytes, so a plain
-- hash cannot be reversed by guessing; a lookup by hash finds it.
create table api_token (
    id          varchar(36)  primary key,
    name        varchar(200) not null,
    role        varchar(16)  not null,
    token_hash  char(64)     not null,
    created_at  timestamp with time zone not null,
    constraint api_token_hash unique (token_hash)
);
