-- 民主评议党员: once a year per branch. The votes themselves live in interaction's secret ballot boxes (one box per
-- evaluation records who took part; one box per member evaluated holds the grades given to that member, with no
-- voter). These tables hold no voter: the self-assessments (by their author), the counts per member evaluated
-- tallied at the close, and the branch's proposal and the general branch's approval.

create table assessment_evaluation (
    id bigserial primary key,
    branch_id bigint not null,
    year int not null,
    opens_at timestamptz not null,
    closes_at timestamptz not null,
    closed_early_at timestamptz,
    box_id bigint not null,
    tallied_at timestamptz,
    state varchar(10) not null default 'VOTING' check (state in ('VOTING', 'TALLIED', 'PROPOSED', 'RETURNED', 'APPROVED')),
    returned_reason varchar(500),
    proposed_by varchar(100),
    proposed_at timestamptz,
    approved_by varchar(100),
    approved_at timestamptz,
    created_by varchar(100) not null,
    created_at timestamptz not null,
    unique (branch_id, year),
    check (closes_at > opens_at)
);
create index assessment_evaluation_due on assessment_evaluation (closes_at) where tallied_at is null;

-- the secret box of each member evaluated: the grades others gave them, no voter
create table assessment_evaluation_box (
    evaluation_id bigint not null references assessment_evaluation (id),
    member_id bigint not null,
    box_id bigint not null,
    primary key (evaluation_id, member_id)
);

create table assessment_evaluation_self (
    evaluation_id bigint not null references assessment_evaluation (id),
    member_id bigint not null,
    text varchar(3000) not null,
    updated_at timestamptz not null,
    primary key (evaluation_id, member_id)
);

-- counts only, per member evaluated; then the grade the branch proposes (and, for 不合格, the step of the
-- regulation it records) and the grade the general branch approves
create table assessment_evaluation_result (
    evaluation_id bigint not null references assessment_evaluation (id),
    member_id bigint not null,
    excellent int not null,
    qualified int not null,
    basically_qualified int not null,
    unqualified int not null,
    abstained int not null,
    proposed_grade varchar(20) check (proposed_grade in ('EXCELLENT', 'QUALIFIED', 'BASICALLY_QUALIFIED', 'UNQUALIFIED')),
    step varchar(20) check (step in ('RECTIFY', 'PERSUADE_TO_WITHDRAW', 'EXPEL')),
    note varchar(500),
    approved_grade varchar(20) check (approved_grade in ('EXCELLENT', 'QUALIFIED', 'BASICALLY_QUALIFIED', 'UNQUALIFIED')),
    primary key (evaluation_id, member_id)
);
