-- 发展党员 as 25 recorded steps. The applicant row becomes the person's file: their account, their particulars
-- sealed for the day they are admitted (encrypted like an incoming transfer's), the member they became, and the
-- next step with the first date it is possible (kept with each step so the pipeline board reads one row a person).
alter table applicant
    add column ethnicity     varchar(20),
    add column education     varchar(20),
    add column account_id    bigint,
    add column member_id     bigint,
    add column particulars   text,
    add column next_step     integer,
    add column next_possible date,
    add column closed        varchar(20);

-- A step as the level that did it recorded it: 通过 or 退回 with a reason, the evidence, the people named,
-- the training, the 支部大会's counts, an extension of the 预备期, the 公示's start.
create table development_step (
    id               bigserial primary key,
    applicant_id     bigint       not null references applicant (id),
    step             integer     not null check (step between 1 and 25),
    done_on          date         not null,
    decision         varchar(10)  not null,
    reason           varchar(500),
    note             varchar(4000),
    people           bigint[],
    people_names     varchar(200),
    days             integer,
    hours            integer,
    expected         integer,
    present          integer,
    yes              integer,
    no               integer,
    abstain          integer,
    written_yes      integer,
    written_no       integer,
    extension_months integer,
    notice_from      date,
    cancelled        boolean      not null default false,
    organization_id  bigint       not null,
    actor            varchar(64)  not null,
    recorded_at      timestamptz  not null default now()
);
create index development_step_person_idx on development_step (applicant_id, id);
create index development_step_year_idx on development_step (step, done_on) where decision = 'APPROVED';

-- Files recorded before steps existed keep what was known: the application, and the entry step of the stage
-- reached, dated when it was reached (the steps between were done on paper).
insert into development_step (applicant_id, step, done_on, decision, organization_id, actor, note)
select id, 1, applied_on, 'APPROVED', organization_id, 'system', '历史档案' from applicant;
insert into development_step (applicant_id, step, done_on, decision, organization_id, actor, note)
select a.id, s.step, a.stage_since, 'APPROVED', a.organization_id, 'system', '历史档案（纸质材料）'
from applicant a
join generate_series(2, 24) as s(step) on s.step <= case a.stage when 'ACTIVIST' then 3 when 'CANDIDATE' then 7
    when 'PROBATIONARY' then 17 when 'FULL' then 24 else 1 end;
update applicant set next_step = case stage when 'ACTIVIST' then 4 when 'CANDIDATE' then 8
    when 'PROBATIONARY' then 18 when 'FULL' then 25 else 2 end;
create index applicant_pipeline_idx on applicant (organization_id, stage, next_step);
