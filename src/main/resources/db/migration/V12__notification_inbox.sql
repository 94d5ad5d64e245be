-- 通知: each person's inbox in the platform; other modules' events put things in it.
create table notification (
    id          bigserial    primary key,
    account_id  bigint       not null references account (id),
    title       varchar(200) not null,
    body        text,
    link        varchar(300),
    created_at  timestamptz  not null,
    read_at     timestamptz
);
create index notification_inbox_idx on notification (account_id, created_at desc);
