-- 思想汇报: one per period (party.development.report-every-months) per person, written online or uploaded as a PDF
-- or a scan (kept here, recognised by its bytes), and the 考察意见 the 培养联系人 or the branch writes on it.
create table development_report (
    id              bigserial primary key,
    applicant_id    bigint        not null references applicant (id),
    organization_id bigint        not null,
    period_start    date          not null,
    period_end      date          not null,
    body            varchar(20000),
    file_name       varchar(200),
    content_type    varchar(100),
    size_bytes      integer,
    content         bytea,
    submitted_at    timestamptz   not null,
    submitted_by    varchar(64)   not null,
    opinion         varchar(2000),
    opinion_by      varchar(64),
    opinion_name    varchar(50),
    opinion_at      timestamptz,
    check (body is not null or content is not null),
    check (period_end >= period_start),
    unique (applicant_id, period_start)
);
-- the 待办's question: who handed in for a period
create index development_report_period_idx on development_report (period_start, applicant_id);
-- the 联系人's question: whom a member cultivates (step 5's people)
create index development_step_contacts_idx on development_step using gin (people) where step = 5 and decision = 'APPROVED';
