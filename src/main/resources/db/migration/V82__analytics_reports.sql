-- 党建工作分析报告 (analytics, helper R): one row per report, written as it runs (state and progress), the figures it
-- was made from kept as they were (figures: the dashboard value as JSON), its .docx and .pdf in the file store.
create table analytics_report (
    id uuid primary key,
    org_id bigint not null,
    org_name varchar(200) not null,
    period varchar(10) not null,
    state varchar(10) not null check (state in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    progress integer not null default 0 check (progress between 0 and 100),
    -- who asked (null with scheduled: the schedule made it)
    requested_by bigint,
    requested_by_name varchar(100),
    scheduled boolean not null default false,
    figures jsonb,
    docx_key varchar(300),
    pdf_key varchar(300),
    docx_size bigint,
    pdf_size bigint,
    error varchar(1000),
    created_at timestamptz not null,
    heartbeat_at timestamptz not null,
    finished_at timestamptz,
    check (scheduled or requested_by is not null),
    check (state <> 'DONE' or (docx_key is not null and pdf_key is not null and figures is not null))
);

-- the schedule makes one report per organisation and period, whatever the number of nodes or runs
create unique index analytics_report_scheduled_once on analytics_report (org_id, period) where scheduled;
create index analytics_report_org_created on analytics_report (org_id, created_at desc);
