-- Members owing dues on a base with none approved: the branch and general branch are told once per member
-- and month the gap began, after party.dues.no-base-months months.
create table dues_no_base_notice (
    member_id  bigint      not null references member (id),
    since      date        not null,
    sent_at    timestamptz not null,
    primary key (member_id, since)
);
