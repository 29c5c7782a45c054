-- One row per plan: the document as submitted, and the best assignment found so far. The document is
-- stored whole (JSON text): it is read and written as one piece and its shape is the API's.
create table plan (
    id          varchar(64)  primary key,
    name        varchar(1000),
    status      varchar(16)  not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    score       varchar(200),
    feasible    boolean,
    document    text         not null,
    assignments text,
    warnings    text,
    error       text
);

create index plan_created_at on plan (created_at);
