-- 考核: a year's indicator system, versioned (a change to the published system is a new draft version copied from
-- it, published in one step); its indicators; the branches' claims of manual indicators with their evidence;
-- adjustments of a score with a reason (a general branch's review, an upheld appeal); appeals (once per score);
-- the review and approval of an organisation's year; and the snapshot taken at approval.

create table assessment_system (
    id bigserial primary key,
    year int not null,
    version int not null,
    state varchar(10) not null check (state in ('DRAFT', 'PUBLISHED', 'REPLACED')),
    scores_general_branches boolean not null default false,
    copied_from bigint references assessment_system (id),
    created_by varchar(100) not null,
    created_at timestamptz not null,
    published_by varchar(100),
    published_at timestamptz,
    unique (year, version)
);
create unique index assessment_system_one_draft on assessment_system (year) where state = 'DRAFT';
create unique index assessment_system_one_published on assessment_system (year) where state = 'PUBLISHED';

-- an automatic indicator scores a module's figure (code = the figure's code): HIGHER_IS_BETTER figures get full
-- marks at target and proportionally less below; LOWER_IS_BETTER lose penalty points per unit above target
-- (the allowance). A manual indicator (automatic = false) is claimed by the organisation and scored by the level above.
create table assessment_indicator (
    id bigserial primary key,
    system_id bigint not null references assessment_system (id),
    position int not null,
    group_name varchar(100) not null,
    code varchar(80) not null,
    name varchar(200) not null,
    automatic boolean not null,
    max_score numeric(6, 2) not null check (max_score > 0),
    target numeric(12, 4),
    penalty numeric(6, 2),
    applies_to varchar(20) not null check (applies_to in ('BRANCH', 'GENERAL_BRANCH', 'BOTH')),
    description varchar(1000) not null default '',
    unique (system_id, code),
    check (automatic = false or target is not null)
);

create table assessment_claim (
    id bigserial primary key,
    year int not null,
    code varchar(80) not null,
    organization_id bigint not null,
    text varchar(2000) not null,
    claimed_score numeric(6, 2) not null check (claimed_score >= 0),
    state varchar(10) not null check (state in ('WAITING', 'SCORED')),
    claimed_by varchar(100) not null,
    claimed_at timestamptz not null,
    score numeric(6, 2) check (score >= 0),
    score_reason varchar(500),
    scored_by varchar(100),
    scored_at timestamptz,
    unique (year, code, organization_id),
    check (state = 'WAITING' or score is not null)
);
create index assessment_claim_org on assessment_claim (organization_id, year);

create table assessment_claim_file (
    id bigserial primary key,
    claim_id bigint not null references assessment_claim (id),
    file_key varchar(200) not null,
    file_name varchar(255) not null,
    content_type varchar(100) not null,
    size_bytes bigint not null
);
create index assessment_claim_file_claim on assessment_claim_file (claim_id);

-- the score that replaces the computed or claimed one, with who and why; the newest per (year, code, organisation) counts
create table assessment_adjustment (
    id bigserial primary key,
    year int not null,
    code varchar(80) not null,
    organization_id bigint not null,
    score numeric(6, 2) not null check (score >= 0),
    reason varchar(500) not null,
    adjusted_by varchar(100) not null,
    adjusted_at timestamptz not null
);
create index assessment_adjustment_org on assessment_adjustment (organization_id, year, code, adjusted_at);

create table assessment_appeal (
    id bigserial primary key,
    year int not null,
    code varchar(80) not null,
    organization_id bigint not null,
    reason varchar(1000) not null,
    appealed_by varchar(100) not null,
    appealed_at timestamptz not null,
    state varchar(10) not null check (state in ('OPEN', 'UPHELD', 'DISMISSED')),
    answer varchar(1000),
    answered_by varchar(100),
    answered_at timestamptz,
    unique (year, code, organization_id)
);
create index assessment_appeal_open on assessment_appeal (year, state);

-- reviewed by the general branch, approved by the committee; the snapshot (total, stars and every indicator as
-- JSON) is what the approved ranking shows, whatever changes later until the committee accepts a recomputation
create table assessment_result (
    year int not null,
    organization_id bigint not null,
    reviewed_by varchar(100),
    reviewed_at timestamptz,
    approved_by varchar(100),
    approved_at timestamptz,
    total numeric(5, 1),
    stars int,
    indicators text,
    primary key (year, organization_id),
    check (approved_at is null or (total is not null and stars is not null and indicators is not null))
);
