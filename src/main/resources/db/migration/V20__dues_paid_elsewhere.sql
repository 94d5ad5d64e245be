-- A member who arrived with an introduction letter: 党费交至 as the letter states it. Months up to then were paid
-- to the organisation they came from, so they are never billed here.
create table dues_paid_elsewhere (
    member_id  bigint       primary key references member (id),
    up_to      date         not null check (extract(day from up_to) = 1),
    source     varchar(200) not null
);
