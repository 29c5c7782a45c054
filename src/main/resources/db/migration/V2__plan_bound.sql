-- The plan's quality certificate (summary.bound) as JSON: computed after a solve, kept across restarts.
alter table plan add column bound text;
