-- analytics: each scope's dashboard of a period as last computed, so every view of it reads one value
create table analytics_dashboard (
    org_id       bigint       not null,
    period       varchar(7)   not null,
    computed_at  timestamptz  not null,
    body         jsonb        not null,
    primary key (org_id, period)
);
