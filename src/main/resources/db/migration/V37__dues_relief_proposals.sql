-- Hardship relief is proposed by the branch and approved one level up (经党支部研究，报上一级党委批准):
-- a relief is PENDING until the general branch (or the committee, for a branch directly under it) approves
-- or refuses it with a reason; only APPROVED reliefs change bills. Reliefs granted before are kept as approved.
alter table dues_relief add column state varchar(10) not null default 'APPROVED'
    check (state in ('PENDING', 'APPROVED', 'REFUSED'));
alter table dues_relief add column proposed_by varchar(64);
alter table dues_relief add column proposed_at timestamptz;
-- the organisation whose administrators decide (the member's branch's parent)
alter table dues_relief add column approver_org_id bigint;
alter table dues_relief add column decision_note varchar(200);
-- the member's branch when proposed (reliefs granted before this change have none)
alter table dues_relief add column organization_id bigint;
update dues_relief set proposed_by = approved_by, proposed_at = approved_at;
alter table dues_relief alter column proposed_by set not null;
alter table dues_relief alter column proposed_at set not null;
alter table dues_relief alter column state drop default;
-- approved_by / approved_at: who decided and when (approved or refused); empty while pending
alter table dues_relief alter column approved_by drop not null;
alter table dues_relief alter column approved_at drop not null;
create index dues_relief_pending_idx on dues_relief (approver_org_id) where state = 'PENDING';
