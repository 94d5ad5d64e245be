-- member.departed_on (the day a member's relationship left the school, their 回执 back) is the member
-- module's column: only member code reads and writes it (Member.depart, through MemberDirectory.depart).
-- V17, a transfer migration, added it before each table had one owning module; applied migrations are never
-- edited, so the member module takes it over here, and any later change to it is a member migration.
comment on column member.departed_on is 'owned by the member module: the day the member left the school (their introduction letter''s 回执 came back)';
