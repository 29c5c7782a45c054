-- The hand-over frontier (POST /plans/{id}/frontier, docs/model.md "The hand-over frontier"): one row per
-- frontier and one per point, each point a cap on the hand-overs and, once submitted, the plan that solves it.
-- Every replica reads and advances frontiers here (frontier.FrontierStore), so a frontier reads the same on
-- every replica and after a restart. No foreign key to plan: a purged plan leaves its point, which says so.
create table frontier (
    id               varchar(64)   primary key,
    source_plan_id   varchar(64)   not null,
    client           varchar(200),
    -- Who asked for it (the token's name or the JWT subject): the createdBy of every point's plan.
    created_by       varchar(200),
    -- The request's settings (JSON), laid over the source's for every point.
    settings         text,
    -- True while the caps are still to be spread from the uncapped point's hand-overs (no list was given).
    default_caps     boolean       not null,
    created_at       timestamp with time zone not null
);

create table frontier_point (
    frontier_id        varchar(64)   not null references frontier (id) on delete cascade,
    point_index        integer       not null,
    -- null: no cap (the uncapped plan).
    max_moved_accounts integer,
    plan_id            varchar(64),
    -- A replica that submits the point claims it first; a claim older than a minute was lost with its replica.
    claimed_at         timestamp with time zone,
    -- Why the point has no plan when its submission was refused for good (the plan document's problem).
    error              text,
    primary key (frontier_id, point_index)
);
