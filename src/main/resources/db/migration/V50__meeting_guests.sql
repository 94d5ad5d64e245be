-- 党课 and 培训班 open to people who are not members yet: 入党积极分子 and 发展对象 invited as guests (by their
-- development file, with the account they sign in with), checked in by the same rotating code or by the organiser's
-- hand. Guests have no audience row: a meeting does not count toward a branch's 三会一课 through them.
create table meeting_guest (
    meeting_id      bigint       not null references meeting (id),
    person_id       bigint       not null,
    account_id      bigint,
    name            varchar(50)  not null,
    organization_id bigint       not null,
    primary key (meeting_id, person_id)
);
create index meeting_guest_account_idx on meeting_guest (account_id);

create table meeting_guest_checkin (
    meeting_id    bigint      not null,
    person_id     bigint      not null,
    checked_in_at timestamptz not null,
    manual        boolean     not null,
    recorded_by   varchar(64) not null,
    primary key (meeting_id, person_id),
    foreign key (meeting_id, person_id) references meeting_guest (meeting_id, person_id)
);

-- a training taken from a meeting's guests (development learns it by an event) is one record per meeting
alter table development_training add column meeting_id bigint unique;
