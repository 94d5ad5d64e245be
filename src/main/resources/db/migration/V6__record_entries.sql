-- 纪实: one chronicle per member, written by the record module from the events of the others.
-- Entries are never edited: a correction is a new entry. The database refuses updates and deletes.
create table record_entry (
    id          bigserial primary key,
    member_id   bigint       not null references member (id),
    occurred_at timestamptz  not null,
    kind        varchar(40)  not null,
    title       varchar(100) not null,
    detail      text,
    actor       varchar(64),
    source_type varchar(40)  not null,
    source_id   varchar(64)
);
create index record_entry_member_idx on record_entry (member_id, occurred_at desc, id desc);

create function record_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'record_entry is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger record_entry_no_update_delete before update or delete on record_entry
    for each row execute function record_entry_is_append_only();
