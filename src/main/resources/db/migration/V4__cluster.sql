-- Replicas share this database (docs/deployment.md). Solve jobs are db-scheduler executions: one row per
-- job in its table, picked by one replica, kept alive by its heartbeat; a replica that dies leaves a row
-- with a stale heartbeat that another replica revives. Columns as db-scheduler 16 reads and writes them.
create table scheduled_tasks (
    task_name            varchar(100) not null,
    task_instance        varchar(100) not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean not null,
    picked_by            varchar(100),
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);

-- client: who submitted the plan, for the per-client quota counted over all replicas.
-- stop_requested: a stop (DELETE) on any replica; the replica solving the plan reads it and stops.
-- solve_epoch, solved_by: the fence. Each start of a solve takes the next epoch; a replica writes progress
-- only while the epoch is still its own, so a replica that was given up for dead cannot overwrite the
-- solve that took over.
alter table plan add column client varchar(200);
alter table plan add column stop_requested boolean default false not null;
alter table plan add column solve_epoch bigint default 0 not null;
alter table plan add column solved_by varchar(200);
create index plan_status on plan (status);

-- Admission takes this row's lock: counting the unfinished plans and adding one is one step over all
-- replicas, so concurrent submissions cannot overshoot the queue limit or a client's quota.
create table plan_admission (id int primary key);
insert into plan_admission (id) values (1);
