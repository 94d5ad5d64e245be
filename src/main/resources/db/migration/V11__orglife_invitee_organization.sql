-- Where each invitee belonged when invited: compliance counts a meeting for the branches whose
-- members it invited (a college's 党课 counts for each of its branches), without reading other
-- modules' tables.
alter table meeting_invitee add column organization_id bigint references organization (id);
update meeting_invitee i set organization_id = (select m.organization_id from member m where m.id = i.member_id);
alter table meeting_invitee alter column organization_id set not null;
create index meeting_invitee_org_idx on meeting_invitee (organization_id, meeting_id);
