-- 组织关系转接. A transfer waits at one stage at a time; the member moves only when the receiving branch accepts.
create table transfer (
    id              bigserial primary key,
    member_id       bigint       not null references member (id),
    kind            varchar(10)  not null check (kind in ('INTERNAL', 'OUTGOING', 'INCOMING')),
    -- ISSUED: an outgoing letter is out, waiting for its 回执; RECEIPTED: the 回执 came back, the member has left
    state           varchar(10)  not null check (state in ('PENDING', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'ISSUED', 'RECEIPTED')),
    stage           varchar(20),
    from_org_id     bigint       not null references organization (id),
    to_org_id       bigint references organization (id),
    to_org_name     varchar(100),
    to_org_kind     varchar(20),
    to_org_address  varchar(200),
    letter_no       varchar(40) unique,
    verify_code     varchar(20) unique,
    issued_at       timestamptz,
    valid_until     date,
    paid_up_to      varchar(7),
    receipt_no      varchar(64),
    receipt_on      date,
    crosses         boolean      not null,
    reason          varchar(200) not null,
    started_by      varchar(64)  not null,
    started_at      timestamptz  not null,
    closed_at       timestamptz,
    check ((state = 'PENDING') = (stage is not null))
);
-- at most one open transfer per member, whatever arrives at the same moment
create unique index transfer_one_open_idx on transfer (member_id) where state in ('PENDING', 'ISSUED');
create sequence transfer_letter_seq;

-- A member whose relationship left the school (the 回执 of their letter came back): off the active lists, history kept.
alter table member add column departed_on date;
create index transfer_from_idx on transfer (from_org_id, state);
create index transfer_to_idx on transfer (to_org_id, state);

-- Every step, kept: who approved, refused, accepted or withdrew, when, and why.
create table transfer_step (
    id          bigserial primary key,
    transfer_id bigint       not null references transfer (id),
    stage       varchar(20)  not null,
    action      varchar(10)  not null,
    actor       varchar(64)  not null,
    note        varchar(200),
    at          timestamptz  not null
);
create index transfer_step_transfer_idx on transfer_step (transfer_id);

-- Every letter issued for a transfer, the lapsed ones reissued too: an old code still verifies, as superseded.
create table transfer_letter (
    verify_code   varchar(20)  primary key,
    transfer_id   bigint       not null references transfer (id),
    letter_no     varchar(40)  not null,
    issued_at     timestamptz  not null,
    valid_until   date         not null,
    superseded_at timestamptz
);
create index transfer_letter_transfer_idx on transfer_letter (transfer_id);

-- The last sign of each member: a check-in, a payment, a contact the secretary recorded.
create table member_contact (
    member_id   bigint       primary key references member (id),
    last_at     timestamptz  not null,
    how         varchar(100) not null
);
