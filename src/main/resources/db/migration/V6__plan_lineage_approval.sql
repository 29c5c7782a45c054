-- Lineage (plan.Lineage): who made the plan (a token's name or a JWT subject; null for the plans stored
-- before), how (origin) and from which plan. No foreign key: a purged parent leaves its children, and their
-- parent_plan_id still says where they came from.
alter table plan add column created_by varchar(200);
alter table plan add column parent_plan_id varchar(64);
alter table plan add column origin varchar(16) default 'SUBMITTED' not null;
create index plan_parent on plan (parent_plan_id);

-- Approval (plan.Approval): the state, who changed it last and when, the date an approved plan takes effect
-- and the note of the approval or rejection. Every plan stored before is a draft.
alter table plan add column approval_state varchar(16) default 'DRAFT' not null;
alter table plan add column approval_by varchar(200);
alter table plan add column approval_at timestamp with time zone;
alter table plan add column effective_from date;
alter table plan add column approval_note varchar(2000);
