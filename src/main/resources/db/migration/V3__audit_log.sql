create table audit_event (
    id          bigserial primary key,
    occurred_at timestamptz  not null default now(),
    actor       varchar(64)  not null,
    ip          varchar(64),
    action      varchar(64)  not null,
    entity_type varchar(64),
    entity_id   varchar(64),
    summary     text,
    outcome     varchar(16)  not null
);
create index audit_event_time_idx on audit_event (occurred_at desc, id desc);
create index audit_event_actor_idx on audit_event (lower(actor), occurred_at desc);
create index audit_event_action_idx on audit_event (action, occurred_at desc);

-- Append-only, enforced by the database itself: no path updates or deletes an entry.
create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_event_no_update_delete before update or delete on audit_event
    for each row execute function audit_event_is_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_is_append_only();
