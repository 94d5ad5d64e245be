-- 会议记录: one set of minutes per meeting, locked once the organiser signs it off; later changes are
-- amendments, each kept (the database refuses to change or delete one).
create table meeting_minutes (
    meeting_id     bigint       primary key references meeting (id),
    text           text         not null,
    resolutions    text,
    signed_off_at  timestamptz,
    signed_off_by  varchar(64),
    updated_at     timestamptz  not null,
    version        bigint       not null default 0
);

create table meeting_minutes_amendment (
    id           bigserial    primary key,
    meeting_id   bigint       not null references meeting_minutes (meeting_id),
    text         text         not null,
    resolutions  text,
    reason       varchar(200) not null,
    amended_at   timestamptz  not null,
    amended_by   varchar(64)  not null
);
create index meeting_minutes_amendment_idx on meeting_minutes_amendment (meeting_id, amended_at);

create function meeting_minutes_amendment_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'meeting_minutes_amendment is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger meeting_minutes_amendment_no_update_delete before update or delete on meeting_minutes_amendment
    for each row execute function meeting_minutes_amendment_is_append_only();
