-- A member leaving with an introduction letter: its 党费交至 is the last month this school bills. Kept until
-- the transfer is withdrawn or voided (then billing resumes from the next unbilled month).
create table dues_letter_out (
    member_id  bigint      primary key references member (id),
    last_month date        not null,
    letter_no  varchar(40),
    issued_at  timestamptz not null
);
