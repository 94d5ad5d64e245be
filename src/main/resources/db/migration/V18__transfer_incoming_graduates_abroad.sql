-- 转入: a letter from outside the school. The member-to-be is described as on the letter (their details
-- sealed — encrypted — until acceptance); the member and their account exist only once the branch accepts.
alter table transfer alter column member_id drop not null;
alter table transfer add column from_org_name varchar(100);
alter table transfer add column incoming_letter_no varchar(40);
alter table transfer add column incoming_name varchar(50);
alter table transfer add column incoming_sealed text;
alter table transfer add constraint transfer_member_known check (member_id is not null or (kind = 'INCOMING' and state <> 'ACCEPTED'));
-- one letter is registered once while it is open or done
create unique index transfer_incoming_letter_idx on transfer (from_org_name, incoming_letter_no)
    where kind = 'INCOMING' and state in ('PENDING', 'ACCEPTED');

-- The June graduation batch: the committee picks graduates, chooses each one's destination, and the letters
-- are issued and printed in the background; each transfer is still tracked on its own.
create table transfer_batch (
    id              bigserial primary key,
    organization_id bigint       not null references organization (id),
    graduation_year int          not null,
    started_by      varchar(64)  not null,
    started_at      timestamptz  not null,
    total           int          not null,
    done            int          not null default 0,
    state           varchar(10)  not null check (state in ('RUNNING', 'DONE', 'FAILED')),
    error           varchar(300),
    finished_at     timestamptz
);
alter table transfer add column batch_id bigint references transfer_batch (id);
create index transfer_batch_idx on transfer (batch_id) where batch_id is not null;

-- A graduate with no employer yet may keep their relationship at the school for up to two years, in a named
-- branch, with a contact person; kept longer, they are listed as 口袋党员.
create table graduate_stay (
    member_id       bigint       primary key references member (id),
    organization_id bigint       not null references organization (id),
    contact_name    varchar(50)  not null,
    contact_phone   varchar(30),
    since           date         not null,
    batch_id        bigint references transfer_batch (id),
    ended_on        date
);

-- A member studying or working abroad: contact at least every six months, else 口袋党员 (出国（境）未联系).
create table member_abroad (
    member_id   bigint       primary key references member (id),
    country     varchar(50)  not null,
    since       date         not null,
    recorded_by varchar(64)  not null
);
