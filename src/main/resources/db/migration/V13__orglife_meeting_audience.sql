-- Which organisations a meeting invited (one row per meeting and organisation, not per person):
-- compliance reads these — about one row per meeting — instead of every invitation.
create table meeting_audience (
    meeting_id      bigint not null references meeting (id),
    organization_id bigint not null references organization (id),
    primary key (meeting_id, organization_id)
);
create index meeting_audience_org_idx on meeting_audience (organization_id, meeting_id);
insert into meeting_audience (meeting_id, organization_id)
select distinct meeting_id, organization_id from meeting_invitee;
create index meeting_start_idx on meeting (start_at);
