-- Reminders sent, one per branch and period: running the job twice, or on two nodes, tells once.
create table orglife_reminder (
    organization_id bigint      not null references organization (id),
    period          varchar(10) not null,
    sent_at         timestamptz not null,
    primary key (organization_id, period)
);
