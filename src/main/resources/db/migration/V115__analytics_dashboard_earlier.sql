-- analytics: an organisation's own figures of a period that is over, as a dashboard's comparison columns computed them
-- when no dashboard of that period was kept: the next dashboard reads them instead of computing them again (at a
-- province each is a pass over 20 000 branches and every module's figures)
create table analytics_dashboard_earlier (
    org_id       bigint       not null,
    period       varchar(7)   not null,
    computed_at  timestamptz  not null,
    body         jsonb        not null,
    primary key (org_id, period)
);
