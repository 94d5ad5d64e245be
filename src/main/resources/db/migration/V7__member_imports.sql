-- Member imports: one row per uploaded file, for its progress and its outcome. The members themselves
-- are written in a single transaction at the end, so a crash never leaves half a file behind; a job
-- whose heartbeat stops is reported as interrupted.
create table member_import (
    id             uuid         primary key,
    account_id     bigint       not null references account (id),
    username       varchar(64)  not null,
    file_name      varchar(255) not null,
    mode           varchar(20)  not null,
    on_existing    varchar(10)  not null,
    status         varchar(10)  not null,
    phase          varchar(20)  not null,
    total_rows     int,
    rows_read      int          not null default 0,
    rows_to_write  int          not null default 0,
    rows_written   int          not null default 0,
    created_count  int          not null default 0,
    updated_count  int          not null default 0,
    skipped_count  int          not null default 0,
    error_count    int          not null default 0,
    errors         text,
    message        text,
    -- the one-time passwords of the new accounts, encrypted; erased once downloaded
    credentials    text,
    started_at     timestamptz  not null default now(),
    heartbeat_at   timestamptz  not null default now(),
    finished_at    timestamptz
);
create index member_import_account_idx on member_import (account_id, started_at desc);
