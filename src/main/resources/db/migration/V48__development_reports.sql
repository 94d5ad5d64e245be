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

-- 集中培训 (step 11) as the 上级党委 records it once for a class: the training, its dates and 学时, and who attended;
-- step 11 recorded without days or hours takes them from here (record once).
create table development_training (
    id              bigserial primary key,
    name            varchar(100) not null,
    organization_id bigint       not null,
    starts_on       date         not null,
    ends_on         date         not null,
    hours           integer      not null check (hours between 1 and 500),
    recorded_by     varchar(64)  not null,
    recorded_at     timestamptz  not null,
    check (ends_on >= starts_on)
);
create table development_training_attendee (
    training_id  bigint not null references development_training (id),
    applicant_id bigint not null references applicant (id),
    primary key (training_id, applicant_id)
);
create index development_training_attendee_person_idx on development_training_attendee (applicant_id);
