-- The ranking kept per year and organisation (issue 23): each assessed organisation's live score as last computed
-- under the year's published system, so that a province's ranking (20 000 branches scored through every module's
-- figures: 14 s) is served at once. Approvals stay in assessment_result: nothing here replaces what a reviewer decided.
create table assessment_standing (
    year            int           not null,
    organization_id bigint        not null,
    system_id       bigint        not null,
    org_name        text          not null,
    org_type        varchar(30)   not null,
    total           numeric(5, 1) not null,
    stars           int           not null,
    -- the indicators' scores as JSON, texts in Chinese as the approval snapshots keep them
    indicators      text          not null,
    computed_at     timestamptz   not null,
    primary key (year, organization_id)
);

-- One row a year once its ranking was computed whole: under which system, when its figures were measured (数据截至),
-- and when the tree last changed (a change after computed_at asks for the ranking to be computed again).
create table assessment_ranking (
    year        int primary key,
    system_id   bigint      not null,
    computed_at timestamptz not null,
    changed_at  timestamptz
);
